package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console as a community: its user is the admin, and ask --community answers from its FAQ. */
class CommunityCommandLineTest {

    @TempDir
    Path folder;

    private Map<String, String> environment() {
        return Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("mentor.db"));
    }

    @Test
    void askAnswersFromTheCommunitysFaqOnlyWhenAskedAsThatCommunity() {
        CommandLineRun chat = CommandLineRun.run(environment(),
                "/faq add When is the weekly study call? | Thursdays at 18:00 UTC\n", "chat", "--user", "ada");
        assertThat(chat.out()).contains("Added FAQ entry");

        CommandLineRun inside = CommandLineRun.run(environment(), "", "ask", "--json", "--community", "console",
                "when is the weekly study call");
        assertThat(inside.exitCode()).isZero();
        assertThat(inside.out()).contains("\"answered\":true").contains("\"faq\":{").contains("Thursdays at 18:00 UTC");

        CommandLineRun elsewhere = CommandLineRun.run(environment(), "", "ask", "--json", "--community",
                "discord:1234", "when is the weekly study call");
        assertThat(elsewhere.out()).doesNotContain("\"faq\"").doesNotContain("Thursdays");

        CommandLineRun plain = CommandLineRun.run(environment(), "", "ask", "--json", "when is the weekly study call");
        assertThat(plain.out()).doesNotContain("Thursdays");
    }

    @Test
    void aBadCommunityIdIsAUsageError() {
        CommandLineRun run = CommandLineRun.run(environment(), "", "ask", "--community", "Discord!:", "hi");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--community");
    }

    @Test
    void aBadRetentionSettingIsNamed() {
        CommandLineRun run = CommandLineRun.run(Map.of(Settings.DB_URL, environment().get(Settings.DB_URL),
                Settings.RETENTION, "forever"), "", "chat");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MENTOR_QUESTION_RETENTION");
    }
}
