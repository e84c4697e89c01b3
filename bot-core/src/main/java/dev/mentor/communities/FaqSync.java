package dev.mentor.communities;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's FAQ index in step with entries added or removed on other instances: it polls the
 * change counter every {@link #EVERY} (one indexed read) and reloads when it moved.
 */
public final class FaqSync implements AutoCloseable {

    public static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(FaqSync.class);

    private final FaqEntries entries;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("faq-sync").factory());
    private ScheduledFuture<?> polling;

    public FaqSync(FaqEntries entries) {
        this.entries = entries;
    }

    /** Starts polling; once only. */
    public synchronized void start() {
        if (polling == null) {
            long every = EVERY.toMillis();
            polling = poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void poll() {
        try {
            if (entries.refresh()) {
                log.debug("FAQ entries changed elsewhere; index reloaded");
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next poll tries again. Never let one failure stop it.
            log.warn("Could not check for FAQ changes: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (polling != null) {
            polling.cancel(false);
        }
        poller.shutdownNow();
    }
}
