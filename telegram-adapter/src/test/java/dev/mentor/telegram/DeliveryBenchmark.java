package dev.mentor.telegram;

import dev.mentor.learners.Learners;
import dev.mentor.storage.Columns;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures reminder delivery through the real {@code ./mentor serve} process against the fake Bot API
 * on 127.0.0.1, with a round trip and, optionally, a fault mix (20% 429 with retry_after 3 s, 10% 502,
 * 1% of learners blocked: 403). Many learners' weekly reminders fall due in the same minute; meanwhile
 * a few other learners send {@code /progress} to time the replies. Optionally the mentor is killed
 * with SIGKILL after 30% went out and started again on the same database.
 * <p>
 * Usage, from the repository root: DeliveryBenchmark [LEARNERS (10000)] [RTT_MS (100)] [FAULTS none|mix]
 * [KILL no|yes]. Exits 1 when a reminder was lost, duplicated without a kill, or duplicated beyond the
 * sends in flight at the kill.
 */
public final class DeliveryBenchmark {

    private static final long FIRST_LEARNER_CHAT = 100_000_000L;
    private static final long FIRST_CHATTY_CHAT = 900_000_000L;
    private static final int CHATTY_LEARNERS = 20;
    private static final Duration COMMAND_EVERY = Duration.ofMillis(200);
    private static final int IDLE_COMMANDS = 50;
    /** A command unanswered this long frees its learner to ask again; it counts as unanswered. */
    private static final Duration COMMAND_GIVE_UP = Duration.ofSeconds(60);
    private static final double RATE_LIMITED_SHARE = 0.20;
    private static final int RETRY_AFTER_SECONDS = 3;
    private static final double SERVER_ERROR_SHARE = 0.10;
    /** One learner in this many has blocked the bot, in the fault mix. */
    private static final int BLOCKED_EVERY = 100;
    private static final long FAULT_SEED = 42;
    private static final double KILL_AT_SHARE = 0.30;
    /** The reminders fall due at the first whole minute at least this far after seeding. */
    private static final Duration LEAD = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** The mentor's claim lease: a reminder claimed by the killed process waits this long before a takeover. */
    private static final Duration CLAIM_LEASE = Duration.ofMinutes(5);
    private static final String SERVING = "mentor: serving";
    private static final String INSERT = "insert into learners (id, platform, platform_user_id, display_name, "
            + "time_zone, current_week, start_date, reminder_day, reminder_time, reminder_state, paused_until, "
            + "snoozed_until, enrolled_at, reminder_changed_at) values (?, ?, ?, ?, 'UTC', ?, ?, ?, ?, ?, null, null, ?, ?)";

    private record Config(int learners, Duration roundTrip, boolean faults, boolean kill) {

        static Config of(String[] args) {
            int learners = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
            Duration roundTrip = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
            String faults = args.length > 2 ? args[2] : "none";
            String kill = args.length > 3 ? args[3] : "no";
            if (learners < 1 || roundTrip.isNegative() || !Set.of("none", "mix").contains(faults)
                    || !Set.of("no", "yes").contains(kill)) {
                throw new IllegalArgumentException("usage: LEARNERS RTT_MS none|mix no|yes");
            }
            return new Config(learners, roundTrip, faults.equals("mix"), kill.equals("yes"));
        }

        boolean blocked(long chat) {
            return faults && (chat - FIRST_LEARNER_CHAT) % BLOCKED_EVERY == BLOCKED_EVERY / 2;
        }

        boolean learnerChat(long chat) {
            return chat >= FIRST_LEARNER_CHAT && chat < FIRST_LEARNER_CHAT + learners;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d learners, round trip %d ms, faults %s, kill %s", learners,
                    roundTrip.toMillis(), faults ? String.format(Locale.ROOT, "mix (%.0f%% 429 retry_after %d s, "
                                    + "%.0f%% 502, 1 learner in %d blocked: 403)", RATE_LIMITED_SHARE * 100,
                            RETRY_AFTER_SECONDS, SERVER_ERROR_SHARE * 100, BLOCKED_EVERY) : "none",
                    kill ? "yes (SIGKILL after " + Math.round(KILL_AT_SHARE * 100) + "% delivered, then a restart)" : "no");
        }
    }

    private final Config config;
    private final Path folder;
    private final Path databaseFile;
    private final FakeBotApi api;
    private final Set<Long> expected = new HashSet<>();
    private final Set<Long> blocked = new HashSet<>();
    private final List<MentorProcess> processes = new CopyOnWriteArrayList<>();
    private Instant due;
    /** System.nanoTime at the due time. */
    private long dueNanos;
    private KillReport killReport;

    private DeliveryBenchmark(Config config, Path folder, FakeBotApi api) {
        this.config = config;
        this.folder = folder;
        this.databaseFile = folder.resolve("mentor.db");
        this.api = api;
        for (long chat = FIRST_LEARNER_CHAT; chat < FIRST_LEARNER_CHAT + config.learners(); chat++) {
            (config.blocked(chat) ? blocked : expected).add(chat);
        }
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.of(args);
        Path folder = Files.createTempDirectory("mentor-delivery-bench");
        boolean ok = false;
        try (FakeBotApi api = new FakeBotApi()) {
            DeliveryBenchmark benchmark = new DeliveryBenchmark(config, folder, api);
            Runtime.getRuntime().addShutdownHook(new Thread(benchmark::killAll, "kill-mentor"));
            try {
                ok = benchmark.run();
            } finally {
                benchmark.killAll();
            }
        } finally {
            if (ok) {
                deleteRecursively(folder);
            } else {
                System.out.println("the mentor's logs and database are kept in " + folder);
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        api.slimRecords();
        api.roundTrip(config.roundTrip());
        api.faultMix(config.faults()
                ? new FakeBotApi.FaultMix(FAULT_SEED, RATE_LIMITED_SHARE, RETRY_AFTER_SECONDS, SERVER_ERROR_SHARE, blocked)
                : FakeBotApi.FaultMix.NONE);
        long began = System.nanoTime();
        seed();
        progress("seeded %,d learners due at %s, and %d learners who send commands", config.learners(), due,
                CHATTY_LEARNERS);

        MentorProcess first = startMentor(1);
        Chatter chatter = new Chatter();
        Thread chatterThread = Thread.ofPlatform().name("chatter").daemon().start(chatter);
        chatter.phase = Phase.IDLE;
        long waitForDue = dueNanos - System.nanoTime();
        if (waitForDue > 0) {
            Thread.sleep(Duration.ofNanos(waitForDue));
        } else {
            progress("the mentor became ready %.1f s after the due time: start-up is part of the delivery time",
                    -waitForDue / 1e9);
        }
        chatter.phase = Phase.BURST;

        // Generous: 5 a second plus 5 minutes; a fault mix over a long round trip measured about 10 a second.
        long deadline = dueNanos + Duration.ofSeconds(config.learners() / 5 + 300).toNanos()
                + (config.kill() ? CLAIM_LEASE.plus(START_TIMEOUT).toNanos() : 0);
        boolean complete = awaitDelivery(first, chatter, deadline);
        chatter.phase = Phase.DONE;
        chatterThread.join(2_000);
        if (complete) {
            Thread.sleep(config.roundTrip().plusSeconds(3)); // lets a late duplicate arrive before counting
        }
        long endedNanos = System.nanoTime();
        MentorProcess last = processes.getLast();
        last.stop();

        return report(complete, chatter, (endedNanos - began) / 1e9, (dueNanos - began) / 1e9);
    }

    // ----- seeding -----

    /** Learners due in one minute, and the chatty ones (reminders off); inserted in one transaction. */
    private void seed() {
        ZonedDateTime dueAt = ZonedDateTime.now(ZoneOffset.UTC).plus(LEAD).plusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
        due = dueAt.toInstant();
        dueNanos = System.nanoTime() + Duration.between(Instant.now(), due).toNanos();
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
        String enrolledAt = Columns.instant(monthAgo);
        String startDate = LocalDate.ofInstant(monthAgo, ZoneOffset.UTC).toString();
        String day = dueAt.getDayOfWeek().name();
        String time = dueAt.toLocalTime().toString();
        // Bulk SQL with bound values: enrolling 10,000 one by one takes minutes.
        try (Database database = Database.open(DatabaseSettings.sqlite(databaseFile))) {
            database.writeAll(handle -> {
                var batch = handle.prepareBatch(INSERT);
                for (int i = 0; i < config.learners(); i++) {
                    batch.add(UUID.randomUUID().toString(), TelegramPlatform.NAME, String.valueOf(FIRST_LEARNER_CHAT + i),
                            "Learner " + i, 1 + i % 26, startDate, day, time, "on", enrolledAt, enrolledAt);
                }
                for (int i = 0; i < CHATTY_LEARNERS; i++) {
                    batch.add(UUID.randomUUID().toString(), TelegramPlatform.NAME, String.valueOf(FIRST_CHATTY_CHAT + i),
                            "Chatty " + i, 1 + i, startDate, day, time, "off", enrolledAt, enrolledAt);
                }
                batch.execute();
            });
        }
    }

    // ----- the mentor process -----

    private MentorProcess startMentor(int generation) throws IOException, InterruptedException {
        Path logFile = folder.resolve("mentor-" + generation + ".log");
        ProcessBuilder builder = new ProcessBuilder("./mentor", "serve")
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .redirectError(Redirect.appendTo(logFile.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("MENTOR_")); // only this run's settings
        environment.put("MENTOR_DB_URL", "jdbc:sqlite:" + databaseFile.toAbsolutePath());
        environment.put("MENTOR_TELEGRAM_TOKEN", FakeBotApi.TOKEN);
        environment.put("MENTOR_TELEGRAM_API_URL", api.url().toString());
        environment.put("MENTOR_LOG_LEVEL", "warn");
        long started = System.nanoTime();
        MentorProcess mentor = new MentorProcess(builder.start(), logFile);
        processes.add(mentor);
        long deadline = started + START_TIMEOUT.toNanos();
        while (!mentor.serving()) {
            if (!mentor.process().isAlive()) {
                throw new IllegalStateException("the mentor exited with " + mentor.process().exitValue()
                        + " before serving; see " + logFile);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mentor was not serving after " + START_TIMEOUT.toSeconds()
                        + " s; see " + logFile);
            }
            Thread.sleep(50);
        }
        mentor.readyAfterSeconds = (System.nanoTime() - started) / 1e9;
        progress("mentor %d serving after %.1f s (log %s)", generation, mentor.readyAfterSeconds, logFile);
        return mentor;
    }

    /** One run of {@code ./mentor serve}; the launcher execs java, so the process is the JVM itself. */
    private static final class MentorProcess {
        private final Process process;
        private final Path logFile;
        private double readyAfterSeconds;

        MentorProcess(Process process, Path logFile) {
            this.process = process;
            this.logFile = logFile;
        }

        Process process() {
            return process;
        }

        boolean serving() throws IOException {
            return Files.exists(logFile) && Files.readString(logFile, StandardCharsets.UTF_8).contains(SERVING);
        }

        /** SIGKILL, to anything the launcher may have started too. */
        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }

        /** SIGTERM, as an operator would stop it; SIGKILL if it has not stopped after half a minute. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void killAll() {
        for (MentorProcess mentor : processes) {
            if (mentor.process().isAlive()) {
                mentor.process().descendants().forEach(ProcessHandle::destroyForcibly);
                mentor.process().destroyForcibly();
            }
        }
    }

    // ----- waiting for delivery -----

    /**
     * Waits until every reachable learner got a reminder, every blocked one has reminders off and no
     * claim is open; kills and restarts the mentor on the way when asked. False on the deadline.
     */
    private boolean awaitDelivery(MentorProcess first, Chatter chatter, long deadline) throws Exception {
        MentorProcess current = first;
        Set<Long> heldByDeadClaims = Set.of();
        long nextProgress = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long nextDatabaseLook = 0;
        while (System.nanoTime() < deadline) {
            if (!current.process().isAlive()) {
                throw new IllegalStateException("the mentor exited with " + current.process().exitValue()
                        + " mid-run; see " + current.logFile);
            }
            Set<Long> delivered = deliveredChats();
            if (config.kill() && killReport == null && delivered.size() >= KILL_AT_SHARE * expected.size()) {
                chatter.pause();
                killReport = kill(current, delivered);
                heldByDeadClaims = killReport.openClaims();
                current = startMentor(2);
                killReport.restartSeconds = current.readyAfterSeconds;
                chatter.resumeAfterRestart();
                continue;
            }
            Set<Long> held = heldByDeadClaims;
            if (chatter.phase == Phase.BURST && expected.stream().filter(chat -> !held.contains(chat)).allMatch(delivered::contains)) {
                chatter.phase = Phase.DONE; // the burst is over; what is left waits for a lease
                long waiting = held.stream().filter(chat -> !delivered.contains(chat)).count();
                if (waiting > 0) {
                    progress("all delivered but %d reminders held by the killed process's claims; waiting for their "
                            + "leases (%d min) to run out", waiting, CLAIM_LEASE.toMinutes());
                }
            }
            if (delivered.containsAll(expected) && System.nanoTime() > nextDatabaseLook) {
                nextDatabaseLook = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                try (Connection db = readOnly()) {
                    if (openClaims(db).isEmpty() && remindersOff(db).containsAll(blocked)) {
                        return true;
                    }
                }
            }
            if (System.nanoTime() > nextProgress) {
                nextProgress += Duration.ofSeconds(15).toNanos();
                double since = (System.nanoTime() - dueNanos) / 1e9;
                progress("%.0f s after the due time: %,d of %,d delivered (%.1f/s)", since, delivered.size(),
                        expected.size(), delivered.size() / since);
            }
            Thread.sleep(250);
        }
        progress("timed out");
        return false;
    }

    /** What was under way when the mentor was killed. */
    private static final class KillReport {
        private final long killedNanos;
        private final int deliveredBefore;
        private final Set<Long> openClaims;
        private final Set<Long> acceptedButUnrecorded;
        private final int unansweredRequests;
        private double restartSeconds;

        KillReport(long killedNanos, int deliveredBefore, Set<Long> openClaims, Set<Long> acceptedButUnrecorded,
                int unansweredRequests) {
            this.killedNanos = killedNanos;
            this.deliveredBefore = deliveredBefore;
            this.openClaims = openClaims;
            this.acceptedButUnrecorded = acceptedButUnrecorded;
            this.unansweredRequests = unansweredRequests;
        }

        Set<Long> openClaims() {
            return openClaims;
        }
    }

    private KillReport kill(MentorProcess mentor, Set<Long> deliveredSoFar) throws Exception {
        long killed = System.nanoTime();
        mentor.kill();
        // Requests that reached the fake before the kill still get their (unread) answers: let them finish.
        Thread.sleep(config.roundTrip().plusMillis(500));
        List<FakeBotApi.Call> sends = reminderSends();
        int unanswered = (int) sends.stream()
                .filter(call -> call.receivedNanos() < killed && (call.answeredNanos() == 0 || call.answeredNanos() > killed))
                .count();
        Set<Long> acceptedChats = sends.stream().filter(FakeBotApi.Call::accepted).map(FakeBotApi.Call::chatId)
                .collect(Collectors.toSet());
        Set<Long> claims;
        try (Connection db = readOnly()) {
            claims = openClaims(db);
        }
        Set<Long> acceptedButUnrecorded = claims.stream().filter(acceptedChats::contains).collect(Collectors.toSet());
        progress("killed the mentor (SIGKILL) after %,d reminders: %d claims open, %d of them already accepted by the "
                        + "fake, %d requests unanswered", deliveredSoFar.size(), claims.size(), acceptedButUnrecorded.size(),
                unanswered);
        return new KillReport(killed, deliveredSoFar.size(), claims, acceptedButUnrecorded, unanswered);
    }

    // ----- the commands learners send during the run -----

    private enum Phase { STARTING, IDLE, BURST, PAUSED, DONE }

    /** One /progress a chatty learner sent: its update, when it went out, and in which stretch of the run. */
    private record Command(long chat, int updateId, long sentNanos, boolean burst) {
    }

    /**
     * Sends /progress from the chatty learners every {@link #COMMAND_EVERY}: {@link #IDLE_COMMANDS} while
     * nothing is due, then through the burst. A learner asks again only once answered, so each reply
     * belongs to one command.
     */
    private final class Chatter implements Runnable {
        private volatile Phase phase = Phase.STARTING;
        private final List<Command> sent = new CopyOnWriteArrayList<>();
        private final Map<Long, Command> waiting = new HashMap<>();
        private int idleSent;
        private int next;

        @Override
        public void run() {
            long tick = System.nanoTime();
            while (phase != Phase.DONE) {
                tick += COMMAND_EVERY.toNanos();
                try {
                    Thread.sleep(Duration.ofNanos(Math.max(0, tick - System.nanoTime())));
                } catch (InterruptedException e) {
                    return;
                }
                ask();
            }
        }

        /** Checks the phase under the same lock as {@link #pause()}: no command goes out once paused. */
        private synchronized void ask() {
            boolean burst = phase == Phase.BURST;
            if (!burst && (phase != Phase.IDLE || idleSent >= IDLE_COMMANDS)) {
                return;
            }
            for (int i = 0; i < CHATTY_LEARNERS; i++) {
                long chat = FIRST_CHATTY_CHAT + (next++ % CHATTY_LEARNERS);
                if (free(chat)) {
                    int update = api.privateMessage(chat, "/progress");
                    Command command = new Command(chat, update, System.nanoTime(), burst);
                    waiting.put(chat, command);
                    sent.add(command);
                    if (!burst) {
                        idleSent++;
                    }
                    return;
                }
            }
        }

        private boolean free(long chat) {
            Command last = waiting.get(chat);
            if (last == null) {
                return true;
            }
            Long handedOut = api.deliveredAt(last.updateId());
            Long answered = api.lastAcceptedAt(chat);
            return (handedOut != null && answered != null && answered >= handedOut)
                    || System.nanoTime() - last.sentNanos() > COMMAND_GIVE_UP.toNanos();
        }

        synchronized void pause() {
            phase = Phase.PAUSED;
        }

        /** Commands of the killed process may never be answered: every learner may ask again. */
        synchronized void resumeAfterRestart() {
            waiting.clear();
            phase = Phase.BURST;
        }
    }

    // ----- reading the results -----

    private List<FakeBotApi.Call> reminderSends() {
        return api.calls("sendMessage").stream().filter(call -> config.learnerChat(call.chatId())).toList();
    }

    private Set<Long> deliveredChats() {
        return reminderSends().stream().filter(FakeBotApi.Call::accepted).map(FakeBotApi.Call::chatId)
                .collect(Collectors.toSet());
    }

    /** A read-only connection: the mentor owns the database, the benchmark only looks. */
    private Connection readOnly() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        properties.setProperty("busy_timeout", "10000");
        return DriverManager.getConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath(), properties);
    }

    /** The chats whose reminder is claimed but not recorded as sent. */
    private static Set<Long> openClaims(Connection db) throws SQLException {
        return chats(db, "select l.platform_user_id from reminder_deliveries d join learners l on l.id = d.learner_id "
                + "where d.state = 'sending'");
    }

    private static Set<Long> remindersOff(Connection db) throws SQLException {
        return chats(db, "select platform_user_id from learners where reminder_state = 'off'");
    }

    private static Set<Long> chats(Connection db, String query) throws SQLException {
        Set<Long> chats = new HashSet<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                chats.add(Long.parseLong(rows.getString(1)));
            }
        }
        return chats;
    }

    private static long count(Connection db, String query) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private boolean report(boolean complete, Chatter chatter, double totalSeconds, double dueAfterSeconds)
            throws SQLException {
        List<FakeBotApi.Call> sends = reminderSends();
        List<FakeBotApi.Call> accepted = sends.stream().filter(FakeBotApi.Call::accepted).toList();
        Map<Long, Long> perChat = accepted.stream().collect(Collectors.groupingBy(FakeBotApi.Call::chatId, Collectors.counting()));
        long lost = expected.stream().filter(chat -> !perChat.containsKey(chat)).count();
        long duplicatedChats = perChat.values().stream().filter(n -> n > 1).count();
        long extraMessages = perChat.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        long firstAccepted = accepted.stream().mapToLong(FakeBotApi.Call::receivedNanos).min().orElse(dueNanos);
        long lastAccepted = accepted.stream().mapToLong(FakeBotApi.Call::receivedNanos).max().orElse(dueNanos);
        Map<Integer, Long> byStatus = sends.stream().collect(Collectors.groupingBy(FakeBotApi.Call::status,
                java.util.TreeMap::new, Collectors.counting()));
        List<FakeBotApi.Call> allSends = api.calls("sendMessage");
        long windowEnd = Math.max(lastAccepted, dueNanos + 1);
        long requestsInWindow = allSends.stream()
                .filter(call -> call.receivedNanos() >= dueNanos && call.receivedNanos() <= windowEnd).count();
        Map<Long, Long> perSecond = allSends.stream().filter(call -> call.receivedNanos() >= dueNanos)
                .collect(Collectors.groupingBy(call -> (call.receivedNanos() - dueNanos) / 1_000_000_000L, Collectors.counting()));
        Map.Entry<Long, Long> busiest = perSecond.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElse(Map.entry(0L, 0L));

        Set<Long> off;
        long rowsSent;
        long uncertain;
        long takenOver;
        try (Connection db = readOnly()) {
            off = remindersOff(db);
            rowsSent = count(db, "select count(*) from reminder_deliveries where state = 'sent'");
            uncertain = count(db, "select count(*) from reminder_deliveries where uncertain = 1");
            takenOver = count(db, "select count(*) from reminder_deliveries where takeovers > 0");
        }
        long blockedOff = blocked.stream().filter(off::contains).count();

        PrintRows out = new PrintRows();
        System.out.println();
        System.out.println("reminder delivery through ./mentor serve: " + config);
        out.row("learners due", "%,d at %s (%,d reachable, %,d blocked)", config.learners(), due, expected.size(),
                blocked.size());
        out.row("delivered", "%,d learners got a reminder (%,d accepted sendMessage, %,d rows recorded sent)%s",
                perChat.keySet().stream().filter(expected::contains).count(), accepted.size(), rowsSent,
                complete ? "" : " - TIMED OUT");
        out.row("delivered/s", "%.1f from the due time to the last (%.1f s); %.1f from the first to the last (%.1f s)",
                rate(perChat.size(), lastAccepted - dueNanos), (lastAccepted - dueNanos) / 1e9,
                rate(perChat.size() - 1, lastAccepted - firstAccepted), (lastAccepted - firstAccepted) / 1e9);
        if (killReport != null) {
            Set<Long> held = killReport.openClaims();
            long burstEnd = accepted.stream().filter(call -> !held.contains(call.chatId()))
                    .mapToLong(FakeBotApi.Call::receivedNanos).max().orElse(dueNanos);
            long notHeld = perChat.keySet().stream().filter(chat -> !held.contains(chat)).count();
            out.row("", "%.1f from the due time to the last reminder not held by a dead claim (%,d in %.1f s, "
                    + "restart included)", rate(notHeld, burstEnd - dueNanos), notHeld, (burstEnd - dueNanos) / 1e9);
        }
        out.row("lost", "%,d", lost);
        out.row("duplicated", "%,d learners got more than one (%,d extra messages)", duplicatedChats, extraMessages);
        out.row("blocked, turned off", "%,d of %,d learners who blocked the bot have reminders off", blockedOff, blocked.size());
        out.row("requests to the fake", "%,d sendMessage for reminders %s; all sendMessage from the due time to the "
                        + "last reminder: %.1f/s, busiest second %d (at +%d s)", sends.size(),
                byStatus.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%d: %,d", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ", "(", ")")),
                rate(requestsInWindow, windowEnd - dueNanos), busiest.getValue(), busiest.getKey());
        out.row("uncertain, taken over", "%,d recorded sent without an answer; %,d claims taken over after a lease ran out",
                uncertain, takenOver);
        Latencies latencies = latencies(chatter.sent, allSends);
        out.row("command latency idle", "%s", latencies.idle().summary());
        out.row("command latency burst", "%s", latencies.burst().summary());
        if (config.faults()) {
            out.row("", "of which never refused: %s", latencies.burstNeverRefused().summary());
        }
        if (latencies.interrupted() > 0) {
            out.row("", "%d commands handed to the killed process and not answered before the kill left out "
                    + "(%d of them never answered)", latencies.interrupted(), latencies.interruptedNeverAnswered());
        }
        boolean duplicatesOk;
        if (killReport != null) {
            Set<Long> duplicated = perChat.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            long outside = duplicated.stream().filter(chat -> !killReport.acceptedButUnrecorded.contains(chat)).count();
            out.row("kill", "after %,d of %,d delivered, %.1f s after the due time; the new mentor served %.1f s after its start",
                    killReport.deliveredBefore, expected.size(), (killReport.killedNanos - dueNanos) / 1e9,
                    killReport.restartSeconds);
            out.row("", "its claims' leases ran out by %.0f s after the due time; the last reminder went %.0f s after it",
                    (killReport.killedNanos + CLAIM_LEASE.toNanos() - dueNanos) / 1e9, (lastAccepted - dueNanos) / 1e9);
            out.row("in flight at the kill", "%d: reminders the fake had accepted whose claim was still open (sent, "
                            + "outcome not recorded: the only ones a takeover may repeat)",
                    killReport.acceptedButUnrecorded.size());
            out.row("", "%d claims open in all (the rest had not gone out: sent once, late); %d requests received "
                    + "but not yet answered", killReport.openClaims().size(), killReport.unansweredRequests);
            out.row("duplicates vs in flight", "%,d duplicated of %d in flight; %d duplicated outside that set",
                    duplicatedChats, killReport.acceptedButUnrecorded.size(), outside);
            duplicatesOk = duplicatedChats <= killReport.acceptedButUnrecorded.size() && outside == 0;
        } else {
            duplicatesOk = duplicatedChats == 0;
        }
        out.row("total time", "%.1f s from seeding to the last reminder and the checks (the due time was %.0f s "
                + "after seeding)", totalSeconds, dueAfterSeconds);
        boolean ok = complete && lost == 0 && duplicatesOk;
        List<String> failures = new ArrayList<>();
        if (!complete) {
            failures.add("timed out");
        }
        if (lost > 0) {
            failures.add(lost + " lost");
        }
        if (!duplicatesOk) {
            failures.add("duplicates beyond what is allowed");
        }
        out.row("result", "%s", ok ? "ok" : "FAILED: " + String.join(", ", failures));
        if (!ok) {
            processes.forEach(mentor -> System.out.println("mentor log: " + mentor.logFile));
        }
        return ok;
    }

    /**
     * Idle and burst latencies; for the burst also of the commands whose own reply was never refused,
     * which shows how much the refusals of other chats' messages held them up.
     */
    private record Latencies(Summary idle, Summary burst, Summary burstNeverRefused, int interrupted,
            int interruptedNeverAnswered) {
    }

    /** Command latencies in ms, and how many got no answer. */
    private record Summary(List<Long> nanos, int unanswered) {
        String summary() {
            if (nanos.isEmpty()) {
                return String.format(Locale.ROOT, "no answered commands (%d unanswered)", unanswered);
            }
            return String.format(Locale.ROOT, "%d commands: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d unanswered)",
                    nanos.size(), percentile(nanos, 50), percentile(nanos, 99), percentile(nanos, 100), unanswered);
        }
    }

    /**
     * Each command's latency: from the fake handing out its update to the fake receiving the first
     * message accepted for that chat afterwards. Commands handed to a process that was killed before it
     * answered are left out: they measure the restart, not the burst.
     */
    private Latencies latencies(List<Command> commands, List<FakeBotApi.Call> sends) {
        Map<Boolean, Map<Long, List<Long>>> byOutcome = sends.stream()
                .filter(call -> call.chatId() >= FIRST_CHATTY_CHAT && call.chatId() < FIRST_CHATTY_CHAT + CHATTY_LEARNERS)
                .collect(Collectors.partitioningBy(FakeBotApi.Call::accepted, Collectors.groupingBy(FakeBotApi.Call::chatId,
                        Collectors.mapping(FakeBotApi.Call::receivedNanos, Collectors.toList()))));
        Map<Long, List<Long>> replies = byOutcome.get(true);
        Map<Long, List<Long>> refusals = byOutcome.get(false);
        List<Long> idle = new ArrayList<>();
        List<Long> burst = new ArrayList<>();
        List<Long> burstNeverRefused = new ArrayList<>();
        int idleUnanswered = 0;
        int burstUnanswered = 0;
        int interrupted = 0;
        int interruptedNeverAnswered = 0;
        for (Command command : commands) {
            Long handedOut = api.deliveredAt(command.updateId());
            Long reply = handedOut == null ? null : replies.getOrDefault(command.chat(), List.of()).stream()
                    .filter(at -> at >= handedOut).min(Comparator.naturalOrder()).orElse(null);
            // An update handed to the killed process was claimed by it: the new one skips it, by design.
            if (killReport != null && handedOut != null && handedOut < killReport.killedNanos
                    && (reply == null || reply > killReport.killedNanos)) {
                interrupted++;
                if (reply == null) {
                    interruptedNeverAnswered++;
                }
            } else if (reply == null) {
                if (command.burst()) {
                    burstUnanswered++;
                } else {
                    idleUnanswered++;
                }
            } else {
                (command.burst() ? burst : idle).add(reply - handedOut);
                boolean refused = refusals.getOrDefault(command.chat(), List.of()).stream()
                        .anyMatch(at -> at >= handedOut && at < reply);
                if (command.burst() && !refused) {
                    burstNeverRefused.add(reply - handedOut);
                }
            }
        }
        return new Latencies(new Summary(idle, idleUnanswered), new Summary(burst, burstUnanswered),
                new Summary(burstNeverRefused, 0), interrupted, interruptedNeverAnswered);
    }

    private static double rate(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }

    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** Lines of the final block, labels aligned. */
    private static final class PrintRows {
        void row(String label, String format, Object... values) {
            System.out.printf(Locale.ROOT, "  %-24s %s%n", label.isEmpty() ? "" : label + ":",
                    String.format(Locale.ROOT, format, values));
        }
    }

    private static void progress(String format, Object... values) {
        System.err.printf(Locale.ROOT, "[%s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                String.format(Locale.ROOT, format, values));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
