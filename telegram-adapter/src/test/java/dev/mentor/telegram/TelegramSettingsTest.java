package dev.mentor.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramSettingsTest {

    private static final String TOKEN = "123:secret-token";

    @Test
    void noTokenMeansTheAdapterIsNotWanted() {
        assertThat(TelegramSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(TelegramSettings.fromEnvironment(Map.of("MENTOR_TELEGRAM_TOKEN", "  "))).isEmpty();
    }

    @Test
    void defaultsToTheOfficialServerAndTelegramsLimits() {
        TelegramSettings settings = TelegramSettings.fromEnvironment(Map.of("MENTOR_TELEGRAM_TOKEN", TOKEN)).orElseThrow();

        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(settings.limits()).isEqualTo(RateLimits.TELEGRAM);
        assertThat(settings.telegramUrl().getPort()).isEqualTo(443);
    }

    @Test
    void takesAnotherServerWithItsPort() {
        TelegramSettings settings = TelegramSettings.fromEnvironment(Map.of("MENTOR_TELEGRAM_TOKEN", TOKEN,
                "MENTOR_TELEGRAM_API_URL", "http://127.0.0.1:8081/")).orElseThrow();

        assertThat(settings.telegramUrl().getSchema()).isEqualTo("http");
        assertThat(settings.telegramUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(settings.telegramUrl().getPort()).isEqualTo(8081);
    }

    @Test
    void aBadServerAddressIsRefusedNamingTheSetting() {
        for (String bad : new String[] {"api.telegram.org", "ftp://x.org", "https://x.org/prefix", "http://", "ht tp://x"}) {
            assertThatThrownBy(() -> TelegramSettings.fromEnvironment(Map.of("MENTOR_TELEGRAM_TOKEN", TOKEN,
                    "MENTOR_TELEGRAM_API_URL", bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MENTOR_TELEGRAM_API_URL");
        }
    }

    @Test
    void theSendTimeoutDefaultsTo30SecondsAndCanBeSet() {
        assertThat(TelegramSettings.fromEnvironment(Map.of("MENTOR_TELEGRAM_TOKEN", TOKEN)).orElseThrow().sendTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(TelegramSettings.fromEnvironment(Map.of("MENTOR_TELEGRAM_TOKEN", TOKEN,
                "MENTOR_TELEGRAM_SEND_TIMEOUT", "45s")).orElseThrow().sendTimeout()).isEqualTo(java.time.Duration.ofSeconds(45));
        assertThat(TelegramSettings.fromEnvironment(Map.of("MENTOR_TELEGRAM_TOKEN", TOKEN,
                "MENTOR_TELEGRAM_SEND_TIMEOUT", "500ms")).orElseThrow().sendTimeout()).isEqualTo(java.time.Duration.ofMillis(500));
        for (String bad : new String[] {"soon", "0", "-5s", "10m"}) {
            assertThatThrownBy(() -> TelegramSettings.fromEnvironment(Map.of("MENTOR_TELEGRAM_TOKEN", TOKEN,
                    "MENTOR_TELEGRAM_SEND_TIMEOUT", bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MENTOR_TELEGRAM_SEND_TIMEOUT");
        }
    }

    @Test
    void aMalformedTokenIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> TelegramSettings.fromEnvironment(Map.of("MENTOR_TELEGRAM_TOKEN", "123:abc/def")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MENTOR_TELEGRAM_TOKEN")
                .hasMessageNotContaining("abc/def");
    }

    @Test
    void neverPrintsTheToken() {
        TelegramSettings settings = TelegramSettings.of(TOKEN, TelegramSettings.DEFAULT_API_URL);

        assertThat(settings.toString()).doesNotContain("secret-token");
        assertThat(settings.scrub("POST https://api.telegram.org/bot" + TOKEN + "/sendMessage failed"))
                .isEqualTo("POST https://api.telegram.org/bot<token>/sendMessage failed");
    }

    @Test
    void webhookModeNeedsASecretAndNeverShowsIt() {
        Map<String, String> base = Map.of(TelegramSettings.TOKEN_SETTING, "123:abc");
        assertThat(TelegramSettings.fromEnvironment(base).orElseThrow().webhook()).isFalse();

        assertThatThrownBy(() -> TelegramSettings.fromEnvironment(with(base, TelegramSettings.MODE_SETTING, "webhook")))
                .hasMessageContaining(TelegramSettings.WEBHOOK_SECRET_SETTING);
        assertThatThrownBy(() -> TelegramSettings.fromEnvironment(with(with(base, TelegramSettings.MODE_SETTING, "webhook"),
                TelegramSettings.WEBHOOK_SECRET_SETTING, "short")))
                .hasMessageContaining("16 to 256").hasMessageNotContaining("short");
        assertThatThrownBy(() -> TelegramSettings.fromEnvironment(with(base, TelegramSettings.MODE_SETTING, "push")))
                .hasMessageContaining(TelegramSettings.MODE_SETTING).hasMessageContaining("polling");

        TelegramSettings webhook = TelegramSettings.fromEnvironment(with(with(base, TelegramSettings.MODE_SETTING,
                "Webhook"), TelegramSettings.WEBHOOK_SECRET_SETTING, "a-long-enough_secret-42")).orElseThrow();
        assertThat(webhook.webhook()).isTrue();
        assertThat(webhook.toString()).contains("webhook").doesNotContain("a-long-enough_secret-42");
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(environment);
        copy.put(name, value);
        return copy;
    }
}
