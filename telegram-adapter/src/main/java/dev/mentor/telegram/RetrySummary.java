package dev.mentor.telegram;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the Telegram calls tried again, by why, and logs one INFO line a minute while they happen
 * instead of one per retry: the first retry opens a minute, and the first call after it is over logs
 * what that minute held. Closing logs what is left.
 */
final class RetrySummary {

    private static final Logger log = LoggerFactory.getLogger(RetrySummary.class);
    static final Duration EVERY = Duration.ofMinutes(1);

    /** Why a call was tried again. */
    enum Kind { RATE_LIMITED, SERVER_ERROR, NETWORK }

    private final LongSupplier nanoTime;
    private final Map<Kind, Long> total = new EnumMap<>(Kind.class);
    private final Map<Kind, Long> window = new EnumMap<>(Kind.class);
    private long windowStart;
    private boolean windowOpen;
    private long summaries;

    RetrySummary(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    synchronized void retried(Kind kind) {
        long now = nanoTime.getAsLong();
        summariseIfDue(now);
        if (!windowOpen) {
            windowOpen = true;
            windowStart = now;
        }
        total.merge(kind, 1L, Long::sum);
        window.merge(kind, 1L, Long::sum);
    }

    /** Logs the last minute's retries once it is over; cheap, called on every call. */
    synchronized void tick() {
        summariseIfDue(nanoTime.getAsLong());
    }

    /** Logs what is left, whatever the time (on close). */
    synchronized void flush() {
        if (windowOpen) {
            summarise(nanoTime.getAsLong());
        }
    }

    synchronized RetryCounts counts() {
        return new RetryCounts(count(total, Kind.RATE_LIMITED), count(total, Kind.SERVER_ERROR),
                count(total, Kind.NETWORK), summaries);
    }

    private static long count(Map<Kind, Long> counts, Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    private void summariseIfDue(long now) {
        if (windowOpen && now - windowStart >= EVERY.toNanos()) {
            summarise(now);
        }
    }

    private void summarise(long now) {
        summaries++;
        log.info("Telegram calls retried in the last {} s: {} rate-limited (429), {} server errors (5xx), {} network "
                        + "failures", Duration.ofNanos(now - windowStart).toSeconds(), count(window, Kind.RATE_LIMITED),
                count(window, Kind.SERVER_ERROR), count(window, Kind.NETWORK));
        window.clear();
        windowOpen = false;
    }
}
