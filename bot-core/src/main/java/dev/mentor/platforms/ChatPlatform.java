package dev.mentor.platforms;

import dev.mentor.chat.Conversation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * A chat platform the mentor lives on (Telegram, Discord). The adapter turns the platform's
 * events into {@link dev.mentor.chat.IncomingMessage}s for the conversation and renders
 * its replies; the core never sees a platform type.
 *
 * <p>Life cycle, driven by the app: construct, hand {@link #deliveryPort()} to the reminder
 * dispatcher, {@link #start(Conversation)}, and {@link #close()} on shutdown.
 */
public interface ChatPlatform extends AutoCloseable, MeterBinder {

    /** The platform's name in learners' records: "telegram", "discord". */
    String name();

    /** How reminders and digests reach this platform's users; usable before {@link #start}. */
    DeliveryPort deliveryPort();

    /**
     * Connects, checks the credentials, publishes the command list and starts receiving.
     *
     * @throws PlatformStartException when the platform refuses (a wrong token) or cannot be reached;
     *                                its message names the setting and never holds the secret
     */
    void start(Conversation conversation) throws PlatformStartException;

    /** Whether it is started and not closing: what a load balancer's readiness check asks. */
    boolean isServing();

    /** Adds what the adapter counts (updates received, the platform's refusals) to the app's registry. */
    @Override
    default void bindTo(MeterRegistry registry) {
    }

    /** Stops receiving and lets replies in flight finish; safe to call twice or without start. */
    @Override
    void close();
}
