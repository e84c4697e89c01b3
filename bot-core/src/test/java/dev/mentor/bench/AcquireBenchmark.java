package dev.mentor.bench;

import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learners;
import dev.mentor.reminders.ReminderComposer;
import dev.mentor.reminders.ReminderDispatcher;
import dev.mentor.reminders.ReminderScheduler;
import dev.mentor.reminders.ReminderSettings;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.quartz.impl.jdbcjobstore.StdJDBCConstants;
import org.quartz.impl.jdbcjobstore.Util;

/**
 * Measures how PostgreSQL plans and runs Quartz's trigger acquisition, the query every node runs under the
 * store's lock before each batch it fires: the weekly triggers of LEARNERS learners, all due in the same minute,
 * are written to the store, then copied up to each larger trigger count; first, the horizon's own way of writing
 * them (one store transaction each) is timed on 2,000 triggers, never analysed and analysed. For each count, before and after an ANALYZE of the Quartz tables, it
 * times the query as Quartz issues it (the same statement, its numeric parameters, 64 rows at most) 30 times on
 * one connection, with the driver's default prepareThreshold and with prepareThreshold=0, and shows EXPLAIN
 * ANALYZE of the custom and the generic plan, and of the same query with bigint parameters for comparison.
 * A plain program, not a test: run it with bench/acquire.sh.
 */
public final class AcquireBenchmark {

    private static final String PLATFORM = "console";
    /** Quartz's own statement, with its table prefix and scheduler name filled in as its delegate does. */
    private static final String ACQUIRE = Util.rtp(StdJDBCConstants.SELECT_NEXT_TRIGGER_TO_ACQUIRE, "QRTZ_", "'mentor'");
    /** What each node asks for: as many triggers as it has threads (batchTriggerAcquisitionMaxCount). */
    private static final int BATCH = ReminderSettings.DEFAULT_THREADS;
    private static final int EXECUTIONS = 30;
    /** Triggers the horizon writes in each timed sample: never analysed, each costs more the more there are. */
    private static final int HORIZON_SAMPLE = 2_000;
    private static final List<String> QUARTZ_TABLES = List.of("qrtz_triggers", "qrtz_simple_triggers", "qrtz_job_details",
            "qrtz_fired_triggers");

    /** Timings of one way of connecting, in milliseconds; the plan counts come from pg_prepared_statements. */
    private record Timings(String connection, double firstFour, double fromTenth, double max, String plans) {
    }

    /** When the triggers fall due: all in the same minute (a burst), or over the hour's horizon. */
    private enum Spread {
        BURST("all due in the same minute"), HOUR("due over the next 55 minutes, the first minute's due now");

        final String description;

        Spread(String description) {
            this.description = description;
        }

        /** Learner i's due time: the first minute, or one of 55 minutes from it in turn. */
        Instant dueOf(Instant first, int i) {
            return this == BURST ? first : first.plus(Duration.ofMinutes(i % 55));
        }
    }

    private final BenchPostgres postgres;
    private final String schema;
    /** The moment the acquisition is timed for: the first due minute. */
    private final Instant due;

    private AcquireBenchmark(BenchPostgres postgres, String schema, Instant due) {
        this.postgres = postgres;
        this.schema = schema;
        this.due = due;
    }

    /** Arguments: [learners, default 10000] [larger trigger counts, default 100000]. */
    public static void main(String[] args) throws Exception {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<Integer> sizes = new ArrayList<>(List.of(learners));
        sizes.addAll(args.length > 1 ? Arrays.stream(args).skip(1).map(Integer::parseInt).toList() : List.of(100_000));
        BenchPostgres postgres = BenchPostgres.fromEnvironment();
        if (!postgres.answers()) {
            System.exit(2);
        }
        horizon(postgres);
        for (Spread spread : Spread.values()) {
            for (int size : sizes) {
                run(postgres, learners, size, spread);
            }
        }
        System.out.println("result: ok");
        System.exit(0);
    }

    /** Statistics change only when the benchmark says so, whatever the server's autovacuum does. */
    private static void withoutAutovacuum(Database database) {
        database.writeAll(handle -> {
            for (String table : QUARTZ_TABLES) {
                handle.execute("alter table " + table + " set (autovacuum_enabled = false)");
            }
        });
    }

    /**
     * A fresh schema: the learners' triggers written, copied up to {@code size}, and vacuumed (so only the column
     * statistics differ between the two measures), timed never analysed, then analysed.
     */
    private static void run(BenchPostgres postgres, int learners, int size, Spread spread) throws Exception {
        String schema = postgres.createSchema();
        try (Database database = Database.open(postgres.settings(schema, ""))) {
            withoutAutovacuum(database);
            // Within the scheduler's one-hour horizon, so schedule() writes every one of them.
            Instant first = Instant.now().plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MINUTES);
            List<ZoneId> zones = ReminderBenchmark.regionZones();
            ReminderBenchmark.insertLearners(database, learners, i -> spread.dueOf(first, i).atZone(zones.get(i % zones.size())));
            AcquireBenchmark benchmark = new AcquireBenchmark(postgres, schema, first);
            System.out.printf("%n%,d triggers %s:%n", size, spread.description);
            benchmark.writeAtOnce(database, spread, first);
            benchmark.copyUpTo(database, learners, size);
            database.read(handle -> handle.execute("vacuum " + String.join(", ", QUARTZ_TABLES)));
            benchmark.measure(database, "never analysed");
            long began = System.nanoTime();
            database.read(handle -> handle.execute("analyze " + String.join(", ", QUARTZ_TABLES)));
            System.out.printf("  ANALYZE of the Quartz tables took %,d ms%n", (System.nanoTime() - began) / 1_000_000);
            benchmark.measure(database, "analysed");
        } finally {
            postgres.dropSchema(schema);
        }
    }

    /**
     * The production path, timed: schedule() adds each trigger within the hour in a store transaction of its own,
     * {@link #HORIZON_SAMPLE} of them to a store never analysed, then as many more once it was analysed with the first
     * ones in it (the first learners moved to another platform, so the second schedule() reads only the new ones).
     */
    private static void horizon(BenchPostgres postgres) throws Exception {
        String schema = postgres.createSchema();
        try (Database database = Database.open(postgres.settings(schema, ""))) {
            withoutAutovacuum(database);
            Instant due = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
            List<ZoneId> zones = ReminderBenchmark.regionZones();
            System.out.printf("%nthe horizon writing %,d triggers due in the same minute, one store transaction each:%n",
                    HORIZON_SAMPLE);
            for (String statistics : List.of("never analysed", "analysed with the first ones in it")) {
                if (!statistics.startsWith("never")) {
                    database.writeAll(handle -> handle.execute("update learners set platform = 'elsewhere'"));
                    database.read(handle -> handle.execute("analyze " + String.join(", ", QUARTZ_TABLES)));
                }
                ReminderBenchmark.insertLearners(database, HORIZON_SAMPLE, i -> due.atZone(zones.get(i % zones.size())));
                Learners learners = new Learners(database);
                ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners,
                        new ReminderComposer(new RoadmapLoader().loadBundled()), Map.of(PLATFORM, (recipient, reply) -> {
                        }), ReminderSettings.DEFAULTS, Clock.systemUTC());
                ReminderScheduler scheduler = new ReminderScheduler(database, learners, dispatcher, learner -> true,
                        NodesBenchmark.sharedScheduling(database, database.settings(), ReminderSettings.DEFAULTS.threads()));
                try {
                    long began = System.nanoTime();
                    int triggers = scheduler.schedule().triggers();
                    double seconds = (System.nanoTime() - began) / 1e9;
                    System.out.printf("  %s: %,d triggers in %.1f s = %,.0f triggers/s%n", statistics, triggers, seconds,
                            triggers / seconds);
                } finally {
                    scheduler.close(); // never started: nothing fires
                }
            }
        } finally {
            postgres.dropSchema(schema);
        }
    }

    /** The same triggers, written fast (see BenchTriggers). */
    private void writeAtOnce(Database database, Spread spread, Instant first) throws Exception {
        List<String> ids = database.read(handle -> handle.createQuery("select id from learners order by platform_user_id")
                .mapTo(String.class).list());
        Map<String, Instant> dueByLearner = new java.util.HashMap<>();
        for (String id : ids) {
            dueByLearner.put(id, spread.dueOf(first, dueByLearner.size()));
        }
        long began = System.nanoTime();
        try (var scheduling = NodesBenchmark.sharedScheduling(database, database.settings(), ReminderSettings.DEFAULTS.threads())) {
            dev.mentor.reminders.BenchTriggers.scheduleWeekly(scheduling.quartz(), database, dueByLearner);
        }
        System.out.printf("  the learners' %,d triggers written to the store at once in %.1f s%n", ids.size(),
                (System.nanoTime() - began) / 1e9);
    }

    /** Copies of the weekly triggers (and their jobs), due at the same time, until the store holds {@code size}. */
    private void copyUpTo(Database database, int written, int size) {
        database.writeAll(handle -> {
            dev.mentor.reminders.BenchTriggers.skipForeignKeyChecks(handle);
            handle.execute("delete from qrtz_simple_triggers where trigger_name like '%~%'");
            handle.execute("delete from qrtz_triggers where trigger_name like '%~%'");
            handle.execute("delete from qrtz_job_details where job_name like '%~%'");
            int copies = (size - written) / written;
            if (copies <= 0) {
                return;
            }
            handle.createUpdate("insert into qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, "
                    + "is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data) select sched_name, job_name "
                    + "|| '~' || k, job_group, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, "
                    + "requests_recovery, job_data from qrtz_job_details, generate_series(1, :copies) k "
                    + "where job_group = 'weekly'").bind("copies", copies).execute();
            handle.createUpdate("insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, "
                    + "description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type, start_time, "
                    + "end_time, calendar_name, misfire_instr, job_data) select sched_name, trigger_name || '~' || k, "
                    + "trigger_group, job_name || '~' || k, job_group, description, next_fire_time, prev_fire_time, priority, "
                    + "trigger_state, trigger_type, start_time, end_time, calendar_name, misfire_instr, job_data "
                    + "from qrtz_triggers, generate_series(1, :copies) k where trigger_group = 'weekly'")
                    .bind("copies", copies).execute();
            handle.createUpdate("insert into qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, "
                    + "repeat_interval, times_triggered) select sched_name, trigger_name || '~' || k, trigger_group, "
                    + "repeat_count, repeat_interval, times_triggered from qrtz_simple_triggers, generate_series(1, :copies) k "
                    + "where trigger_group = 'weekly'").bind("copies", copies).execute();
        });
    }

    private void measure(Database database, String statistics) throws SQLException {
        long[] counts = database.read(handle -> handle.createQuery("select count(*), count(*) filter (where next_fire_time "
                        + "<= :noLaterThan) from qrtz_triggers")
                .bind("noLaterThan", due.plusSeconds(30).toEpochMilli())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .one());
        System.out.printf("  %s (%,d in the store, %,d due):%n", statistics, counts[0], counts[1]);
        for (String options : List.of("", "prepareThreshold=0")) {
            Timings timings = time(postgres.settings(schema, options), options.isEmpty() ? "default" : options);
            System.out.printf("    as Quartz runs it, %-19s runs 1-4 median %6.2f ms, runs 10-%d median %6.2f ms, max %6.2f ms%s%n",
                    timings.connection() + ":", timings.firstFour(), EXECUTIONS, timings.fromTenth(), timings.max(),
                    timings.plans());
        }
        explain(postgres.settings(schema, ""));
    }

    /**
     * The acquisition as Quartz's delegate runs it, at the due time: a new statement each time, at most a batch of
     * rows fetched, the times bound as BigDecimal (so sent as numeric), each run in a transaction of its own.
     */
    private Timings time(DatabaseSettings settings, String label) throws SQLException {
        long noLaterThan = due.plusSeconds(30).toEpochMilli(); // the node's idle wait ahead
        long misfireTime = due.minusSeconds(60).toEpochMilli(); // the misfire threshold behind
        double[] millis = new double[EXECUTIONS];
        String plans = "";
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            connection.setAutoCommit(false);
            for (int run = 0; run < EXECUTIONS; run++) {
                long began = System.nanoTime();
                try (PreparedStatement statement = connection.prepareStatement(ACQUIRE)) {
                    statement.setMaxRows(BATCH);
                    statement.setFetchSize(BATCH);
                    statement.setString(1, "WAITING");
                    statement.setBigDecimal(2, new BigDecimal(String.valueOf(noLaterThan)));
                    statement.setBigDecimal(3, new BigDecimal(String.valueOf(misfireTime)));
                    try (ResultSet rows = statement.executeQuery()) {
                        int read = 0;
                        while (read < BATCH && rows.next()) {
                            read++;
                        }
                    }
                }
                connection.commit();
                millis[run] = (System.nanoTime() - began) / 1e6;
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select generic_plans, custom_plans from pg_prepared_statements "
                            + "where statement like '%TRIGGER_STATE = $1%'")) {
                if (rows.next()) {
                    plans = String.format("; server-side statement: %d generic, %d custom plans", rows.getLong(1),
                            rows.getLong(2));
                }
            }
            connection.rollback();
        }
        double[] fromTenth = Arrays.copyOfRange(millis, 9, EXECUTIONS);
        return new Timings(label, median(Arrays.copyOf(millis, 4)), median(fromTenth), Arrays.stream(millis).max().orElse(0),
                plans);
    }

    /**
     * EXPLAIN ANALYZE of the custom and the generic plan, with numeric parameters as Quartz binds them and with
     * bigint ones; then of the lookups by name Quartz makes for every trigger it fires (and the foreign-key checks
     * PostgreSQL makes alike): each on one line, the plan's nodes, whether an index bounds next_fire_time, the time.
     */
    private void explain(DatabaseSettings settings) throws SQLException {
        String parameterised = ACQUIRE.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2").replaceFirst("\\?", "\\$3");
        String arguments = "('WAITING', " + due.plusSeconds(30).toEpochMilli() + ", " + due.minusSeconds(60).toEpochMilli() + ")";
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
                Statement statement = connection.createStatement()) {
            statement.execute("prepare acquire_numeric (varchar, numeric, numeric) as " + parameterised);
            statement.execute("prepare acquire_bigint (varchar, bigint, bigint) as " + parameterised);
            for (String prepared : List.of("acquire_numeric", "acquire_bigint")) {
                for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                    statement.execute("set plan_cache_mode = " + mode);
                    System.out.printf("    acquire, %s parameters, %s: %s%n", prepared.replace("acquire_", ""),
                            mode.replace("force_", "").replace("_plan", " plan"), explained(statement, "execute " + prepared
                                    + arguments));
                }
            }
            statement.execute("set plan_cache_mode = auto");
            String name;
            try (ResultSet rows = statement.executeQuery("select max(trigger_name) from qrtz_triggers where trigger_group = 'weekly'")) {
                rows.next();
                name = rows.getString(1);
            }
            System.out.printf("    a trigger by name: %s%n", explained(statement, "select * from qrtz_triggers where sched_name = "
                    + "'mentor' and trigger_name = '" + name + "' and trigger_group = 'weekly'"));
            System.out.printf("    a job by name:     %s%n", explained(statement, "select * from qrtz_job_details where "
                    + "sched_name = 'mentor' and job_name = '" + name + "' and job_group = 'weekly'"));
        }
    }

    /** EXPLAIN ANALYZE of one statement on one line: the time, whether next_fire_time bounds an index, the plan. */
    private static String explained(Statement statement, String sql) throws SQLException {
        List<String> nodes = new ArrayList<>();
        boolean bounded = false;
        String time = "";
        try (ResultSet rows = statement.executeQuery("explain (analyze, costs off, timing off, summary on) " + sql)) {
            while (rows.next()) {
                String line = rows.getString(1).strip();
                if (line.startsWith("Execution Time:")) {
                    time = line.substring("Execution Time:".length()).strip();
                } else if (line.contains("(actual")) {
                    nodes.add(line.replaceFirst("^-> +", "").replaceFirst(" on qrtz_\\w+", "")
                            .replaceFirst(" \\(actual rows=(\\d+) loops=1\\)", " ($1 rows)"));
                } else if (line.matches("(Index|Recheck) Cond: .*") && line.contains("next_fire_time")) {
                    bounded = true;
                } else if (line.startsWith("Rows Removed by Filter:")) {
                    nodes.add("(" + line.toLowerCase(java.util.Locale.ROOT) + ")");
                }
            }
        }
        return time + "; " + (sql.contains("execute acquire") ? (bounded ? "index bounds next_fire_time; "
                : "next_fire_time only filtered; ") : "") + String.join(" < ", nodes);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
