package dev.mentor.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The mentor's database: a connection pool, Jdbi over it, and the schema migrated on open.
 * SQLite (the default, one file) or PostgreSQL (for several instances), with the same SQL.
 */
public final class Database implements AutoCloseable, MeterBinder {

    private final HikariDataSource dataSource;
    private final DatabaseSettings settings;
    private final Jdbi jdbi;
    /** SQLite has one writer at a time; queueing writers here is fairer and faster than its busy loop. */
    private final ReentrantLock sqliteWriter;

    private Database(HikariDataSource dataSource, DatabaseSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        boolean sqlite = settings.isSqlite();
        this.jdbi = Jdbi.create(dataSource);
        Columns.registerOn(jdbi);
        this.sqliteWriter = sqlite ? new ReentrantLock(true) : null;
    }

    /** Opens (creating the SQLite file and its folder if needed) and migrates to the latest schema. */
    public static Database open(DatabaseSettings settings) {
        if (!settings.isSqlite() && !settings.isPostgres()) {
            throw new IllegalArgumentException("MENTOR_DB_URL must be a jdbc:sqlite: or jdbc:postgresql: URL, not '"
                    + settings.safeUrl() + "'");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("mentor-db");
        config.setJdbcUrl(settings.url());
        config.setInitializationFailTimeout(1);
        if (settings.isSqlite()) {
            createFolderOf(settings);
            // Safe settings for a server (see the library notes): write-ahead log, foreign keys, a busy
            // timeout, and IMMEDIATE transactions so read-then-write transactions never fail with BUSY.
            config.setDriverClassName("org.sqlite.JDBC");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.setMaximumPoolSize(4);
        } else {
            config.setDriverClassName("org.postgresql.Driver");
            config.setUsername(settings.user());
            config.setPassword(settings.password());
            config.setMaximumPoolSize(10);
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("Cannot open the database at " + settings.safeUrl() + " (MENTOR_DB_URL): "
                    + rootMessage(e), e);
        }
        try {
            migrations().dataSource(dataSource).load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StorageException("Cannot migrate the database at " + settings.safeUrl() + ": " + rootMessage(e), e);
        }
        return new Database(dataSource, settings);
    }

    /** The schema's migrations, as this build knows them: SQL scripts and the Java ones. */
    static FluentConfiguration migrations() {
        return Flyway.configure().locations("classpath:db/migration", "classpath:dev/mentor/storage/migration");
    }

    /** The connection pool's gauges and timers (HikariCP's own: active, idle, pending, acquire time). */
    @Override
    public void bindTo(MeterRegistry registry) {
        dataSource.setMetricRegistry(registry);
    }

    /** The connection pool, for a library that needs plain JDBC (the shared send budget). */
    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** Where the database is: the scheduler's job store connects on its own to a PostgreSQL one. */
    public DatabaseSettings settings() {
        return settings;
    }

    /** Whether the database answers a trivial query now: for readiness checks, which bound how long they wait. */
    public boolean answers() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("select 1").setQueryTimeout(2).mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Runs read-only work on a connection of its own. */
    public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    /** Runs work in one transaction: all of it is committed, or none of it when it throws. */
    public <R, X extends Exception> R write(HandleCallback<R, X> work) throws X {
        if (sqliteWriter == null) {
            return jdbi.inTransaction(work);
        }
        sqliteWriter.lock();
        try {
            return jdbi.inTransaction(work);
        } finally {
            sqliteWriter.unlock();
        }
    }

    /** Runs work in a transaction and returns nothing. */
    public <X extends Exception> void writeAll(HandleConsumer<X> work) throws X {
        write(handle -> {
            work.useHandle(handle);
            return null;
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Work on a handle that returns nothing. */
    @FunctionalInterface
    public interface HandleConsumer<X extends Exception> {
        void useHandle(Handle handle) throws X;
    }

    private static void createFolderOf(DatabaseSettings settings) {
        if (settings.sqliteFile().isEmpty()) {
            return;
        }
        Path parent = settings.sqliteFile().get().toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot create the folder " + parent + " for the database (MENTOR_DB_URL): "
                    + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        // The deepest cause; a chain that loops back ends at the last cause not seen before.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = e;
        seen.add(root);
        while (root.getCause() != null && seen.add(root.getCause())) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
