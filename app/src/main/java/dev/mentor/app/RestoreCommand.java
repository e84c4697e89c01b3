package dev.mentor.app;

import dev.mentor.chat.Counts;
import dev.mentor.storage.SqliteBackups;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mentor restore FILE}: puts a backup in place of the SQLite database, once the mentor is stopped. On
 * PostgreSQL, says to use pg_restore.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replace the SQLite database (MENTOR_DB_URL) with the backup in FILE. Stop the mentor first: "
                + "it refuses while another process has the database open. FILE must be a mentor database no newer "
                + "than this mentor; the database it replaces is kept beside it as <database>"
                + SqliteBackups.BEFORE_RESTORE + ".",
                "On PostgreSQL use pg_restore instead."})
final class RestoreCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The backup to restore, as written by mentor backup")
    Path file;

    @Override
    public Integer call() {
        SqliteBackups backups = BackupCommand.sqliteOnly(parent.settings().database(), "restore",
                "pg_restore, with every instance stopped: pg_restore --clean --if-exists --dbname=DBNAME mentor.dump");
        SqliteBackups.Restored restored = backups.restore(file);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Restored %s from %s: %s, %s (schema version %s).%n", restored.database(), file,
                BackupCommand.bytes(restored.snapshot().bytes()), Counts.of(restored.snapshot().learners(), "learner"),
                restored.snapshot().schemaVersion());
        restored.replaced().ifPresent(before -> out.println("The database it replaced is kept as " + before + "."));
        return 0;
    }
}
