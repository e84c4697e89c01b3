package dev.mentor.platforms;

/**
 * A platform could not deliver a message, or cannot tell whether it did. Transient failures (rate
 * limits, network, server errors) are retried with backoff; permanent ones (the user blocked the bot)
 * turn the learner's reminders off; a send whose request went out but whose answer never came back
 * ({@link #isPossiblySent()}) may have arrived, so it is not retried: retrying is what sends twice.
 */
public final class DeliveryException extends Exception {

    private final boolean permanent;
    private final boolean possiblySent;

    private DeliveryException(String message, boolean permanent, boolean possiblySent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.possiblySent = possiblySent;
    }

    public static DeliveryException transientFailure(String message, Throwable cause) {
        return new DeliveryException(message, false, false, cause);
    }

    public static DeliveryException permanentFailure(String message) {
        return new DeliveryException(message, true, false, null);
    }

    /** The request went out but no answer came back in time: the message may or may not have arrived. */
    public static DeliveryException possiblySent(String message, Throwable cause) {
        return new DeliveryException(message, false, true, cause);
    }

    public boolean isPermanent() {
        return permanent;
    }

    /** Whether the platform may have taken the message: counted as sent, never retried. */
    public boolean isPossiblySent() {
        return possiblySent;
    }
}
