package dev.mentor.app;

import dev.mentor.conversation.TimeZones;
import dev.mentor.reminders.ReminderSettings;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mentor's settings, read from the environment. Each has a default; a bad value stops the
 * mentor with a message that names the setting and what it expects.
 */
record Settings(DatabaseSettings database, ZoneId defaultTimeZone, ReminderSettings reminders, Duration questionRetention,
        Path filesFolder) {

    static final String DB_URL = "MENTOR_DB_URL";
    static final String DB_USER = "MENTOR_DB_USER";
    static final String DB_PASSWORD = "MENTOR_DB_PASSWORD";
    static final String TIME_ZONE = "MENTOR_TIME_ZONE";
    static final String GRACE = "MENTOR_REMINDER_GRACE";
    static final String THREADS = "MENTOR_REMINDER_THREADS";
    static final String RETENTION = "MENTOR_QUESTION_RETENTION";
    static final String CLAIM_LEASE = "MENTOR_REMINDER_CLAIM_LEASE";
    static final String FILES_DIR = "MENTOR_FILES_DIR";
    /** The console chat's folder for the files replies carry, beside a SQLite database by default. */
    static final String FILES_FOLDER_NAME = "mentor-files";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,4})\\s*(s|m|min|h|d)");

    /** A setting that has a value the mentor cannot use. */
    static final class BadSetting extends RuntimeException {
        BadSetting(String name, String value, String expected) {
            super(name + " is '" + value + "'; expected " + expected + ".");
        }

        /** A message that already names the setting and what it expects (and holds no secret). */
        BadSetting(String message) {
            super(message);
        }
    }

    static Settings from(Map<String, String> environment) {
        String url = value(environment, DB_URL, DatabaseSettings.DEFAULT_URL);
        DatabaseSettings database = new DatabaseSettings(url, environment.get(DB_USER), environment.get(DB_PASSWORD));
        if (!database.isSqlite() && !database.isPostgres()) {
            throw new BadSetting(DB_URL, database.safeUrl(), "a JDBC URL such as jdbc:sqlite:data/mentor.db or "
                    + "jdbc:postgresql://host:5432/mentor");
        }
        String zoneText = value(environment, TIME_ZONE, "UTC");
        ZoneId zone = zone(zoneText);
        String graceText = value(environment, GRACE, "24h");
        Duration grace = duration(GRACE, graceText);
        String threadsText = value(environment, THREADS, String.valueOf(ReminderSettings.DEFAULTS.threads()));
        int threads;
        try {
            threads = Integer.parseInt(threadsText);
        } catch (NumberFormatException e) {
            throw new BadSetting(THREADS, threadsText, "a whole number from 1 to " + ReminderSettings.MAX_THREADS);
        }
        if (threads < 1 || threads > ReminderSettings.MAX_THREADS) {
            throw new BadSetting(THREADS, threadsText, "a whole number from 1 to " + ReminderSettings.MAX_THREADS);
        }
        if (grace.compareTo(Duration.ofDays(6)) > 0) {
            throw new BadSetting(GRACE, graceText, "a duration from 0m to 6d, such as 90m, 24h or 2d");
        }
        String leaseText = value(environment, CLAIM_LEASE, "5m");
        Duration lease = duration(CLAIM_LEASE, leaseText);
        if (lease.compareTo(Duration.ofSeconds(10)) < 0 || lease.compareTo(Duration.ofHours(1)) > 0) {
            throw new BadSetting(CLAIM_LEASE, leaseText, "a duration from 10s to 1h, longer than any send takes "
                    + "(MENTOR_TELEGRAM_SEND_TIMEOUT and pacing included), such as 5m");
        }
        ReminderSettings reminders = new ReminderSettings(grace, threads, ReminderSettings.DEFAULTS.retryBackoff(),
                ReminderSettings.DEFAULTS.maxAttempts()).withClaimLease(lease);
        String retentionText = value(environment, RETENTION, "90d");
        Duration retention = duration(RETENTION, retentionText);
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new BadSetting(RETENTION, retentionText, "a duration of at least 1d, such as 30d or 90d");
        }
        return new Settings(database, zone, reminders, retention, filesFolder(environment, database));
    }

    /**
     * The zone as learners may write it ("Europe/Berlin", "Beijing", "UTC+2"); an exact id is taken as it is,
     * without loading the names of every zone.
     */
    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException notAnId) {
            try {
                return new TimeZones().single(text);
            } catch (IllegalArgumentException e) {
                throw new BadSetting(TIME_ZONE + " is '" + text + "': " + e.getMessage() + ". It expects an IANA time zone "
                        + "such as UTC or Europe/Berlin, a city such as Beijing, or an offset such as UTC+2.");
            }
        }
    }

    /** MENTOR_FILES_DIR, or a mentor-files folder beside a SQLite database file, or in the temporary folder. */
    private static Path filesFolder(Map<String, String> environment, DatabaseSettings database) {
        String configured = environment.get(FILES_DIR);
        if (configured != null && !configured.isBlank()) {
            Path folder;
            try {
                folder = Path.of(configured.strip());
            } catch (InvalidPathException e) {
                throw new BadSetting(FILES_DIR, configured, "a folder the console chat may write files to");
            }
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new BadSetting(FILES_DIR, configured, "a folder (this is a file) for the console chat's files");
            }
            return folder;
        }
        if (database.isSqlite()) {
            String location = database.safeUrl().substring("jdbc:sqlite:".length());
            if (!location.isEmpty() && !location.startsWith(":memory:") && !location.startsWith("file:")) {
                try {
                    Path parent = Path.of(location).toAbsolutePath().getParent();
                    if (parent != null) {
                        return parent.resolve(FILES_FOLDER_NAME);
                    }
                } catch (InvalidPathException e) {
                    // not a plain path: the temporary folder then
                }
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir")).resolve(FILES_FOLDER_NAME);
    }

    private static Duration duration(String name, String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new BadSetting(name, text, "a duration from 0m to 6d, such as 90m, 24h or 2d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static String value(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
