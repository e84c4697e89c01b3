package dev.mentor.scheduling;

import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The one Quartz scheduler of a running mentor, which reminders and digests share: its thread pool, its
 * job store, its start and its shutdown. In memory (Quartz's RAM store) for one instance, where the
 * database is the truth and the triggers are made from it; or, on PostgreSQL, Quartz's clustered JDBC
 * store that every instance shares, so each trigger fires on one of them and a dead one's fire on the others.
 */
public final class Scheduling implements AutoCloseable {

    /** The Quartz scheduler name every instance sharing a PostgreSQL schedule uses. */
    public static final String SHARED_NAME = "mentor";
    /** How often an instance checks in with the cluster; one silent for longer has its triggers taken over. */
    public static final Duration CLUSTER_CHECK_IN = Duration.ofMillis(7_500);
    /**
     * Connections of the shared store's own pool, per instance. Quartz holds one only for short store
     * transactions (taking triggers, marking one fired or done), never while a job runs, so a few serve all
     * the threads: each instance uses this plus the mentor's pool of 10 (see the README's formula).
     */
    public static final int STORE_CONNECTIONS = 6;
    /** Quartz's own default: a trigger later than this is handled as misfired. */
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);

    private final Scheduler scheduler;
    private final boolean shared;
    /** The shared store's database; null for a schedule in memory. */
    private final Database database;
    /** How each kind of job is made: its owner registers it, so jobs reach their owner without static state. */
    private final Map<Class<? extends Job>, Supplier<? extends Job>> jobs = new ConcurrentHashMap<>();

    private Scheduling(Properties properties, Database database) {
        this.shared = database != null;
        this.database = database;
        try {
            scheduler = new StdSchedulerFactory(properties).getScheduler();
            scheduler.setJobFactory((bundle, owner) -> {
                Supplier<? extends Job> maker = jobs.get(bundle.getJobDetail().getJobClass());
                if (maker == null) {
                    throw new SchedulerException("No maker registered for " + bundle.getJobDetail().getJobClass());
                }
                return maker.get();
            });
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot create the scheduler: " + e.getMessage(), e);
        }
    }

    /** A schedule of its own, in memory. */
    public static Scheduling inMemory(int threads, Duration misfireThreshold) {
        Properties properties = common(threads, misfireThreshold);
        // Each gets a name of its own: Quartz shares schedulers of the same name in a JVM.
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "mentor-" + UUID.randomUUID());
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return new Scheduling(properties, null);
    }

    /** The schedule every instance on this PostgreSQL database shares (its tables come from a migration). */
    public static Scheduling shared(Database database, int threads, Duration misfireThreshold) {
        DatabaseSettings settings = database.settings();
        if (!settings.isPostgres()) {
            throw new IllegalArgumentException("a shared schedule needs PostgreSQL");
        }
        Properties properties = common(threads, misfireThreshold);
        // The cluster is every scheduler of this name on the database; each has an id of its own.
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SHARED_NAME);
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId());
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CLUSTER_CHECK_IN.toMillis()));
        // Batches of triggers are taken under the store's lock, so two instances never take the same one.
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        properties.setProperty("org.quartz.jobStore.dataSource", "mentor");
        properties.setProperty("org.quartz.dataSource.mentor.provider", "hikaricp");
        properties.setProperty("org.quartz.dataSource.mentor.driver", "org.postgresql.Driver");
        properties.setProperty("org.quartz.dataSource.mentor.URL", settings.url());
        properties.setProperty("org.quartz.dataSource.mentor.user", settings.user() == null ? "" : settings.user());
        properties.setProperty("org.quartz.dataSource.mentor.password", settings.password() == null ? "" : settings.password());
        properties.setProperty("org.quartz.dataSource.mentor.maxConnections", String.valueOf(STORE_CONNECTIONS));
        return new Scheduling(properties, database);
    }

    /**
     * This scheduler's id in the shared store: the host, the process and a random part, so that each start is
     * a new member of the cluster (as Quartz's own AUTO ids are). Quartz's AUTO needs the host name to resolve,
     * which a container or a bare host may not do ("Cannot run without an instance id"); this reads it without.
     */
    static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unresolved) {
            try {
                host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException | RuntimeException unreadable) {
                host = "";
            }
        }
        host = host.isBlank() ? "host" : host.substring(0, Math.min(host.length(), 100));
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Properties common(int threads, Duration misfireThreshold) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(threads));
        properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
        return properties;
    }

    /** How jobs of this class are made; each owner registers its own before anything fires. */
    public <J extends Job> void register(Class<J> type, Supplier<J> maker) {
        jobs.put(type, maker);
    }

    public Scheduler quartz() {
        return scheduler;
    }

    /**
     * Refreshes PostgreSQL's statistics of the store's tables, after many triggers were written at once.
     * Never analysed (autovacuum off, or not yet run), every lookup of a trigger or job by name reads its
     * whole group: 7 ms instead of 0.03 ms at 10,000 triggers, and firing 5 to 6 times slower (bench/acquire.sh,
     * bench/nodes.sh). Takes well under a second at 100,000 triggers. Does nothing on a schedule in memory.
     *
     * @return whether it ran
     */
    public boolean refreshStoreStatistics() {
        if (database == null) {
            return false;
        }
        database.write(handle -> handle.execute("analyze qrtz_triggers, qrtz_simple_triggers, qrtz_job_details"));
        return true;
    }

    /** Whether the schedule is shared with other instances (PostgreSQL) rather than this process's own. */
    public boolean isShared() {
        return shared;
    }

    /** Starts firing; a second call does nothing. */
    public void start() {
        try {
            if (!scheduler.isStarted()) {
                scheduler.start();
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    /** Whether it is firing: started and not shut down. */
    public boolean isRunning() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Stops firing; jobs running finish first, so none is left half-recorded. A second call does nothing. */
    @Override
    public void close() {
        try {
            if (!scheduler.isShutdown()) {
                scheduler.shutdown(true);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler did not shut down cleanly: " + e.getMessage(), e);
        }
    }
}
