package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.learners.Learners;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mentor backup} and {@code mentor restore} on real SQLite files: a backup taken while learners enroll and
 * tick goals is a consistent snapshot, and restores to the same rows; restore refuses a database in use, a file
 * that is not a mentor database, and PostgreSQL.
 */
class BackupCommandTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final int EARLIER_LEARNERS = 20_000;

    @TempDir
    Path folder;

    private Path live() {
        return folder.resolve("data").resolve("mentor.db");
    }

    private Map<String, String> environment() {
        return Map.of(Settings.DB_URL, "jdbc:sqlite:" + live());
    }

    /** An empty mentor database at the live path, as a first start leaves it. */
    private void createDatabase() {
        Database.open(DatabaseSettings.sqlite(live())).close();
    }

    private CommandLineRun mentor(String... args) {
        return CommandLineRun.run(environment(), "", args);
    }

    /** Enrolls learner-N and ticks a goal of theirs, two transactions each, until stopped. */
    private static final class Writer implements Runnable {
        private final Learners learners;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger written = new AtomicInteger();

        Writer(Database database) {
            this.learners = new Learners(database);
        }

        @Override
        public void run() {
            while (!stop.get()) {
                int n = written.get();
                String id = learners.enroll("telegram", "learner-" + n, "Learner " + n, ZoneOffset.UTC, NOW)
                        .learner().id();
                learners.complete(id, "w1-g" + (n % 5 + 1), NOW.plusSeconds(n));
                written.incrementAndGet();
            }
        }

        void awaitAtLeast(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (written.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(written.get()).as("learners written").isGreaterThanOrEqualTo(count);
        }
    }

    @Test
    void aBackupTakenUnderWriteLoadIsAConsistentSnapshotAndRestoresToAnIdenticalDatabase() throws Exception {
        Path backup = folder.resolve("backups").resolve("mentor-backup.db");
        Database database = Database.open(DatabaseSettings.sqlite(live()));
        // Enough learners that the copy takes a while, so the writer's transactions land while it runs.
        database.writeAll(handle -> handle.execute("with recursive n(i) as (select 1 union all select i + 1 from n "
                + "where i < " + EARLIER_LEARNERS + ") insert into learners (id, platform, platform_user_id, display_name, "
                + "time_zone, current_week, start_date, reminder_day, reminder_time, reminder_state, enrolled_at) "
                + "select 'earlier-' || i, 'discord', 'earlier-' || i, 'Earlier learner ' || i, 'UTC', 1, '2026-03-02', "
                + "'MONDAY', '09:00', 'on', '2026-03-02T09:00:00Z' from n"));
        Writer writer = new Writer(database);
        CompletableFuture<Void> writing = CompletableFuture.runAsync(writer);
        CommandLineRun run;
        int before;
        int after;
        try {
            writer.awaitAtLeast(200);
            before = writer.written.get();
            run = mentor("backup", backup.toString());
            after = writer.written.get();
        } finally {
            writer.stop.set(true);
            writing.get(30, TimeUnit.SECONDS);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(after).as("learners enrolled while the backup ran").isGreaterThan(before);
        long learners = count(backup, "learners") - EARLIER_LEARNERS;
        assertThat(run.out()).contains(backup.toString()).contains((learners + EARLIER_LEARNERS) + " learners")
                .contains("bytes");
        // A snapshot of one moment: the first N learners with no gap, each with its goal but perhaps the last.
        assertThat(learners).isBetween((long) before, (long) after + 1);
        assertThat(column(backup, "select platform_user_id from learners where platform = 'telegram'"))
                .containsExactlyInAnyOrderElementsOf(names(learners));
        assertThat(count(backup, "goal_completions")).isBetween(learners - 1, learners);
        // Every row in it is a row of the live database (rows here are only ever added).
        for (String table : List.of("learners", "goal_completions", "flyway_schema_history")) {
            Set<String> notLive = rows(backup, table);
            notLive.removeAll(rows(live(), table));
            assertThat(notLive).as("rows of %s in the backup and not in the database", table).isEmpty();
        }
        Map<String, String> liveBeforeRestore = checksums(live());
        database.close();

        CommandLineRun restore = mentor("restore", backup.toString());

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored " + live()).contains((learners + EARLIER_LEARNERS) + " learners")
                .contains(live() + ".before-restore");
        assertThat(checksums(live())).isEqualTo(checksums(backup)).containsKeys("learners", "goal_completions");
        assertThat(checksums(Path.of(live() + ".before-restore"))).isEqualTo(liveBeforeRestore);
        try (Database restored = Database.open(DatabaseSettings.sqlite(live()))) {
            assertThat(new Learners(restored).count()).isEqualTo(learners + EARLIER_LEARNERS);
        }
    }

    @Test
    void restoreRefusesWhileARunningMentorHoldsTheDatabase() throws Exception {
        Path backup = folder.resolve("backup.db");
        try (Database database = Database.open(DatabaseSettings.sqlite(live()))) {
            new Learners(database).enroll("telegram", "ada", "Ada", ZoneOffset.UTC, NOW);
            assertThat(mentor("backup", backup.toString()).exitCode()).isZero();
            Map<String, String> held = checksums(live());

            CommandLineRun refused = mentor("restore", backup.toString());

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("in use by another process").contains("stop it first");
            assertThat(checksums(live())).isEqualTo(held);
            assertThat(Path.of(live() + ".before-restore")).doesNotExist();
        }
        assertThat(mentor("restore", backup.toString()).exitCode()).isZero();
    }

    @Test
    void restoreRefusesWhileAnotherProcessHasTheDatabaseOpenAndOnceItDiedKeepsItsLastWritesAsTheReplacedDatabase()
            throws Exception {
        Path backup = folder.resolve("backup.db");
        createDatabase();
        assertThat(mentor("backup", backup.toString()).exitCode()).isZero();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "chat", "--user", "ada");
        builder.environment().putAll(environment());
        builder.redirectError(folder.resolve("chat.log").toFile());
        Process chat = builder.start();
        try {
            // The console chat enrolls ada, answers, then waits for the next line with the database open.
            chat.getOutputStream().write("/start\n".getBytes(StandardCharsets.UTF_8));
            chat.getOutputStream().flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(chat.getInputStream(), StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> firstLineWith(out, "Welcome"))
                    .get(60, TimeUnit.SECONDS)).contains("Welcome, ada");

            CommandLineRun refused = mentor("restore", backup.toString());

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("in use by another process");
        } finally {
            // Killed, as by kill -9: its last writes are still in the write-ahead log beside the database.
            chat.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        CommandLineRun restore = mentor("restore", backup.toString());

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(column(live(), "select platform_user_id from learners")).isEmpty();
        assertThat(column(Path.of(live() + ".before-restore"), "select platform_user_id from learners"))
                .containsExactly("ada");
        assertThat(Path.of(live() + "-wal")).doesNotExist();
    }

    private static String firstLineWith(BufferedReader reader, String text) {
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            return "(the chat ended without answering)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void restoreRefusesAFileThatIsNotAMentorDatabaseAndLeavesTheDatabaseAsItWas() throws Exception {
        createDatabase();
        Map<String, String> original = checksums(live());
        Path text = Files.writeString(folder.resolve("notes.db"), "not a database at all, just some words");
        Path other = folder.resolve("other.db");
        execute(other, "create table notes (id integer primary key, body text)");
        Path newer = folder.resolve("newer.db");
        assertThat(mentor("backup", newer.toString()).exitCode()).isZero();
        execute(newer, "insert into flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, installed_on, execution_time, success) values (99, '99', 'from the "
                + "future', 'SQL', 'V99__from_the_future.sql', 0, '', '2030-01-01 00:00:00', 1, 1)");

        CommandLineRun notSqlite = mentor("restore", text.toString());
        CommandLineRun notMentor = mentor("restore", other.toString());
        CommandLineRun tooNew = mentor("restore", newer.toString());
        CommandLineRun missing = mentor("restore", folder.resolve("nowhere.db").toString());

        assertThat(notSqlite.exitCode()).isEqualTo(1);
        assertThat(notSqlite.err()).contains(text + " is not a mentor database: it is not a SQLite file");
        assertThat(notMentor.exitCode()).isEqualTo(1);
        assertThat(notMentor.err()).contains(other + " is a SQLite database but not a mentor's");
        assertThat(tooNew.exitCode()).isEqualTo(1);
        assertThat(tooNew.err()).contains(newer + " was made by a newer mentor").contains("version 99");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nowhere.db does not exist");
        assertThat(checksums(live())).isEqualTo(original);
        assertThat(Path.of(live() + ".before-restore")).doesNotExist();
        try (var files = Files.list(live().getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).allMatch(name -> name.startsWith("mentor.db"))
                    .noneMatch(name -> name.contains("restoring"));
        }
    }

    @Test
    void restoreReplacesADamagedDatabaseAndKeepsItAsItWas() throws Exception {
        createDatabase();
        Path backup = folder.resolve("backup.db");
        assertThat(mentor("backup", backup.toString()).exitCode()).isZero();
        Files.writeString(live(), "overwritten by accident");

        CommandLineRun restore = mentor("restore", backup.toString());

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(checksums(live())).isEqualTo(checksums(backup));
        assertThat(Files.readString(Path.of(live() + ".before-restore"))).isEqualTo("overwritten by accident");
    }

    @Test
    void backupRefusesToReplaceAnExistingFileUnlessForced() throws Exception {
        createDatabase();
        Path existing = Files.writeString(folder.resolve("keep.db"), "an earlier backup");

        CommandLineRun refused = mentor("backup", existing.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(existing + " already exists").contains("--force");
        assertThat(Files.readString(existing)).isEqualTo("an earlier backup");

        CommandLineRun forced = mentor("backup", "--force", existing.toString());

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("0 learners");
        assertThat(checksums(existing)).isEqualTo(checksums(live()));
    }

    @Test
    void backupWithoutADatabaseSaysThereIsNone() {
        CommandLineRun run = mentor("backup", folder.resolve("backup.db").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("There is no database at " + live()).contains("MENTOR_DB_URL");
        assertThat(folder.resolve("backup.db")).doesNotExist();
    }

    @Test
    void onPostgresqlBackupAndRestorePointToPgDumpAndPgRestore() {
        Map<String, String> postgres = Map.of(Settings.DB_URL, "jdbc:postgresql://127.0.0.1:5432/mentor",
                Settings.DB_PASSWORD, "secret-password");

        CommandLineRun backup = CommandLineRun.run(postgres, "", "backup", folder.resolve("b.db").toString());
        CommandLineRun restore = CommandLineRun.run(postgres, "", "restore", folder.resolve("b.db").toString());

        assertThat(backup.exitCode()).isEqualTo(1);
        assertThat(backup.err()).contains("MENTOR_DB_URL is a PostgreSQL database").contains("pg_dump");
        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.err()).contains("MENTOR_DB_URL is a PostgreSQL database").contains("pg_restore");
        assertThat(backup.err() + restore.err()).doesNotContain("secret-password");
    }

    // --- reading the databases with plain JDBC, as a person with sqlite3 would

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Path file, String table) throws SQLException {
        return rows(file, table).size();
    }

    private static List<String> column(Path file, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static List<String> names(long count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("learner-" + i);
        }
        return names;
    }

    /** Each row of the table as one line of its columns' types and values, sorted. */
    private static Set<String> rows(Path file, String table) throws SQLException {
        Set<String> rows = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select * from \"" + table + "\"")) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.append(value == null ? "null" : value.getClass().getSimpleName() + ":" + value).append('\u0001');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Per table: its row count and a SHA-256 over its rows. */
    private static Map<String, String> checksums(Path file) throws SQLException, NoSuchAlgorithmException {
        Map<String, String> checksums = new TreeMap<>();
        for (String table : column(file, "select name from sqlite_master where type = 'table' "
                + "and name not like 'sqlite_%'")) {
            Set<String> rows = rows(file, table);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            rows.forEach(row -> digest.update((row + "\n").getBytes(StandardCharsets.UTF_8)));
            checksums.put(table, rows.size() + " rows, " + HexFormat.of().formatHex(digest.digest()));
        }
        return checksums;
    }
}
