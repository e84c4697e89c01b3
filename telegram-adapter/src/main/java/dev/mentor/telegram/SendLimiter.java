package dev.mentor.telegram;

import dev.mentor.platforms.SendBudget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Paces outbound messages within {@link RateLimits}, in two steps: first a message books its
 * chat's next slot (one a second per chat, the group's minute window) and waits for it; only
 * then does it take the next slot over all chats (30 a second). A chat waiting for its own slot
 * thus never holds up other chats, and concurrent senders queue fairly without exceeding a limit.
 * Bulk messages (reminders, digests) take an overall slot only when at most one is booked ahead,
 * so a reply to someone who just wrote never queues behind a burst of them. A 429 pauses only the
 * chat it was about.
 */
final class SendLimiter {

    /** How a message is paced: answers to people first, messages nobody is waiting for after them. */
    enum Pace {
        /** Not a message (a button press answered, a member looked up): not counted. */
        UNPACED,
        /** A reply to someone who just wrote. */
        REPLY,
        /** A reminder or a digest: sent in the gaps replies leave. */
        BULK
    }

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final int PRUNE_ABOVE = 10_000;

    private final RateLimits limits;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final long overallInterval;
    private final long chatInterval;
    private long nextOverall = Long.MIN_VALUE;
    /** The earliest next send per chat; also keeps one chat's messages in booking order. */
    private final Map<Long, Long> nextInChat = new HashMap<>();
    /** The times of each group's last {@code perGroupMinute} sends. */
    private final Map<Long, ArrayDeque<Long>> groupSends = new HashMap<>();
    /** Tokens a bulk message leaves in the shared budget for replies. */
    static final int LEFT_FOR_REPLIES = 1;
    private final SendBudget shared;
    /** Bulk senders wait here in turn, so only one of them at a time watches for the next free slot. */
    private final ReentrantLock bulkTurn = new ReentrantLock(true);

    SendLimiter(RateLimits limits, LongSupplier nanoClock, Sleeper sleeper) {
        this(limits, nanoClock, sleeper, null);
    }

    /** With the budget over all chats shared with other instances ({@code shared}), or kept here (null). */
    SendLimiter(RateLimits limits, LongSupplier nanoClock, Sleeper sleeper, SendBudget shared) {
        this.shared = shared;
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.overallInterval = limits.perSecond() == 0 ? 0 : Duration.ofSeconds(1).toNanos() / limits.perSecond();
        this.chatInterval = limits.chatInterval().toNanos();
    }

    /** Waits until a message to this chat may go, and counts it as sent. */
    void acquire(long chatId, boolean group, Pace pace) throws InterruptedException {
        if (pace == Pace.UNPACED) {
            return;
        }
        waitUntil(reserveInChat(chatId, group));
        if (shared != null && limits.perSecond() > 0) {
            takeShared(pace);
            return;
        }
        if (pace == Pace.REPLY) {
            waitUntil(reserveOverall(chatId));
            return;
        }
        bulkTurn.lockInterruptibly();
        try {
            long opens;
            while ((opens = bulkOpensAt()) - nanoClock.getAsLong() > 0) {
                waitUntil(opens);
            }
            waitUntil(reserveOverall(chatId));
        } finally {
            bulkTurn.unlock();
        }
    }

    /** The budget over all chats, from the one every instance shares: replies wait their turn, bulk yields. */
    private void takeShared(Pace pace) throws InterruptedException {
        if (pace == Pace.REPLY) {
            shared.take();
            return;
        }
        bulkTurn.lockInterruptibly();
        try {
            while (!shared.tryTake(LEFT_FOR_REPLIES)) {
                sleeper.sleep(Duration.ofNanos(Math.max(overallInterval, 1_000_000)));
            }
        } finally {
            bulkTurn.unlock();
        }
    }

    /**
     * When a bulk message may book an overall slot: once no more than one slot lies ahead. Replies
     * booked meanwhile go first, and wait at most for that one slot.
     */
    synchronized long bulkOpensAt() {
        long now = nanoClock.getAsLong();
        return nextOverall == Long.MIN_VALUE ? now : nextOverall - overallInterval;
    }

    /** Telegram said this chat must wait (a 429's retry_after): nothing more goes to it before then. */
    synchronized void pauseChat(long chatId, Duration wait) {
        nextInChat.merge(chatId, nanoClock.getAsLong() + wait.toNanos(), Math::max);
    }

    private void waitUntil(long at) throws InterruptedException {
        long wait = at - nanoClock.getAsLong();
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /** Books the chat's earliest slot (in the clock's nanos) under the per-chat and per-group limits. */
    synchronized long reserveInChat(long chatId, boolean group) {
        long now = nanoClock.getAsLong();
        long at = Math.max(now, nextInChat.getOrDefault(chatId, now));
        ArrayDeque<Long> window = null;
        if (group && limits.perGroupMinute() > 0) {
            window = groupSends.computeIfAbsent(chatId, id -> new ArrayDeque<>());
            if (window.size() >= limits.perGroupMinute()) {
                at = Math.max(at, window.pollFirst() + MINUTE);
            }
            window.addLast(at);
        }
        nextInChat.put(chatId, at + chatInterval);
        prune(now);
        return at;
    }

    /** Books the next slot over all chats, from now; a later send pushes the chat's next slot too. */
    synchronized long reserveOverall(long chatId) {
        long now = nanoClock.getAsLong();
        if (overallInterval == 0) {
            return now;
        }
        long at = nextOverall == Long.MIN_VALUE ? now : Math.max(now, nextOverall);
        nextOverall = at + overallInterval;
        nextInChat.merge(chatId, at + chatInterval, Math::max);
        return at;
    }

    /** Forgets chats whose limits no longer constrain anything, so the maps stay small. */
    private void prune(long now) {
        if (nextInChat.size() > PRUNE_ABOVE) {
            nextInChat.values().removeIf(next -> next - now <= 0);
        }
        if (groupSends.size() > PRUNE_ABOVE) {
            groupSends.values().removeIf(window -> window.isEmpty() || window.peekLast() + MINUTE - now <= 0);
        }
    }
}
