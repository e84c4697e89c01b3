package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

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
