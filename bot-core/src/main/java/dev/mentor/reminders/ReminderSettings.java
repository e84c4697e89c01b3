package dev.mentor.reminders;

import java.time.Duration;

/**
 * How reminders are sent.
 *
 * @param grace        a reminder missed while the mentor was down is still sent (marked late) when
 *                     it is at most this old; older ones are skipped
 * @param threads      reminders delivered at once, each on a worker thread: most of a send is waiting
 *                     (the platform's pacing, its round trip, a 429's retry_after), so enough must be
 *                     in flight for the platform's limit, not the round trip, to set the pace
 * @param retryBackoff wait before the first retry of a transient failure; it doubles each time
 * @param maxAttempts  attempts before a reminder is given up
 * @param lateAfter    a reminder sent this much past its due time is marked late
 * @param claimLease   how long a claim on a delivery is held while it is sent; longer than any send
 *                     takes (pacing waits and the platform's timeouts included), since a claim older
 *                     than this is taken for its owner's death and the reminder is sent again
 */
public record ReminderSettings(Duration grace, int threads, Duration retryBackoff, int maxAttempts, Duration lateAfter,
        Duration claimLease) {

    /** Longer than a send waits for Telegram's pacing and its 30 s read timeout. */
    public static final Duration CLAIM_LEASE = Duration.ofMinutes(5);

    /** A reminder this much past its time is marked late. */
    public static final Duration LATE_AFTER = Duration.ofMinutes(2);

    /**
     * Enough for Telegram's 30 messages a second at a 300 ms round trip with one call in five told to
     * retry after 3 s (30/s times about 1.5 s a reminder is 45 in flight), with room to spare.
     */
    public static final int DEFAULT_THREADS = 64;
    public static final int MAX_THREADS = 256;

    public static final ReminderSettings DEFAULTS = new ReminderSettings(Duration.ofHours(24), DEFAULT_THREADS,
            Duration.ofSeconds(30), 5);

    public ReminderSettings(Duration grace, int threads, Duration retryBackoff, int maxAttempts) {
        this(grace, threads, retryBackoff, maxAttempts, LATE_AFTER, CLAIM_LEASE);
    }

    public ReminderSettings {
        if (grace.isNegative() || grace.compareTo(Duration.ofDays(6)) > 0) {
            throw new IllegalArgumentException("the reminder grace window must be between 0 and 6 days, not " + grace);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("reminder threads must be between 1 and " + MAX_THREADS + ", not " + threads);
        }
        if (lateAfter.isNegative()) {
            throw new IllegalArgumentException("the late threshold cannot be negative, not " + lateAfter);
        }
        if (!claimLease.isPositive()) {
            throw new IllegalArgumentException("the claim lease must be positive, not " + claimLease);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("reminder attempts must be at least 1, not " + maxAttempts);
        }
    }

    public ReminderSettings withGrace(Duration newGrace) {
        return new ReminderSettings(newGrace, threads, retryBackoff, maxAttempts, lateAfter, claimLease);
    }

    public ReminderSettings withRetryBackoff(Duration backoff) {
        return new ReminderSettings(grace, threads, backoff, maxAttempts, lateAfter, claimLease);
    }

    public ReminderSettings withLateAfter(Duration threshold) {
        return new ReminderSettings(grace, threads, retryBackoff, maxAttempts, threshold, claimLease);
    }

    public ReminderSettings withClaimLease(Duration lease) {
        return new ReminderSettings(grace, threads, retryBackoff, maxAttempts, lateAfter, lease);
    }
}
