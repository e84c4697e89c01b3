package dev.mentor.platforms;

import dev.mentor.storage.Database;
import java.time.Duration;
import java.time.Instant;

/**
 * Platform events (Telegram updates, Discord interactions) already taken in, so one that the
 * platform delivers again after a restart is not handled twice.
 */
public final class ProcessedEvents {

    private final Database database;

    public ProcessedEvents(Database database) {
        this.database = database;
    }

    /** Records the event and returns true the first time; false when it was handled before. */
    public boolean claim(String platform, String eventId, Instant now) {
        return database.write(handle -> handle.createUpdate("insert into processed_events (platform, event_id, "
                        + "processed_at) values (:platform, :event, :at) on conflict (platform, event_id) do nothing")
                .bind("platform", platform)
                .bind("event", eventId)
                .bind("at", now)
                .execute()) == 1;
    }

    /** Forgets events older than {@code age}; platforms never redeliver after a day or so. */
    public int purgeOlderThan(Duration age, Instant now) {
        return database.write(handle -> handle.createUpdate("delete from processed_events where processed_at < :before")
                .bind("before", now.minus(age))
                .execute());
    }
}
