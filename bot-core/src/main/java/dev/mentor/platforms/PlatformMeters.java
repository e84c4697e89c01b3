package dev.mentor.platforms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an adapter counts for operators: updates received and the platform's refusals by kind. Counted
 * from construction; the counts reach a registry once {@link #bindTo} is called (the app's, for /metrics).
 */
public final class PlatformMeters implements MeterBinder {

    /** How a platform refused or failed a call. */
    public enum ErrorKind {
        /** 429: asked to slow down. */
        RATE_LIMITED,
        /** 5xx, or an answer that was not the platform's. */
        SERVER_ERROR,
        /** 403 and its kin: blocked by the user, removed from the chat, DMs closed. */
        FORBIDDEN,
        /** Another 4xx: the request itself was refused. */
        REJECTED,
        /** No answer in time: the request may have arrived. */
        TIMEOUT,
        /** The platform could not be reached. */
        NETWORK
    }

    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final Counter updates;
    private final Map<ErrorKind, Counter> errors = new EnumMap<>(ErrorKind.class);

    public PlatformMeters(String platform) {
        updates = Counter.builder("mentor.updates.received")
                .description("Messages, commands and button presses received from the platform")
                .tag("platform", platform)
                .register(meters);
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(kind, Counter.builder("mentor.platform.errors")
                    .description("Calls the platform refused or failed, by kind")
                    .tag("platform", platform)
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    public void updateReceived() {
        updates.increment();
    }

    public void error(ErrorKind kind) {
        errors.get(kind).increment();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters.add(registry);
    }
}
