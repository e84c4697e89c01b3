package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mentor serve} refuses to start without a platform, and names what is wrong without the token. */
class ServeCommandTest {

    private static final String TOKEN = "123456:SECRET-token-never-shown";

    @TempDir
    Path folder;

    @Test
    void refusesToStartWithNoTokenSet() {
        CommandLineRun run = CommandLineRun.run(Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("m.db")), "",
                "serve");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MENTOR_TELEGRAM_TOKEN").contains("MENTOR_DISCORD_TOKEN");
    }

    @Test
    void aBadApiUrlIsNamedWithWhatItExpects() {
        CommandLineRun run = CommandLineRun.run(Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("m.db"),
                "MENTOR_TELEGRAM_TOKEN", TOKEN, "MENTOR_TELEGRAM_API_URL", "ftp://example"), "", "serve");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MENTOR_TELEGRAM_API_URL").doesNotContain("SECRET");
    }

    @Test
    void aBadHttpPortIsNamedWithWhatItExpects() {
        CommandLineRun run = CommandLineRun.run(Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("m.db"),
                "MENTOR_TELEGRAM_TOKEN", TOKEN, "MENTOR_HTTP_PORT", "eighty"), "", "serve");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MENTOR_HTTP_PORT").contains("1 to 65535").doesNotContain("SECRET");
    }

    @Test
    void webhookModeWithoutAnHttpPortSaysWhichSettingIsMissing() {
        CommandLineRun run = CommandLineRun.run(Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("m.db"),
                "MENTOR_TELEGRAM_TOKEN", TOKEN, "MENTOR_TELEGRAM_MODE", "webhook",
                "MENTOR_TELEGRAM_WEBHOOK_SECRET", "a-long-enough_secret-42"), "", "serve");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MENTOR_HTTP_PORT").doesNotContain("SECRET").doesNotContain("a-long-enough");
    }

    @Test
    void aClaimLeaseTooShortForAnySendIsRefusedNamingTheSetting() {
        CommandLineRun run = CommandLineRun.run(Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("m.db"),
                "MENTOR_REMINDER_CLAIM_LEASE", "5s"), "", "reminders");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MENTOR_REMINDER_CLAIM_LEASE").contains("10s to 1h");
        assertThat(CommandLineRun.run(Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("m.db"),
                "MENTOR_REMINDER_CLAIM_LEASE", "45s"), "", "reminders").exitCode()).isZero();
    }

    @Test
    void anUnreachableServerFailsTheStartWithoutShowingTheToken() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CommandLineRun run = CommandLineRun.run(Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("m.db"),
                "MENTOR_TELEGRAM_TOKEN", TOKEN, "MENTOR_TELEGRAM_API_URL", "http://127.0.0.1:" + closedPort), "", "serve");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("MENTOR_TELEGRAM_API_URL").doesNotContain("SECRET").doesNotContain(TOKEN);
        assertThat(run.out()).doesNotContain("SECRET");
    }

    @Test
    void discordInvitePrintsTheLinkForTheApplicationInTheToken() {
        String botId = "123456789012345678";
        String token = java.util.Base64.getEncoder().withoutPadding().encodeToString(botId.getBytes())
                + ".Gx1234.SECRET-part";
        CommandLineRun run = CommandLineRun.run(Map.of("MENTOR_DISCORD_TOKEN", token), "", "discord-invite");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).startsWith("https://discord.com/oauth2/authorize?client_id=" + botId)
                .contains("scope=bot%20applications.commands").contains("permissions=").doesNotContain("SECRET");
    }

    @Test
    void discordInviteWithoutAnApplicationIdNamesTheSettings() {
        CommandLineRun run = CommandLineRun.run(Map.of(), "", "discord-invite");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MENTOR_DISCORD_APP_ID");
    }
}
