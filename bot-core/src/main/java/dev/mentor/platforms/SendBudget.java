package dev.mentor.platforms;

/**
 * A bot's send budget shared by every instance (Telegram's 30 messages a second hold per bot, not per
 * process). The adapters still pace each chat themselves; this is the budget over all chats.
 */
public interface SendBudget {

    /** Waits until one message may go, and counts it. For replies: someone is waiting for them. */
    void take() throws InterruptedException;

    /**
     * Counts one message if more than {@code leaving} would remain, else takes nothing: messages nobody is
     * waiting for (reminders, digests) leave room for replies.
     */
    boolean tryTake(int leaving);
}
