package dev.mentor.app;

import dev.mentor.discord.DiscordSettings;
import dev.mentor.operations.HttpSettings;
import dev.mentor.telegram.TelegramSettings;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code serve} runs besides the core: the platforms whose settings are given, each validated
 * (a bad value names its setting), and the operations server when a port is set.
 */
record ServeSettings(Optional<TelegramSettings> telegram, Optional<DiscordSettings> discord,
        Optional<HttpSettings> http) {

    /** Where Telegram posts updates in webhook mode; the URL given to telegram-webhook set ends with it. */
    static final String TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";

    static ServeSettings fromEnvironment(Map<String, String> environment) {
        ServeSettings settings;
        try {
            settings = new ServeSettings(TelegramSettings.fromEnvironment(environment),
                    DiscordSettings.isConfigured(environment) ? Optional.of(DiscordSettings.fromEnvironment(environment))
                            : Optional.empty(),
                    HttpSettings.fromEnvironment(environment));
        } catch (IllegalArgumentException e) {
            throw new Settings.BadSetting(e.getMessage());
        }
        if (settings.telegram().isEmpty() && settings.discord().isEmpty()) {
            throw new Settings.BadSetting("no platform to serve: set MENTOR_TELEGRAM_TOKEN, MENTOR_DISCORD_TOKEN or "
                    + "both to a bot token (./mentor chat needs none).");
        }
        if (settings.telegram().filter(TelegramSettings::webhook).isPresent() && settings.http().isEmpty()) {
            throw new Settings.BadSetting(TelegramSettings.MODE_SETTING + " is 'webhook', which needs "
                    + HttpSettings.PORT + ": the port the webhook endpoint (" + TELEGRAM_WEBHOOK_PATH + ") listens on.");
        }
        return settings;
    }
}
