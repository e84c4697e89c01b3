package dev.mentor.reminders;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when delivery falls behind: a reminder sent more than {@link #WARN_AFTER} past its due time is
 * counted, and one WARN at most every {@link #WARN_EVERY} says how many such were sent since the last
 * warning and the worst lag among them. A burst of a thousand late reminders is one line a minute, not a
 * thousand; late ones not yet reported are reported with the next delivery after the minute.
 */
public final class DeliveryLag {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLag.class);

    /** A reminder sent this much past its due time means delivery is behind. */
    public static final Duration WARN_AFTER = Duration.ofMinutes(5);
    /** At most one warning this often. */
    public static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final Duration threshold;
    private long behind;
    private long warnings;
    private Duration worst = Duration.ZERO;
    private long behindSinceWarning;
    private Duration worstSinceWarning = Duration.ZERO;
    private Instant lastWarning;

    public DeliveryLag() {
        this(WARN_AFTER);
    }

    public DeliveryLag(Duration threshold) {
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("the lag threshold cannot be negative, not " + threshold);
        }
        this.threshold = threshold;
    }

    /** A reminder due at {@code due} went out at {@code sentAt}. */
    public synchronized void sent(Instant due, Instant sentAt) {
        Duration lag = Duration.between(due, sentAt);
        if (lag.compareTo(threshold) > 0) {
            behind++;
            behindSinceWarning++;
            worst = max(worst, lag);
            worstSinceWarning = max(worstSinceWarning, lag);
        }
        report(sentAt);
    }

    /** Warns about late sends not reported yet, unless the last warning was less than a minute ago. */
    public synchronized void report(Instant now) {
        if (behindSinceWarning == 0 || (lastWarning != null && Duration.between(lastWarning, now).compareTo(WARN_EVERY) < 0)) {
            return;
        }
        warnings++;
        log.warn("Reminder delivery is behind: {} reminder(s) sent more than {} min past their time since the last "
                + "warning, the worst {} s late", behindSinceWarning, threshold.toMinutes(), worstSinceWarning.toSeconds());
        behindSinceWarning = 0;
        worstSinceWarning = Duration.ZERO;
        lastWarning = now;
    }

    /** Reminders sent later than the threshold, since start. */
    public synchronized long behind() {
        return behind;
    }

    /** The warnings logged, since start. */
    public synchronized long warnings() {
        return warnings;
    }

    /** The worst lag past the threshold seen since start (zero when none). */
    public synchronized Duration worst() {
        return worst;
    }

    /** Late sends waiting for the next warning. */
    public synchronized long unreported() {
        return behindSinceWarning;
    }

    public Duration threshold() {
        return threshold;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
