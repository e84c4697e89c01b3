package dev.mentor.bench;

import dev.mentor.chat.Reply;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learners;
import dev.mentor.reminders.BenchTriggers;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import dev.mentor.reminders.ReminderComposer;
import dev.mentor.reminders.ReminderDispatcher;
import dev.mentor.reminders.ReminderScheduler;
import dev.mentor.reminders.ReminderSettings;
import dev.mentor.scheduling.Scheduling;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures reminders fired by several mentor instances on one PostgreSQL database, each a JVM of its own
 * sharing Quartz's clustered JDBC store, as in production: LEARNERS weekly reminders all due at the same
 * minute, fired by 1, then 2, then 3 nodes (a fresh schema each time). The coordinator (this class) inserts
 * the learners and writes their triggers to the store as a first start does, then starts the nodes (this
 * class again, in node mode) well before the due time; each node's platform only records what it was given,
 * after an optional simulated round trip, and writes that to a table when told to stop. Reports reminders/s
 * from the due time and from the first send to the last, lost and duplicated reminders, each node's share,
 * lateness behind the due time, and what the machine and the database were busy with during the burst.
 * A plain program, not a test: run it with bench/nodes.sh. Exits 1 when a reminder was lost or sent twice.
 */
public final class NodesBenchmark {

    private static final String PLATFORM = "console";
    private static final String NODE_HEAP = "-Xmx256m";
    /** A burst that makes no progress for this long has stopped for good (misfires are looked at every minute). */
    private static final Duration STALL = Duration.ofMinutes(2);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    /**
     * Quartz's default idle wait: a node with nothing to fire looks at the store again within this, so triggers
     * written by another process are taken up to this late.
     */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(30);
    private static final List<String> QUARTZ_TABLES = List.of("qrtz_triggers", "qrtz_simple_triggers",
            "qrtz_job_details", "qrtz_fired_triggers", "qrtz_locks", "qrtz_scheduler_state");

    /**
     * What to run: the learners and round trip of every run, the node counts in turn, parameters added to the
     * URL only Quartz's store uses, and whether the Quartz tables are analysed once their triggers are written.
     */
    record Plan(int learners, int roundTripMillis, List<Integer> nodeCounts, String quartzOptions, boolean analyze,
            Duration lead) {
    }

    /** What one run measured. */
    record Result(int nodes, int learners, int sends, int lost, int duplicates, int deliveryRows, double fromDue,
            double fromFirst, long p50Millis, long p99Millis, Map<Integer, Integer> perNode, boolean complete,
            double otherCores, double roundTripMillis) {

        boolean ok() {
            return complete && lost == 0 && duplicates == 0 && deliveryRows == learners;
        }
    }

    private final BenchPostgres postgres;
    private final Plan plan;

    private NodesBenchmark(BenchPostgres postgres, Plan plan) {
        this.postgres = postgres;
        this.plan = plan;
    }

    /**
     * Arguments: [learners, default 10000] [simulated round trip in ms, default 0], or {@code node ...} for a
     * node the coordinator starts. BENCH_NODES (default "1 2 3") lists the node counts;
     * BENCH_QUARTZ_URL_OPTIONS adds parameters to the URL of Quartz's store (e.g. prepareThreshold=0);
     * BENCH_ANALYZE=no leaves the Quartz tables never analysed (by default they are analysed once the triggers are
     * written, as autovacuum does soon after on a server that runs it); BENCH_LEAD_SECONDS sets
     * how long after the nodes start the reminders fall due, at least (default 40 s + 1 s per 1,000 learners).
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("node")) {
            Node.main(args);
            return;
        }
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int roundTrip = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        List<Integer> nodeCounts = Arrays.stream(System.getenv().getOrDefault("BENCH_NODES", "1 2 3").strip().split("[ ,]+"))
                .map(Integer::parseInt)
                .toList();
        String lead = System.getenv().getOrDefault("BENCH_LEAD_SECONDS", "");
        Plan plan = new Plan(learners, roundTrip, nodeCounts, System.getenv().getOrDefault("BENCH_QUARTZ_URL_OPTIONS", "").strip(),
                !"no".equals(System.getenv("BENCH_ANALYZE")),
                Duration.ofSeconds(lead.isBlank() ? 40 + learners / 1_000 : Long.parseLong(lead)));
        BenchPostgres postgres = BenchPostgres.fromEnvironment();
        if (!postgres.answers()) {
            System.exit(2);
        }
        System.out.printf("nodes: %,d learners due in one minute, round trip %d ms, Quartz URL options: %s, ANALYZE after "
                + "loading: %s, on %s%n", learners, roundTrip, plan.quartzOptions().isEmpty() ? "none" : plan.quartzOptions(),
                plan.analyze() ? "yes" : "no", new DatabaseSettings(postgres.url(), "", "").safeUrl());
        NodesBenchmark benchmark = new NodesBenchmark(postgres, plan);
        List<Result> results = new ArrayList<>();
        for (int nodes : nodeCounts) {
            results.add(benchmark.run(nodes));
        }
        System.out.println();
        System.out.printf("round trip %d ms, %,d learners%s%s%n", roundTrip, learners,
                plan.quartzOptions().isEmpty() ? "" : ", Quartz URL +" + plan.quartzOptions(), plan.analyze() ? ", Quartz tables analysed" : ", Quartz tables never analysed");
        // Every statement Quartz makes under its lock waits a round trip, and other processes' CPU (cores) slows both ends.
        System.out.println("nodes  due->last/s  first->last/s  lost  dup  p50 late  p99 late  db rtt  other CPU  "
                + "sent by each node");
        for (Result r : results) {
            System.out.printf("%5d  %11.0f  %13.0f  %4d  %3d  %6.1f s  %6.1f s  %4.2f ms  %9.2f  %s%s%n", r.nodes(), r.fromDue(),
                    r.fromFirst(), r.lost(), r.duplicates(), r.p50Millis() / 1e3, r.p99Millis() / 1e3, r.roundTripMillis(),
                    r.otherCores(), r.perNode().values(), r.complete() ? "" : "  (incomplete)");
        }
        boolean ok = results.stream().allMatch(Result::ok);
        System.out.println(ok ? "result: ok" : "result: FAILED (see the lines above)");
        System.exit(ok ? 0 : 1);
    }

    private Result run(int nodes) throws Exception {
        String label = nodes + (nodes == 1 ? " node" : " nodes");
        System.out.println();
        String schema = postgres.createSchema();
        List<NodeProcess> started = new ArrayList<>();
        try {
            DatabaseSettings settings = postgres.settings(schema, "");
            DatabaseSettings quartz = postgres.settings(schema, plan.quartzOptions());
            try (Database database = Database.open(settings)) {
                database.writeAll(handle -> {
                    handle.execute("create table bench_sends (platform_user_id varchar(40) not null, node integer not null, "
                            + "sent_at bigint not null)");
                    // Statistics change only when the benchmark says so, whatever the server's autovacuum does.
                    for (String table : QUARTZ_TABLES) {
                        handle.execute("alter table " + table + " set (autovacuum_enabled = false)");
                    }
                });
                // The nodes run before the learners exist, as the reminders of a running cluster come: the horizon
                // writes the next hour's triggers to the store, and they fire from there on whichever node takes them.
                for (int i = 1; i <= nodes; i++) {
                    started.add(NodeProcess.start(i, settings, quartz, plan.roundTripMillis(), label));
                }
                for (NodeProcess node : started) {
                    node.awaitStarted();
                }
                // Every learner at the same instant, in many zones: the same minute, each at their local time.
                Instant due = Instant.now().plus(plan.lead()).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
                started.forEach(node -> node.due = due);
                List<ZoneId> zones = ReminderBenchmark.regionZones();
                ReminderBenchmark.insertLearners(database, plan.learners(), i -> due.atZone(zones.get(i % zones.size())));

                long began = System.nanoTime();
                writeTriggers(database, quartz, due);
                System.out.printf("%s: %,d triggers due at %s written to the store in %,d ms, %.0f s before it%n", label,
                        plan.learners(), due, millisSince(began), (due.toEpochMilli() - System.currentTimeMillis()) / 1e3);
                if (plan.analyze()) {
                    long analyzeBegan = System.nanoTime();
                    database.writeAll(handle -> handle.execute("analyze " + String.join(", ", QUARTZ_TABLES)));
                    System.out.printf("%s: ANALYZE of the Quartz tables in %,d ms%n", label, millisSince(analyzeBegan));
                }
                if (Instant.now().isAfter(due.minus(IDLE_WAIT))) {
                    System.out.printf("%s: NOTE the triggers were in the store less than %d s before the due time: a node "
                            + "may not have looked at the store since (raise BENCH_LEAD_SECONDS)%n", label, IDLE_WAIT.toSeconds());
                }
                double roundTrip = databaseRoundTrip(database);
                System.out.printf("%s: a database round trip (select 1) takes %.2f ms (median of 200, before the due time)%n",
                        label, roundTrip);
                Burst burst = watch(database, started, due, label);
                Thread.sleep(2_000); // lets a duplicate still in flight arrive before counting
                for (NodeProcess node : started) {
                    node.stop();
                }
                for (NodeProcess node : started) {
                    node.awaitExit();
                }
                return result(database, nodes, due, burst, roundTrip, label);
            }
        } finally {
            started.forEach(NodeProcess::kill);
            postgres.dropSchema(schema);
        }
    }

    /**
     * The weekly triggers of every learner, written to the shared store by a scheduler that never starts: the rows
     * the horizon writes one at a time (which takes minutes for this many), in seconds, so the run stays short.
     */
    private void writeTriggers(Database database, DatabaseSettings quartz, Instant due) throws Exception {
        List<String> ids = database.read(handle -> handle.createQuery("select id from learners").mapTo(String.class).list());
        Map<String, Instant> dueByLearner = new HashMap<>();
        ids.forEach(id -> dueByLearner.put(id, due));
        try (Scheduling scheduling = sharedScheduling(database, quartz, ReminderSettings.DEFAULTS.threads())) {
            BenchTriggers.scheduleWeekly(scheduling.quartz(), database, dueByLearner);
        }
    }

    /**
     * The shared schedule with its store reached through {@code quartz}'s URL. Scheduling reads the URL from a
     * database's settings and opens a pool of its own, so a database opened on that URL only lends its settings.
     */
    static Scheduling sharedScheduling(Database database, DatabaseSettings quartz, int threads) {
        if (quartz.equals(database.settings())) {
            return Scheduling.shared(database, threads, Scheduling.DEFAULT_MISFIRE_THRESHOLD);
        }
        try (Database forQuartz = Database.open(quartz)) {
            return Scheduling.shared(forQuartz, threads, Scheduling.DEFAULT_MISFIRE_THRESHOLD);
        }
    }

    /** What was seen while the reminders went out. */
    private record Burst(boolean complete, String load, double otherCores) {
    }

    /**
     * Waits until every reminder is recorded as sent, or nothing moved for {@link #STALL}, sampling meanwhile
     * (from a second before the due time) the database's sessions and the CPU of the nodes and the server.
     */
    private Burst watch(Database database, List<NodeProcess> nodes, Instant due, String label) throws Exception {
        long dueMillis = due.toEpochMilli();
        long lastProgress = dueMillis;
        int sent = 0;
        Cpu before = null;
        int samples = 0;
        long[] sessions = new long[3]; // active (not this one), waiting for Quartz's lock, idle in a transaction
        while (true) {
            Thread.sleep(SAMPLE_EVERY.toMillis());
            long now = System.currentTimeMillis();
            if (now < dueMillis - 1_000) {
                continue;
            }
            if (before == null) {
                before = Cpu.now(nodes);
            }
            long[] seen = database.read(handle -> handle.createQuery("select count(*) filter (where state = 'active' "
                            + "and pid <> pg_backend_pid()), count(*) filter (where wait_event_type = 'Lock' and query ilike "
                            + "'%qrtz_locks%'), count(*) filter (where state like 'idle in transaction%') "
                            + "from pg_stat_activity where datname = current_database()")
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                    .one());
            for (int i = 0; i < sessions.length; i++) {
                sessions[i] += seen[i];
            }
            samples++;
            int count = database.read(handle -> handle.createQuery(
                    "select count(*) from reminder_deliveries where state = 'sent'").mapTo(Integer.class).one());
            if (count != sent) {
                sent = count;
                lastProgress = now;
            }
            boolean complete = sent >= plan.learners();
            boolean stalled = now - lastProgress > STALL.toMillis();
            boolean died = nodes.stream().anyMatch(node -> !node.process().isAlive());
            if (complete || stalled || died) {
                Cpu after = Cpu.now(nodes);
                if (!complete) {
                    System.out.printf("%s: stopped waiting with %,d of %,d sent: %s%n", label, sent, plan.learners(),
                            died ? "a node died" : "nothing moved for " + STALL.toSeconds() + " s");
                }
                int n = Math.max(samples, 1);
                String load = String.format("sessions on average: %.1f active, %.1f waiting for Quartz's lock, %.1f idle in a "
                        + "transaction; %s", sessions[0] / (double) n, sessions[1] / (double) n, sessions[2] / (double) n,
                        before.describeUntil(after, nodes));
                return new Burst(complete, load, before.othersUntil(after));
            }
        }
    }

    private Result result(Database database, int nodes, Instant due, Burst burst, double roundTrip, String label) {
        long dueMillis = due.toEpochMilli();
        Map<String, Long> firstSend = new HashMap<>();
        Map<Integer, Integer> perNode = new TreeMap<>();
        for (int i = 1; i <= nodes; i++) {
            perNode.put(i, 0);
        }
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        int[] sends = {0};
        database.read(handle -> handle.createQuery("select platform_user_id, node, sent_at from bench_sends")
                .map((rs, ctx) -> {
                    long at = rs.getLong(3);
                    firstSend.merge(rs.getString(1), at, Math::min);
                    perNode.merge(rs.getInt(2), 1, Integer::sum);
                    span[0] = Math.min(span[0], at);
                    span[1] = Math.max(span[1], at);
                    sends[0]++;
                    return 0;
                })
                .list());
        int deliveryRows = database.read(handle -> handle.createQuery(
                "select count(*) from reminder_deliveries where state = 'sent'").mapTo(Integer.class).one());
        long[] lateness = firstSend.values().stream().mapToLong(at -> at - dueMillis).sorted().toArray();
        int lost = plan.learners() - firstSend.size();
        int duplicates = sends[0] - firstSend.size();
        double fromDue = sends[0] == 0 ? 0 : firstSend.size() / Math.max((span[1] - dueMillis) / 1e3, 1e-3);
        double fromFirst = sends[0] < 2 ? 0 : (firstSend.size() - 1) / Math.max((span[1] - span[0]) / 1e3, 1e-3);
        Result result = new Result(nodes, plan.learners(), sends[0], lost, duplicates, deliveryRows, fromDue, fromFirst,
                percentile(lateness, 0.50), percentile(lateness, 0.99), perNode, burst.complete(), burst.otherCores(),
                roundTrip);
        if (sends[0] > 0) {
            System.out.printf("%s: first sent %.2f s after the due time, last %.2f s after: %,.0f reminders/s from the due "
                    + "time, %,.0f/s from the first to the last%n", label, (span[0] - dueMillis) / 1e3,
                    (span[1] - dueMillis) / 1e3, fromDue, fromFirst);
        }
        System.out.printf("%s: late p50 %.2f s, p99 %.2f s, max %.2f s; sent by each node %s%n", label,
                result.p50Millis() / 1e3, result.p99Millis() / 1e3, percentile(lateness, 1.0) / 1e3, perNode.values());
        System.out.printf("%s: lost %d, duplicates %d, delivery rows %,d of %,d%n", label, lost, duplicates, deliveryRows,
                plan.learners());
        System.out.printf("%s: %s%n", label, burst.load());
        return result;
    }

    /** The median time of a trivial query on one connection, in milliseconds: what each statement costs at least. */
    private static double databaseRoundTrip(Database database) {
        long[] nanos = database.read(handle -> {
            long[] times = new long[200];
            for (int i = 0; i < times.length; i++) {
                long began = System.nanoTime();
                handle.createQuery("select 1").mapTo(Integer.class).one();
                times[i] = System.nanoTime() - began;
            }
            return times;
        });
        Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1e6;
    }

    /** The value at fraction {@code p} of the sorted values (nearest rank), 0 when there are none. */
    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /**
     * CPU time so far, from /proc (Linux; nothing elsewhere): the machine's busy and total time, this process's,
     * each node's, and the database server's (every process named postgres, so other databases' work counts too).
     */
    private record Cpu(long busy, long total, long coordinator, Map<Long, Long> nodes, long postgres) {

        /** Clock ticks a second of /proc's figures: 100 on every usual Linux. */
        private static final double TICKS = 100.0;

        static Cpu now(List<NodeProcess> nodes) {
            try {
                long[] machine = Arrays.stream(Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+"))
                        .skip(1).mapToLong(Long::parseLong).toArray();
                long total = Arrays.stream(machine).limit(8).sum();
                long busy = total - machine[3] - machine[4]; // all but idle and I/O wait
                Map<Long, Long> perNode = new HashMap<>();
                for (NodeProcess node : nodes) {
                    perNode.put(node.process().pid(), ticksOf(node.process().pid()));
                }
                long postgres = 0;
                try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                    for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                        postgres += ticksOf(Long.parseLong(process.getFileName().toString()), "(postgres)");
                    }
                }
                return new Cpu(busy, total, ticksOf(ProcessHandle.current().pid()), perNode, postgres);
            } catch (IOException | RuntimeException e) {
                return new Cpu(-1, -1, -1, Map.of(), -1); // not Linux
            }
        }

        private static long ticksOf(long pid) {
            return ticksOf(pid, "");
        }

        /** User and system time of one process named {@code name} (any when empty), in clock ticks; 0 when gone. */
        private static long ticksOf(long pid, String name) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                if (!stat.contains(name)) {
                    return 0;
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return 0; // it ended meanwhile
            }
        }

        /** Cores busy with anything but the nodes, the database and the coordinator; -1 when not measured. */
        double othersUntil(Cpu after) {
            if (total < 0 || after.total < 0) {
                return -1;
            }
            long nodeTicks = after.nodes.entrySet().stream()
                    .mapToLong(node -> node.getValue() - nodes.getOrDefault(node.getKey(), 0L))
                    .sum();
            long others = (after.busy - busy) - nodeTicks - (after.postgres - postgres) - (after.coordinator - coordinator);
            double seconds = (after.total - total) / TICKS / Runtime.getRuntime().availableProcessors();
            return Math.max(0, others) / TICKS / seconds;
        }

        String describeUntil(Cpu after, List<NodeProcess> nodeProcesses) {
            if (total < 0 || after.total < 0) {
                return "CPU not measured (no /proc)";
            }
            double cores = Runtime.getRuntime().availableProcessors();
            double seconds = (after.total - total) / TICKS / cores;
            StringBuilder text = new StringBuilder(String.format("CPU over %.1f s, in cores: machine %.2f of %.0f busy; nodes",
                    seconds, (after.busy - busy) / TICKS / seconds, cores));
            for (NodeProcess node : nodeProcesses) {
                long pid = node.process().pid();
                text.append(String.format(" %.2f", (after.nodes.getOrDefault(pid, 0L) - nodes.getOrDefault(pid, 0L)) / TICKS
                        / seconds));
            }
            return text.append(String.format(", postgres %.2f, coordinator %.2f, anything else %.2f",
                    (after.postgres - postgres) / TICKS / seconds, (after.coordinator - coordinator) / TICKS / seconds,
                    othersUntil(after))).toString();
        }
    }

    /** A node this coordinator started: its output is echoed with its number, and it stops when told. */
    private static final class NodeProcess {

        private final int index;
        private final Process process;
        private final Writer input;
        private final CountDownLatch started = new CountDownLatch(1);
        /** The run's due time once known, for the node's lines. */
        volatile Instant due;

        private NodeProcess(int index, Process process) {
            this.index = index;
            this.process = process;
            this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        /** The same program in node mode, on the same java and class path, with a smaller heap. */
        static NodeProcess start(int index, DatabaseSettings settings, DatabaseSettings quartz, int roundTripMillis,
                String label) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(option -> !option.startsWith("-Xmx"))
                    .forEach(command::add);
            command.add(NODE_HEAP);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), NodesBenchmark.class.getName(), "node",
                    String.valueOf(index), settings.url(), quartz.url(), String.valueOf(roundTripMillis)));
            // The password travels in the environment (inherited), never on a command line.
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            NodeProcess node = new NodeProcess(index, process);
            Thread.ofVirtual().name("node-" + index + "-output").start(() -> node.echo(label));
            return node;
        }

        private void echo(String label) {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    Instant runDue = due;
                    String when = runDue == null ? ""
                            : String.format(" [due %+.1f s]", (System.currentTimeMillis() - runDue.toEpochMilli()) / 1e3);
                    System.out.printf("%s: node %d%s %s%n", label, index, when, line.replaceFirst("^\\[[^]]*] ", ""));
                    if (line.startsWith("started")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the node is gone; its exit code tells
            } finally {
                started.countDown();
            }
        }

        Process process() {
            return process;
        }

        void awaitStarted() throws InterruptedException {
            if (!started.await(2, TimeUnit.MINUTES) || !process.isAlive()) {
                throw new IllegalStateException("node " + index + " did not start");
            }
        }

        void stop() throws IOException {
            input.write("stop\n");
            input.flush();
        }

        void awaitExit() throws InterruptedException {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                System.out.printf("node %d did not stop within 2 minutes%n", index);
            }
        }

        void kill() {
            process.destroyForcibly();
        }
    }

    /**
     * One mentor instance: the shared schedule, started as the mentor starts it, with a platform that records.
     * Runs until its input says stop (or ends), then writes what it sent to bench_sends.
     */
    static final class Node {

        /** Arguments: node INDEX DATABASE_URL QUARTZ_URL ROUND_TRIP_MS. */
        static void main(String[] args) throws Exception {
            int index = Integer.parseInt(args[1]);
            BenchPostgres postgres = BenchPostgres.fromEnvironment();
            DatabaseSettings settings = new DatabaseSettings(args[2], postgres.user(), postgres.password());
            DatabaseSettings quartz = new DatabaseSettings(args[3], postgres.user(), postgres.password());
            Recording port = new Recording(Duration.ofMillis(Long.parseLong(args[4])));
            long began = System.nanoTime();
            try (Database database = Database.open(settings)) {
                Learners learners = new Learners(database);
                ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners,
                        new ReminderComposer(new RoadmapLoader().loadBundled()), Map.of(PLATFORM, port),
                        ReminderSettings.DEFAULTS, Clock.systemUTC());
                ReminderScheduler scheduler = new ReminderScheduler(database, learners, dispatcher, learner -> true,
                        sharedScheduling(database, quartz, dispatcher.settings().threads()));
                scheduler.start();
                System.out.printf("started in %,d ms%n", millisSince(began));
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.equals("stop"));
                scheduler.close(); // reminders being sent finish first
                port.save(database, index);
                System.out.printf("stopped: %,d sent%n", port.sent.size());
                System.out.flush();
            }
            System.exit(0);
        }
    }

    /** A platform that takes every reminder after the round trip and notes whose and when; nothing goes out. */
    private static final class Recording implements DeliveryPort {

        private final Duration roundTrip;
        private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

        /** A reminder the platform took: whose, and when (epoch milliseconds). */
        private record Sent(String platformUserId, long at) {
        }

        Recording(Duration roundTrip) {
            this.roundTrip = roundTrip;
        }

        @Override
        public void deliver(Recipient recipient, Reply reply) {
            if (roundTrip.isPositive()) {
                try {
                    Thread.sleep(roundTrip);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.add(new Sent(recipient.platformUserId(), System.currentTimeMillis()));
        }

        /** Written once at the end, so recording adds nothing to the database's load during the burst. */
        void save(Database database, int node) {
            database.writeAll(handle -> {
                var batch = handle.prepareBatch("insert into bench_sends (platform_user_id, node, sent_at) values (?, ?, ?)");
                for (Sent one : sent) {
                    batch.add(one.platformUserId(), node, one.at());
                }
                if (batch.size() > 0) {
                    batch.execute();
                }
            });
        }
    }
}
