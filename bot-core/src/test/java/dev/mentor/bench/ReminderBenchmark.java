package dev.mentor.bench;

import dev.mentor.chat.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learners;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import dev.mentor.reminders.ReminderComposer;
import dev.mentor.reminders.ReminderDispatcher;
import dev.mentor.reminders.ReminderScheduler;
import dev.mentor.reminders.ReminderSettings;
import dev.mentor.storage.Columns;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Measures the reminder system on a real SQLite file and the real Quartz scheduler:
 * <ul>
 *   <li>startup: time and heap to load the triggers due within the scheduler's horizon, out of 100,000
 *       learners spread over many zones;</li>
 *   <li>burst: 10,000 reminders missed a few minutes ago, delivered at once on start, checked for
 *       duplicates and losses.</li>
 * </ul>
 * With BENCH_POSTGRES_URL set, it measures start-up on PostgreSQL instead (the shared schedule), first
 * start and restart. A plain program, not a test: run it with bench/reminders.sh. Exits 1 when a reminder was
 * delivered twice or not at all, or when the startup ran out of heap.
 */
public final class ReminderBenchmark {

    private static final Duration BURST_TIMEOUT = Duration.ofMinutes(30);
    private static final String PLATFORM = "console";
    private static final String INSERT = "insert into learners (id, platform, platform_user_id, display_name, "
            + "time_zone, current_week, start_date, reminder_day, reminder_time, reminder_state, paused_until, "
            + "snoozed_until, enrolled_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'on', null, null, ?)";

    private final Roadmap roadmap = new RoadmapLoader().loadBundled();
    private final Path folder;
    private final int startupLearners;
    private final int burstLearners;

    private ReminderBenchmark(Path folder, int startupLearners, int burstLearners) {
        this.folder = folder;
        this.startupLearners = startupLearners;
        this.burstLearners = burstLearners;
    }

    /** Arguments: [learners for startup, default 100000] [learners for each burst, default 10000]. */
    public static void main(String[] args) throws Exception {
        int startupLearners = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int burstLearners = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path folder = Files.createTempDirectory("mentor-reminder-bench");
        boolean ok;
        try {
            ReminderBenchmark benchmark = new ReminderBenchmark(folder, startupLearners, burstLearners);
            String postgres = System.getenv("BENCH_POSTGRES_URL");
            if (postgres != null && !postgres.isBlank()) {
                // Start-up on the shared schedule of several instances, then stop: the bursts are SQLite's.
                ok = benchmark.startupOnPostgres(postgres.strip());
                System.out.println(ok ? "result: ok" : "result: FAILED (see the lines above)");
                System.exit(ok ? 0 : 1);
            }
            ok = benchmark.startup();
            ok &= benchmark.burst(ReminderSettings.DEFAULTS);
            ok &= benchmark.burst(withThreads(ReminderSettings.DEFAULTS, 4));
        } finally {
            deleteRecursively(folder);
        }
        System.out.println(ok ? "result: ok" : "result: FAILED (see the lines above)");
        System.exit(ok ? 0 : 1);
    }

    /**
     * Starts on many learners whose weekly times are spread over the whole week, as after a restart in normal
     * running: those due in the last day (the grace window) got theirs, so none is late; those due in the next
     * hour get a trigger; the rest stay in the database.
     */
    private boolean startup() {
        Instant now = Instant.now();
        List<ZoneId> zones = regionZones();
        try (Database database = Database.open(DatabaseSettings.sqlite(folder.resolve("startup.db")))) {
            long began = System.nanoTime();
            insertLearners(database, startupLearners, spreadOverTheWeek(now, zones));
            int delivered = markSentSince(database, now.minus(ReminderSettings.DEFAULTS.grace()).minus(Duration.ofHours(1)));
            System.out.printf("startup: %,d of them had this week's reminder recorded as sent%n", delivered);
            System.out.printf("startup: %,d learners in %d zones inserted in %,d ms%n", startupLearners, zones.size(),
                    millisSince(began));

            ReminderScheduler scheduler = scheduler(database, new CountingPort(), ReminderSettings.DEFAULTS);
            long heapBefore = usedHeap();
            long scheduleBegan = System.nanoTime();
            try {
                ReminderScheduler.StartReport report = scheduler.schedule();
                long scheduleMillis = millisSince(scheduleBegan);
                long heapAfter = usedHeap();
                System.out.printf("startup: schedule() read %,d learners and built %,d triggers (%d late) in %,d ms%n",
                        report.learners(), report.triggers(), report.late(), scheduleMillis);
                System.out.printf("startup: heap for the triggers %,d MB; heap used in all %,d MB (max %,d MB)%n",
                        (heapAfter - heapBefore) >> 20, heapAfter >> 20, Runtime.getRuntime().maxMemory() >> 20);
                return true;
            } catch (OutOfMemoryError e) {
                // Reported rather than thrown, so the burst is still measured; the half-built store is dropped below.
                System.out.printf("startup: FAILED: schedule() ran out of heap (max %,d MB) after %,d ms%n",
                        Runtime.getRuntime().maxMemory() >> 20, millisSince(scheduleBegan));
                return false;
            } finally {
                scheduler.close();
            }
        }
    }

    /**
     * The same learners on PostgreSQL (a schema of its own, dropped after), where the schedule is Quartz's
     * clustered JDBC store: the first start writes the next hour's triggers to it; a restart finds them there.
     */
    private boolean startupOnPostgres(String url) throws Exception {
        String user = System.getenv().getOrDefault("BENCH_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("BENCH_POSTGRES_PASSWORD", "");
        String schema = "mentor_bench_" + UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, user, password);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        }
        Instant now = Instant.now();
        List<ZoneId> zones = regionZones();
        try (Database database = Database.open(new DatabaseSettings(url + (url.contains("?") ? "&" : "?")
                + "currentSchema=" + schema, user, password))) {
            long began = System.nanoTime();
            insertLearners(database, startupLearners, spreadOverTheWeek(now, zones));
            int delivered = markSentSince(database, now.minus(ReminderSettings.DEFAULTS.grace()).minus(Duration.ofHours(1)));
            database.writeAll(handle -> handle.execute("analyze"));
            System.out.printf("postgres: %,d learners inserted in %,d ms (%,d with this week's reminder sent)%n",
                    startupLearners, millisSince(began), delivered);
            for (String run : List.of("first start", "restart")) {
                ReminderScheduler scheduler = new ReminderScheduler(database, new Learners(database),
                        new ReminderDispatcher(database, new Learners(database), new ReminderComposer(roadmap),
                                Map.of(PLATFORM, new CountingPort()), ReminderSettings.DEFAULTS, Clock.systemUTC()));
                long heapBefore = usedHeap();
                long scheduleBegan = System.nanoTime();
                ReminderScheduler.StartReport report = scheduler.schedule();
                long millis = millisSince(scheduleBegan);
                long heap = usedHeap() - heapBefore;
                scheduler.close();
                long triggers = database.read(h -> h.createQuery("select count(*) from qrtz_triggers").mapTo(Long.class).one());
                long bytes = database.read(h -> h.createQuery("select sum(pg_total_relation_size(c.oid)) from pg_class c "
                        + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() "
                        + "and c.relkind = 'r' and c.relname like 'qrtz%'").mapTo(Long.class).one());
                System.out.printf("postgres %s: read %,d learners, %,d triggers (%d late) in %,d ms; heap %,d MB; "
                        + "store %,d triggers, %,d KB%n", run, report.learners(), report.triggers(), report.late(), millis,
                        heap >> 20, triggers, bytes >> 10);
            }
            return true;
        } finally {
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, user, password);
                    java.sql.Statement statement = connection.createStatement()) {
                statement.execute("drop schema " + schema + " cascade");
            }
        }
    }

    /** Delivers reminders that all fell due five minutes ago, as after a short outage, and checks each went once. */
    private boolean burst(ReminderSettings settings) throws InterruptedException {
        String label = "burst (" + settings.threads() + " threads)";
        ZonedDateTime due = ZonedDateTime.now(ZoneId.of("UTC")).minusMinutes(5).truncatedTo(ChronoUnit.MINUTES);
        Path file = folder.resolve("burst-" + settings.threads() + ".db");
        try (Database database = Database.open(DatabaseSettings.sqlite(file))) {
            insertLearners(database, burstLearners, i -> due);
            CountingPort port = new CountingPort();
            ReminderScheduler scheduler = scheduler(database, port, settings);

            long began = System.nanoTime();
            ReminderScheduler.StartReport report = scheduler.start();
            boolean complete = port.awaitRecipients(burstLearners, BURST_TIMEOUT);
            if (complete) {
                port.awaitQuiet(Duration.ofSeconds(1)); // lets any duplicate still in flight arrive before counting
            }
            scheduler.close();

            double seconds = (port.lastDelivery() - began) / 1e9;
            int duplicates = port.duplicates();
            int missing = burstLearners - port.recipients();
            int rows = database.read(h -> h.createQuery("select count(*) from reminder_deliveries")
                    .mapTo(Integer.class).one());
            System.out.printf("%s: start() queued %,d late reminders in %,d ms%n", label, report.late(),
                    report.elapsed().toMillis());
            System.out.printf("%s: %,d deliveries in %.2f s = %,.0f reminders/s%s%n", label, port.deliveries(), seconds,
                    port.deliveries() / seconds, complete ? "" : " (timed out after " + BURST_TIMEOUT.toSeconds() + " s)");
            System.out.printf("%s: duplicates %d, %s %d, delivery rows %,d of %,d%n", label, duplicates,
                    complete ? "lost" : "undelivered when the time ran out", missing, rows, burstLearners);
            return duplicates == 0 && missing == 0 && rows == burstLearners;
        }
    }

    /**
     * Records as sent the last weekly reminder of every learner whose last time is after {@code since}, a page
     * of learners at a time, as a mentor that was running would have.
     */
    private static int markSentSince(Database database, Instant since) {
        Learners learners = new Learners(database);
        Instant now = Instant.now();
        int[] marked = {0};
        learners.forEachWithReminders(List.of(PLATFORM), 10_000, page -> database.writeAll(handle -> {
            var batch = handle.prepareBatch("insert into reminder_deliveries (learner_id, delivery_key, due_at, sent_at, "
                    + "late, state) values (?, ?, ?, ?, 0, 'sent')");
            for (var learner : page) {
                ZonedDateTime local = now.atZone(learner.zone());
                ZonedDateTime last = local.with(java.time.temporal.TemporalAdjusters.previousOrSame(learner.reminderDay()))
                        .with(learner.reminderTime());
                if (last.isAfter(local)) {
                    last = last.minusWeeks(1);
                }
                if (last.toInstant().isAfter(since)) {
                    batch.add(learner.id(), dev.mentor.reminders.ReminderKind.WEEKLY.key(last.toLocalDate()),
                            Columns.instant(last.toInstant()), Columns.instant(last.toInstant()));
                    marked[0]++;
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
        }));
        return marked[0];
    }

    private ReminderScheduler scheduler(Database database, DeliveryPort port, ReminderSettings settings) {
        Learners learners = new Learners(database);
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(roadmap),
                Map.of(PLATFORM, port), settings, Clock.systemUTC());
        return new ReminderScheduler(database, learners, dispatcher);
    }

    /**
     * Inserts learners with reminders on, in one transaction with batched statements (far faster than
     * enrolling one by one). Learner i is reminded weekly on the day and minute of {@code reminderOf(i)},
     * in its zone.
     */
    static void insertLearners(Database database, int count, IntFunction<ZonedDateTime> reminderOf) {
        String enrolledAt = Columns.instant(Instant.now().minus(Duration.ofDays(30)));
        String startDate = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
        database.writeAll(handle -> {
            // Batches of 10,000 keep memory bounded; it is still one transaction.
            for (int first = 0; first < count; first += 10_000) {
                var batch = handle.prepareBatch(INSERT);
                for (int i = first; i < Math.min(count, first + 10_000); i++) {
                    ZonedDateTime reminder = reminderOf.apply(i);
                    batch.add(UUID.randomUUID().toString(), PLATFORM, "user-" + i, "Learner " + i,
                            reminder.getZone().getId(), 1 + i % 26, startDate, reminder.getDayOfWeek().name(),
                            reminder.toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString(), enrolledAt);
                }
                batch.execute();
            }
        });
    }

    /** Learner i's last weekly time: a different minute of the past week for each, in one of the zones in turn. */
    private static IntFunction<ZonedDateTime> spreadOverTheWeek(Instant now, List<ZoneId> zones) {
        return i -> now.minus(Duration.ofMinutes(1 + (i * 7_919L) % (7 * 24 * 60 - 2))).atZone(zones.get(i % zones.size()));
    }

    /** Zones named after a region and a place (Europe/Berlin), the kind learners pick. */
    static List<ZoneId> regionZones() {
        return ZoneId.getAvailableZoneIds().stream()
                .filter(id -> id.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+"))
                .sorted()
                .map(ZoneId::of)
                .toList();
    }

    private static ReminderSettings withThreads(ReminderSettings settings, int threads) {
        return new ReminderSettings(settings.grace(), threads, settings.retryBackoff(), settings.maxAttempts());
    }

    /** Heap in use after collections, so it counts what is still reachable. */
    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A platform that accepts everything and counts deliveries per user, from any thread. */
    private static final class CountingPort implements DeliveryPort {

        private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
        private final AtomicInteger deliveries = new AtomicInteger();
        private final AtomicLong lastDelivery = new AtomicLong();

        @Override
        public void deliver(Recipient recipient, Reply reply) {
            perUser.computeIfAbsent(recipient.platformUserId(), user -> new AtomicInteger()).incrementAndGet();
            deliveries.incrementAndGet();
            lastDelivery.accumulateAndGet(System.nanoTime(), Math::max);
        }

        boolean awaitRecipients(int expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (perUser.size() < expected) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(2);
            }
            return true;
        }

        /** Waits until nothing has been delivered for {@code quiet}. */
        void awaitQuiet(Duration quiet) throws InterruptedException {
            int seen;
            do {
                seen = deliveries.get();
                Thread.sleep(quiet.toMillis());
            } while (deliveries.get() != seen);
        }

        int deliveries() {
            return deliveries.get();
        }

        int recipients() {
            return perUser.size();
        }

        int duplicates() {
            return perUser.values().stream().mapToInt(count -> Math.max(0, count.get() - 1)).sum();
        }

        long lastDelivery() {
            return lastDelivery.get();
        }
    }
}
