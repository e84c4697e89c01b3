package dev.mentor.conversation;

/** What an adapter talks to: one incoming message in, one reply out. */
@FunctionalInterface
public interface Conversation {

    Reply handle(IncomingMessage message);
}
