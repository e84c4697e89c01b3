package dev.mentor.app;

import java.util.List;

/**
 * Every setting the mentor reads from its environment, once: {@code mentor --help} lists them, and a test
 * holds the README's settings table to this list. Each module's settings class parses its own and names
 * the setting in its errors.
 */
final class SettingsCatalog {

    private SettingsCatalog() {
    }

    /** One environment variable: its name, its value when unset, and what it sets. */
    record Setting(String name, String whenUnset, String what) {
    }

    static final List<Setting> ALL = List.of(
            new Setting("MENTOR_JAVA_OPTS", "empty", "extra JVM options for the launcher"),
            new Setting("MENTOR_LOG_LEVEL", "warn", "trace, debug, info, warn, error or off"),
            new Setting("MENTOR_LOG_FORMAT", "text", "text, or json: one JSON object a line on stderr"),
            new Setting("MENTOR_DB_URL", "jdbc:sqlite:data/mentor.db", "the database: a SQLite file or PostgreSQL"),
            new Setting("MENTOR_DB_USER", "empty", "database user (PostgreSQL)"),
            new Setting("MENTOR_DB_PASSWORD", "empty", "database password (PostgreSQL)"),
            new Setting("MENTOR_TIME_ZONE", "UTC", "the time zone of new learners"),
            new Setting("MENTOR_REMINDER_GRACE", "24h", "how late a missed reminder may still go out"),
            new Setting("MENTOR_REMINDER_THREADS", "64", "reminders delivered at once (1 to 256)"),
            new Setting("MENTOR_REMINDER_CLAIM_LEASE", "5m", "how long a reminder being sent stays claimed"),
            new Setting("MENTOR_TELEGRAM_TOKEN", "none (Telegram off)", "the bot token from BotFather"),
            new Setting("MENTOR_TELEGRAM_API_URL", "https://api.telegram.org", "the Bot API server"),
            new Setting("MENTOR_TELEGRAM_SEND_TIMEOUT", "30s", "how long a message waits for Telegram's answer"),
            new Setting("MENTOR_TELEGRAM_MODE", "polling", "polling, or webhook for several instances"),
            new Setting("MENTOR_TELEGRAM_WEBHOOK_SECRET", "none", "the secret Telegram sends with each update"),
            new Setting("MENTOR_DISCORD_TOKEN", "none (Discord off)", "the bot token from the Developer Portal"),
            new Setting("MENTOR_DISCORD_APP_ID", "read from the token", "the application id, for discord-invite"),
            new Setting("MENTOR_DISCORD_MESSAGE_CONTENT", "false", "true to answer plain @mentions"),
            new Setting("MENTOR_DISCORD_SHARD_COUNT", "Discord's recommendation", "total shards of all instances"),
            new Setting("MENTOR_DISCORD_SHARDS", "all shards", "this instance's shard indices, e.g. 0,1"),
            new Setting("MENTOR_INSTANCE_COUNT", "none (one instance)", "how many instances serve the bot"),
            new Setting("MENTOR_INSTANCE_ORDINAL", "none", "this instance's place, 0 to count - 1"),
            new Setting("MENTOR_DISCORD_API_URL", "https://discord.com/api/v10", "Discord's REST base URL"),
            new Setting("MENTOR_HTTP_PORT", "none (off)", "port of /health, /ready, /metrics and the webhook"),
            new Setting("MENTOR_HTTP_HOST", "127.0.0.1", "the address that server listens on"),
            new Setting("MENTOR_QUESTION_RETENTION", "90d", "how long logged community questions are kept"),
            new Setting("MENTOR_FILES_DIR", "mentor-files beside the database", "where the console saves files"));

    /** The footer of {@code mentor --help}. */
    static String[] helpFooter() {
        List<String> lines = new java.util.ArrayList<>(List.of("", "Settings (environment variables; README.md "
                + "explains each):"));
        for (Setting setting : ALL) {
            // Two short lines each: picocli wraps the footer at 80 columns.
            lines.add("  " + setting.name() + "  (default: " + setting.whenUnset() + ")");
            lines.add("      " + setting.what());
        }
        return lines.toArray(String[]::new);
    }
}
