package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.learners.Learner;
import dev.mentor.learners.Learners;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console learner across runs of the command line, settings, and the reminders listing. */
class JourneyCommandLineTest {

    @TempDir
    Path folder;

    private Map<String, String> environment() {
        return Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("db/mentor.db"));
    }

    @Test
    void theConsoleLearnerKeepsProgressAcrossRuns() {
        CommandLineRun first = CommandLineRun.run(environment(), "/start\n/done 1\n/done 2\n/remind wed 07:15\n",
                "chat", "--user", "ada");
        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).isEmpty();

        CommandLineRun second = CommandLineRun.run(environment(), "/progress\n/week\n", "chat", "--user", "ada");
        assertThat(second.out()).contains("(2/").contains("☑ 1. ").contains("☑ 2. ").contains("☐ 3. ");

        CommandLineRun someoneElse = CommandLineRun.run(environment(), "/progress\n", "chat", "--user", "bob");
        assertThat(someoneElse.out()).contains("haven't started");
        assertThat(folder.resolve("db/mentor.db")).exists();
    }

    @Test
    void remindersListsEachScheduledReminderInUtcAndLocalTime() {
        CommandLineRun.run(environment(), "/start\n/timezone Asia/Kolkata\n/remind wed 07:15\n", "chat", "--user", "ada");
        CommandLineRun.run(environment(), "/start\n/remind off\n", "chat", "--user", "bob");

        CommandLineRun run = CommandLineRun.run(environment(), "", "reminders");

        assertThat(run.exitCode()).isZero();
        // 07:15 in Kolkata (UTC+05:30) is 01:45 UTC
        assertThat(run.out()).contains("NEXT (UTC)").contains("01:45 UTC").contains("Wed ").contains("07:15")
                .contains("Asia/Kolkata").contains("console:ada").doesNotContain("console:bob")
                .contains("1 scheduled; 2 learners in all.");
    }

    @Test
    void remindersFilterByLearnerAndDueTimeAndPage() {
        CommandLineRun.run(environment(), "/start\n/timezone UTC\n/remind mon 09:00\n", "chat", "--user", "ada");
        CommandLineRun.run(environment(), "/start\n/timezone UTC\n/remind tue 09:00\n", "chat", "--user", "bob");
        CommandLineRun.run(environment(), "/start\n/timezone UTC\n/remind wed 09:00\n", "chat", "--user", "cy");

        CommandLineRun all = CommandLineRun.run(environment(), "", "reminders");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("THIS WEEK").contains("console:ada").contains("console:bob").contains("console:cy")
                .contains("3 scheduled; 3 learners in all.");

        CommandLineRun bob = CommandLineRun.run(environment(), "", "reminders", "--learner", "bob");
        assertThat(bob.out()).contains("console:bob").doesNotContain("console:ada").doesNotContain("console:cy")
                .contains("3 scheduled, 1 matching;");

        CommandLineRun firstPage = CommandLineRun.run(environment(), "", "reminders", "--limit", "2");
        assertThat(firstPage.out()).contains("(1-2 shown; next page: --offset 2)");
        CommandLineRun secondPage = CommandLineRun.run(environment(), "", "reminders", "--limit", "2", "--offset", "2");
        assertThat(secondPage.out()).contains("(3-3 shown)");
        long rows = secondPage.out().lines().filter(line -> line.contains("console:")).count();
        assertThat(rows).isEqualTo(1);

        CommandLineRun none = CommandLineRun.run(environment(), "", "reminders", "--due-before", "2000-01-01");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).doesNotContain("console:").contains("3 scheduled, 0 matching;");
        CommandLineRun soon = CommandLineRun.run(environment(), "", "reminders", "--due-before", "2999-01-01T00:00Z");
        assertThat(soon.out()).contains("3 scheduled, 3 matching;");
    }

    @Test
    void remindersShowsThisWeeksDeliveryState() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
        Learner ada = learnerWithReminder("ada", now.minusHours(1));
        Learner bob = learnerWithReminder("bob", now.minusHours(1));
        learnerWithReminder("cy", now.minusHours(1));
        try (Database database = Database.open(DatabaseSettings.sqlite(folder.resolve("db/mentor.db")))) {
            String week = dev.mentor.scheduling.WeeklyTimes.isoWeek(now.toLocalDate());
            database.writeAll(h -> h.createUpdate("insert into reminder_deliveries (learner_id, delivery_key, due_at, "
                    + "sent_at, late, state) values (:a, :week, 0, 0, 0, 'sent'), (:b, :week, 0, 0, 0, 'sending')")
                    .bind("a", ada.id()).bind("b", bob.id()).bind("week", week).execute());
        }

        CommandLineRun run = CommandLineRun.run(environment(), "", "reminders");

        assertThat(run.exitCode()).isZero();
        assertThat(line(run, "console:ada")).contains(" sent ");
        assertThat(line(run, "console:bob")).contains(" sending ");
        // Due an hour ago (unless that was last week) and no delivery: failed.
        boolean dueThisWeek = now.minusHours(1).get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)
                == now.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        assertThat(line(run, "console:cy")).contains(dueThisWeek ? " failed " : " none ");
    }

    private Learner learnerWithReminder(String user, java.time.ZonedDateTime at) {
        try (Database database = Database.open(DatabaseSettings.sqlite(folder.resolve("db/mentor.db")))) {
            Learners learners = new Learners(database);
            Learner learner = learners.enroll("console", user, user, java.time.ZoneOffset.UTC,
                    java.time.Instant.now().minus(java.time.Duration.ofDays(30))).learner()
                    .withReminder(at.getDayOfWeek(), at.toLocalTime().withSecond(0).withNano(0));
            learners.update(learner);
            return learner;
        }
    }

    private static String line(CommandLineRun run, String learner) {
        return run.out().lines().filter(l -> l.contains(learner)).findFirst().orElseThrow(() ->
                new AssertionError(learner + " not listed in:\n" + run.out()));
    }

    @Test
    void badReminderOptionsAreUsageErrorsNamingTheOption() {
        CommandLineRun.run(environment(), "/start\n", "chat", "--user", "ada");
        for (String[] bad : new String[][] {{"--due-before", "next monday"}, {"--due-before", "2026-13-01"},
                {"--limit", "-1"}, {"--limit", "many"}, {"--offset", "-3"}, {"--learner", " "}}) {
            CommandLineRun run = CommandLineRun.run(environment(), "", "reminders", bad[0], bad[1]);
            assertThat(run.exitCode()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", bad)).contains(bad[0]);
        }
    }

    @Test
    void theConsoleSavesEachFileOfAReplyBesideTheDatabaseAndPrintsWhere() throws Exception {
        CommandLineRun run = CommandLineRun.run(environment(), "/start\n/done 1\n/progress\n/progress\n/mydata\n",
                "chat", "--user", "ada");

        assertThat(run.exitCode()).isZero();
        Path files = folder.resolve("db/mentor-files");
        assertThat(run.out()).contains("📎 Goals you ticked per week, the last 12 weeks")
                .contains(files.resolve("progress.png").toString())
                .contains(files.resolve("progress-2.png").toString())
                .contains("📎 Everything the mentor stores about you").contains(files.resolve("mentor-data.json").toString());
        java.awt.image.BufferedImage chart = javax.imageio.ImageIO.read(files.resolve("progress.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(640);
        assertThat(java.nio.file.Files.readString(files.resolve("mentor-data.json")))
                .contains("\"platform\" : \"console\"").contains("\"user_id\" : \"ada\"");
    }

    @Test
    void filesGoWhereMentorFilesDirSaysAndAFileThereIsABadSetting() throws Exception {
        Path chosen = folder.resolve("exports");
        CommandLineRun run = CommandLineRun.run(Map.of(Settings.DB_URL, environment().get(Settings.DB_URL),
                Settings.FILES_DIR, chosen.toString()), "/start\n/mydata\n", "chat", "--user", "ada");
        assertThat(run.out()).contains(chosen.resolve("mentor-data.json").toString());
        assertThat(chosen.resolve("mentor-data.json")).exists();

        java.nio.file.Files.writeString(folder.resolve("a-file"), "x");
        CommandLineRun bad = CommandLineRun.run(Map.of(Settings.DB_URL, environment().get(Settings.DB_URL),
                Settings.FILES_DIR, folder.resolve("a-file").toString()), "", "chat");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("MENTOR_FILES_DIR").contains("a folder");
    }

    @Test
    void aBadSettingIsNamedWithWhatItExpects() {
        CommandLineRun badUrl = CommandLineRun.run(Map.of(Settings.DB_URL, "mysql://somewhere"), "", "chat");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("MENTOR_DB_URL").contains("jdbc:sqlite:");

        CommandLineRun badGrace = CommandLineRun.run(Map.of(Settings.DB_URL, environment().get(Settings.DB_URL),
                Settings.GRACE, "forever"), "", "reminders");
        assertThat(badGrace.exitCode()).isEqualTo(2);
        assertThat(badGrace.err()).contains("MENTOR_REMINDER_GRACE").contains("24h");

        CommandLineRun badZone = CommandLineRun.run(Map.of(Settings.DB_URL, environment().get(Settings.DB_URL),
                Settings.TIME_ZONE, "Mars/Base"), "", "reminders");
        assertThat(badZone.exitCode()).isEqualTo(2);
        assertThat(badZone.err()).contains("MENTOR_TIME_ZONE").contains("Europe/Berlin");
    }

    @Test
    void aDatabaseThatCannotBeOpenedFailsWithAClearMessageAndNoSecret() {
        CommandLineRun run = CommandLineRun.run(Map.of(Settings.DB_URL, "jdbc:postgresql://127.0.0.1:1/mentor",
                Settings.DB_USER, "mentor", Settings.DB_PASSWORD, "s3cret-pass"), "", "reminders");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Cannot open the database at jdbc:postgresql://127.0.0.1:1/mentor")
                .doesNotContain("s3cret-pass");
        assertThat(run.out()).doesNotContain("s3cret-pass");
    }

    @Test
    void aBadUserNameIsAUsageError() {
        CommandLineRun run = CommandLineRun.run(environment(), "", "chat", "--user", " ");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--user").contains("Usage:");
    }
}
