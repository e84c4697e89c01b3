package dev.mentor.telegram;

import java.net.SocketTimeoutException;
import okhttp3.Interceptor;

/**
 * A request that reached Telegram's server (the connection was open and the request written) but whose
 * answer did not come back in time: Telegram may or may not have acted on it. It stays a
 * {@link SocketTimeoutException} after the request was sent, so OkHttp does not retry it either.
 */
final class UnansweredRequest extends SocketTimeoutException {

    UnansweredRequest(SocketTimeoutException cause) {
        super("no answer in time after the request went out (" + cause.getMessage() + ")");
        initCause(cause);
    }

    /**
     * A network interceptor: it runs once a connection is open, so a timeout under it came after the
     * request started going out. Timeouts while connecting happen before it and stay as they are.
     */
    static Interceptor marker() {
        return chain -> {
            try {
                return chain.proceed(chain.request());
            } catch (UnansweredRequest e) {
                throw e;
            } catch (SocketTimeoutException e) {
                throw new UnansweredRequest(e);
            }
        };
    }

    /** Whether a failure was caused by a request whose answer never came. */
    static boolean in(Throwable failure) {
        return Failures.causes(failure).stream().anyMatch(t -> t instanceof UnansweredRequest);
    }
}
