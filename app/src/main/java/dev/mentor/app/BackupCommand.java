package dev.mentor.app;

import dev.mentor.chat.Counts;
import dev.mentor.storage.DatabaseSettings;
import dev.mentor.storage.SqliteBackups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mentor backup FILE}: a consistent copy of the SQLite database, taken while {@code serve} runs (it
 * goes on reading and writing). On PostgreSQL, says to use pg_dump.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copy the SQLite database (MENTOR_DB_URL) to FILE: a consistent snapshot, safe to take while "
                + "serve runs. Prints the file, its size and how many learners it holds.",
                "On PostgreSQL use pg_dump instead."})
final class BackupCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Where to write the backup, e.g. backups/mentor-2026-03-02.db")
    Path file;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Override
    public Integer call() {
        SqliteBackups backups = sqliteOnly(parent.settings().database(), "back up",
                "pg_dump: pg_dump --format=custom --file=mentor.dump DBNAME");
        if (!force && Files.exists(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "FILE " + file
                    + " already exists; name a new file, or add --force to replace it.");
        }
        SqliteBackups.Snapshot snapshot = backups.backup(file, force);
        spec.commandLine().getOut().printf("Backed up %s to %s: %s, %s (schema version %s).%n", backups.database(),
                snapshot.file(), bytes(snapshot.bytes()), Counts.of(snapshot.learners(), "learner"),
                snapshot.schemaVersion());
        return 0;
    }

    /**
     * The backups of the SQLite database the settings name; on PostgreSQL (or an in-memory database) the command
     * cannot run, and the message says what to use instead.
     */
    static SqliteBackups sqliteOnly(DatabaseSettings database, String what, String instead) {
        if (database.isPostgres()) {
            throw new NotSqlite("MENTOR_DB_URL is a PostgreSQL database, which mentor cannot " + what
                    + "; use PostgreSQL's " + instead + ".");
        }
        if (database.sqliteFile().isEmpty()) {
            throw new NotSqlite("MENTOR_DB_URL (" + database.safeUrl() + ") names no database file to " + what
                    + "; expected jdbc:sqlite:PATH, such as jdbc:sqlite:data/mentor.db.");
        }
        return new SqliteBackups(database);
    }

    /** A database that backup and restore do not handle themselves; the message says what does. */
    static final class NotSqlite extends RuntimeException {
        NotSqlite(String message) {
            super(message);
        }
    }

    /** "1,482,752 bytes (1.4 MB)". */
    static String bytes(long bytes) {
        String exact = String.format(Locale.ROOT, "%,d bytes", bytes);
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%s (%.1f kB)", exact, bytes / 1_000.0);
        }
        return String.format(Locale.ROOT, "%s (%.1f MB)", exact, bytes / 1_000_000.0);
    }
}
