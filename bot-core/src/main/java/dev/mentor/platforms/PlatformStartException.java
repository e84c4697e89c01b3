package dev.mentor.platforms;

/** A platform adapter could not start; the message is for the operator and holds no secret. */
public final class PlatformStartException extends Exception {

    public PlatformStartException(String message) {
        super(message);
    }

    public PlatformStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
