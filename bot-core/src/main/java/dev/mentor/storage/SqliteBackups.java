package dev.mentor.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of a SQLite database: a consistent snapshot taken while the mentor runs ({@code VACUUM INTO}, one
 * read transaction, so writers go on and the copy is the database as of one moment), and a restore that checks
 * the file is a mentor database this build can open, refuses while any other connection has the database
 * open, and puts the file in place atomically, keeping the replaced database beside it.
 */
public final class SqliteBackups {

    /** What the replaced database is kept as, beside it. */
    public static final String BEFORE_RESTORE = ".before-restore";

    private static final Logger log = LoggerFactory.getLogger(SqliteBackups.class);
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** Tables every mentor database has had since its first migration. */
    private static final List<String> MENTOR_TABLES = List.of("learners", "goal_completions", "flyway_schema_history");
    /** How long a backup waits on a writer holding the database (a checkpoint, say) before giving up. */
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /** SQLite's result code for a database locked by another connection. */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private final Path database;

    /**
     * @throws IllegalArgumentException when the settings name no SQLite file (PostgreSQL, in memory)
     */
    public SqliteBackups(DatabaseSettings settings) {
        this.database = settings.sqliteFile().orElseThrow(() -> new IllegalArgumentException(
                "not a SQLite database file: " + settings.safeUrl()));
    }

    /** The database file backed up and restored. */
    public Path database() {
        return database;
    }

    /** A mentor database file: where it is, its size, how many learners it holds and its schema version. */
    public record Snapshot(Path file, long bytes, long learners, String schemaVersion) {
    }

    /** A restore: the database now in place, the one it replaced (none when there was none), and what it holds. */
    public record Restored(Path database, Optional<Path> replaced, Snapshot snapshot) {
    }

    /**
     * Writes a consistent copy of the database to {@code target}: first beside it under a temporary name, then
     * moved into place, so {@code target} is never a half-written file.
     *
     * @param replace whether an existing {@code target} may be replaced
     * @throws StorageException when there is no database, {@code target} exists (and may not be replaced), or
     *                          the copy cannot be written
     */
    public Snapshot backup(Path target, boolean replace) {
        if (!Files.isRegularFile(database)) {
            throw new StorageException("There is no database at " + database + " (MENTOR_DB_URL) to back up.");
        }
        Path destination = target.toAbsolutePath().normalize();
        if (sameFile(destination, database)) {
            throw new StorageException(target + " is the database itself (MENTOR_DB_URL); name another file.");
        }
        if (!replace && Files.exists(destination)) {
            throw new StorageException(target + " already exists; name a new file, or add --force to replace it.");
        }
        Path partial = destination.resolveSibling("." + destination.getFileName() + ".partial");
        try {
            Files.createDirectories(destination.getParent());
            deleteWithSidecars(partial);
            try (Connection connection = connect(database, BUSY_TIMEOUT_MS);
                    PreparedStatement vacuum = connection.prepareStatement("vacuum into ?")) {
                vacuum.setString(1, partial.toString());
                vacuum.execute();
            }
            Snapshot snapshot = inspect(partial, target.toString());
            force(partial);
            if (replace) {
                moveReplacing(partial, destination);
            } else {
                Files.move(partial, destination);
            }
            force(destination.getParent());
            log.info("Backed up {} to {}: {} bytes, {} learners", database, destination, snapshot.bytes(),
                    snapshot.learners());
            return new Snapshot(destination, snapshot.bytes(), snapshot.learners(), snapshot.schemaVersion());
        } catch (FileAlreadyExistsException e) {
            throw new StorageException(target + " already exists; name a new file, or add --force to replace it.");
        } catch (SQLException e) {
            throw new StorageException("Cannot back up " + database + " to " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException("Cannot write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            deleteWithSidecarsQuietly(partial);
        }
    }

    /**
     * Puts the database in {@code source} in place of this one, when it is a mentor database no newer than this
     * build and no other connection has this one open. The file is copied beside the database, checked there,
     * and moved over it; the database it replaces is kept as {@code <database>.before-restore}.
     *
     * @throws StorageException naming what is wrong: the file, its schema, or the database being in use
     */
    public Restored restore(Path source) {
        if (!Files.isRegularFile(source)) {
            throw new StorageException(source + " does not exist or is not a file.");
        }
        Path target = database.toAbsolutePath().normalize();
        if (sameFile(source.toAbsolutePath().normalize(), target)) {
            throw new StorageException(source + " is the database itself (MENTOR_DB_URL); name a backup file.");
        }
        Path incoming = target.resolveSibling(target.getFileName() + ".restoring");
        try {
            Files.createDirectories(target.getParent());
            deleteWithSidecars(incoming);
            Files.copy(source, incoming);
            Snapshot snapshot = inspect(incoming, source.toString());
            force(incoming);
            Optional<Path> replaced = Optional.empty();
            if (Files.exists(target)) {
                Path before = target.resolveSibling(target.getFileName() + BEFORE_RESTORE);
                // A damaged database cannot be locked through SQLite, nor served by anyone: it is replaced as it is.
                Connection held = damaged(target) ? null : holdExclusively(target);
                try {
                    Files.copy(target, before, StandardCopyOption.REPLACE_EXISTING);
                    if (held == null) {
                        deleteSidecars(target);
                    }
                    force(before);
                    moveReplacing(incoming, target);
                    force(target.getParent());
                } finally {
                    if (held != null) {
                        closeQuietly(held);
                    }
                }
                replaced = Optional.of(before);
            } else {
                moveReplacing(incoming, target);
                force(target.getParent());
            }
            log.info("Restored {} from {} ({} learners)", target, source, snapshot.learners());
            return new Restored(target, replaced, new Snapshot(target, snapshot.bytes(), snapshot.learners(),
                    snapshot.schemaVersion()));
        } catch (IOException e) {
            throw new StorageException("Cannot restore " + source + " to " + target + ": " + e.getMessage(), e);
        } finally {
            deleteWithSidecarsQuietly(incoming);
        }
    }

    /**
     * Checks that {@code file} is a mentor database this build can open (SQLite, intact, with the mentor's tables
     * and a migration history no newer than this build's), and reads its size and learners.
     *
     * @param shownAs how the file is named in messages (the user's name for it, not a temporary copy's)
     * @throws StorageException saying why it is not
     */
    public static Snapshot inspect(Path file, String shownAs) {
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER)) {
                throw new StorageException(shownAs + " is not a mentor database: it is not a SQLite file.");
            }
        } catch (IOException e) {
            throw new StorageException("Cannot read " + shownAs + ": " + e.getMessage(), e);
        }
        long learners;
        try (Connection connection = connect(file, 0); Statement statement = connection.createStatement()) {
            try (ResultSet check = statement.executeQuery("pragma quick_check")) {
                String result = check.next() ? check.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    throw new StorageException(shownAs + " is damaged (SQLite's check says: " + result + ").");
                }
            }
            Set<String> tables = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("select name from sqlite_master where type = 'table'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            List<String> missing = MENTOR_TABLES.stream().filter(table -> !tables.contains(table)).toList();
            if (!missing.isEmpty()) {
                throw new StorageException(shownAs + " is a SQLite database but not a mentor's: it has no "
                        + String.join(", ", missing) + " table.");
            }
            try (ResultSet count = statement.executeQuery("select count(*) from learners")) {
                learners = count.next() ? count.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StorageException(shownAs + " cannot be read as a mentor database: " + e.getMessage(), e);
        }
        String version = checkSchema(file, shownAs);
        try {
            return new Snapshot(file, Files.size(file), learners, version);
        } catch (IOException e) {
            throw new StorageException("Cannot read " + shownAs + ": " + e.getMessage(), e);
        }
    }

    /** The schema version of the file, when every applied migration succeeded and this build knows each. */
    private static String checkSchema(Path file, String shownAs) {
        MigrationInfoService info = Database.migrations().dataSource("jdbc:sqlite:" + file, "", "").load().info();
        MigrationVersion known = Arrays.stream(info.all())
                .filter(migration -> migration.getState().isResolved() && migration.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(MigrationVersion.EMPTY);
        for (MigrationInfo migration : info.applied()) {
            if (migration.getState() == MigrationState.FUTURE_SUCCESS
                    || migration.getState() == MigrationState.FUTURE_FAILED) {
                throw new StorageException(shownAs + " was made by a newer mentor: its schema is at version "
                        + migration.getVersion() + " and this one knows up to version " + known
                        + "; restore it with that newer mentor.");
            }
            if (migration.getState().isFailed()) {
                throw new StorageException(shownAs + " holds a failed migration (version " + migration.getVersion()
                        + "); it cannot be restored.");
            }
        }
        MigrationInfo current = info.current();
        if (current == null) {
            throw new StorageException(shownAs + " is a SQLite database but not a mentor's: its migration history "
                    + "is empty.");
        }
        return current.getVersion().toString();
    }

    /**
     * Takes the database for this process alone, or refuses: in exclusive locking mode a connection must lock the
     * file itself, which fails at once while any other connection (a running mentor's pool, even idle) has the
     * database open in WAL mode. Then it checkpoints the write-ahead log into the file and leaves WAL mode, so the
     * file is the whole database and no log or shared-memory file of it is left to be mistaken for the new one's.
     */
    private static Connection holdExclusively(Path file) throws IOException {
        Connection connection;
        try {
            connection = connect(file, 0);
        } catch (SQLException e) {
            throw new StorageException("Cannot open the database " + file + ": " + e.getMessage(), e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("pragma locking_mode = exclusive");
            statement.execute("begin exclusive");
            statement.executeQuery("select count(*) from sqlite_master").close();
            statement.execute("commit");
            try (ResultSet checkpoint = statement.executeQuery("pragma wal_checkpoint(truncate)")) {
                if (checkpoint.next() && checkpoint.getInt(1) != 0) {
                    throw new SQLException("the write-ahead log could not be checkpointed (busy)");
                }
            }
            statement.executeQuery("pragma journal_mode = delete").close();
            deleteSidecars(file);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            if (e.getErrorCode() == SQLITE_BUSY || String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                throw new StorageException("The database " + file + " is in use by another process (a running "
                        + "mentor serve?); stop it first, then restore.", e);
            }
            throw new StorageException("Cannot take the database " + file + " for the restore: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Whether the file is no SQLite database at all, or one SQLite finds damaged. */
    private static boolean damaged(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER)) {
                log.warn("The database {} is not a SQLite file; it is replaced as it is", file);
                return true;
            }
        }
        try (Connection connection = connect(file, 0); Statement statement = connection.createStatement();
                ResultSet check = statement.executeQuery("pragma quick_check")) {
            boolean ok = check.next() && "ok".equals(check.getString(1));
            if (!ok) {
                log.warn("The database {} is damaged; it is replaced as it is", file);
            }
            return !ok;
        } catch (SQLException e) {
            if (e.getErrorCode() == SQLITE_CORRUPT || e.getErrorCode() == SQLITE_NOTADB) {
                log.warn("The database {} is damaged ({}); it is replaced as it is", file, e.getMessage());
                return true;
            }
            return false; // busy, say: holdExclusively says so
        }
    }

    private static Connection connect(Path file, int busyTimeoutMs) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("busy_timeout", String.valueOf(busyTimeoutMs));
        return DriverManager.getConnection("jdbc:sqlite:" + file, properties);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return (Files.exists(a) && Files.exists(b)) ? Files.isSameFile(a, b)
                    : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    private static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes the file's (or folder's) content to the disk, so a crash right after leaves it whole. */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e;
            }
            // Some file systems cannot sync a folder; the rename is still atomic there.
        }
    }

    private static void deleteWithSidecars(Path file) throws IOException {
        Files.deleteIfExists(file);
        deleteSidecars(file);
    }

    /** The write-ahead log, its index and a rollback journal of the database file, which belong to it alone. */
    private static void deleteSidecars(Path file) throws IOException {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-journal"));
    }

    private static void deleteWithSidecarsQuietly(Path file) {
        try {
            deleteWithSidecars(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the connection failed", e);
        }
    }
}
