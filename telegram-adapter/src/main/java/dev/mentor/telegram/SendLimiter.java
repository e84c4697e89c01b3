package dev.mentor.telegram;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Paces outbound messages within {@link RateLimits}. Each send reserves the earliest slot every
 * limit allows, under a lock, then waits for it outside the lock, so concurrent senders queue
 * fairly and no limit is ever exceeded, even in bursts.
 */
final class SendLimiter {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final int PRUNE_ABOVE = 10_000;

    private final RateLimits limits;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final long overallInterval;
    private final long chatInterval;
    private long nextOverall = Long.MIN_VALUE;
    private final Map<Long, Long> nextInChat = new HashMap<>();
    /** The times of each group's last {@code perGroupMinute} sends. */
    private final Map<Long, ArrayDeque<Long>> groupSends = new HashMap<>();

    SendLimiter(RateLimits limits, LongSupplier nanoClock, Sleeper sleeper) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.overallInterval = limits.perSecond() == 0 ? 0 : Duration.ofSeconds(1).toNanos() / limits.perSecond();
        this.chatInterval = limits.chatInterval().toNanos();
    }

    /** Waits until a message to this chat may go, and counts it as sent. */
    void acquire(long chatId, boolean group) throws InterruptedException {
        long wait = reserve(chatId, group) - nanoClock.getAsLong();
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /** Books the earliest moment a message to this chat may go and returns it (in the clock's nanos). */
    synchronized long reserve(long chatId, boolean group) {
        long now = nanoClock.getAsLong();
        long at = now;
        if (overallInterval > 0 && nextOverall != Long.MIN_VALUE) {
            at = Math.max(at, nextOverall);
        }
        Long chatNext = nextInChat.get(chatId);
        if (chatNext != null) {
            at = Math.max(at, chatNext);
        }
        ArrayDeque<Long> window = null;
        if (group && limits.perGroupMinute() > 0) {
            window = groupSends.computeIfAbsent(chatId, id -> new ArrayDeque<>());
            if (window.size() >= limits.perGroupMinute()) {
                at = Math.max(at, window.pollFirst() + MINUTE);
            }
        }
        if (overallInterval > 0) {
            nextOverall = at + overallInterval;
        }
        if (chatInterval > 0) {
            nextInChat.put(chatId, at + chatInterval);
        }
        if (window != null) {
            window.addLast(at);
        }
        prune(now);
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
