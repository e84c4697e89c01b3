package dev.mentor.chat;

import java.util.Optional;

/** What an adapter talks to: one incoming message in, one reply out. */
@FunctionalInterface
public interface Conversation {

    Reply handle(IncomingMessage message);

    /**
     * Whether the mentor answers this message at all, and with what: empty when it stays silent
     * (a message in a community that did not address it, or a plain mention where the community
     * switched mentions off). Adapters call this; the decision is the same on every platform.
     */
    default Optional<Reply> respond(IncomingMessage message) {
        return Optional.of(handle(message));
    }
}
