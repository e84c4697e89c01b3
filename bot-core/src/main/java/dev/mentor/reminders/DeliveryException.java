package dev.mentor.reminders;

/**
 * A platform could not deliver a message. Transient failures (rate limits, network, server
 * errors) are retried with backoff; permanent ones (the user blocked the bot) turn the
 * learner's reminders off.
 */
public final class DeliveryException extends Exception {

    private final boolean permanent;

    private DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public static DeliveryException transientFailure(String message, Throwable cause) {
        return new DeliveryException(message, false, cause);
    }

    public static DeliveryException permanentFailure(String message) {
        return new DeliveryException(message, true, null);
    }

    public boolean isPermanent() {
        return permanent;
    }
}
