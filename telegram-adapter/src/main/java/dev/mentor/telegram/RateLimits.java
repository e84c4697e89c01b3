package dev.mentor.telegram;

import java.time.Duration;

/**
 * How fast the adapter may send, after Telegram's published limits: about 30 messages a second
 * overall, one a second in a chat, 20 a minute in a group.
 *
 * @param perSecond       messages a second over all chats; 0 for no limit
 * @param chatInterval    the least time between two messages in one chat; zero for none
 * @param perGroupMinute  messages a minute in one group; 0 for no limit
 */
public record RateLimits(int perSecond, Duration chatInterval, int perGroupMinute) {

    public static final RateLimits TELEGRAM = new RateLimits(30, Duration.ofSeconds(1), 20);

    /** No pacing at all: for tests and benchmarks against a fake server. */
    public static final RateLimits NONE = new RateLimits(0, Duration.ZERO, 0);

    public RateLimits {
        if (perSecond < 0 || perGroupMinute < 0 || chatInterval.isNegative()) {
            throw new IllegalArgumentException("rate limits cannot be negative");
        }
    }
}
