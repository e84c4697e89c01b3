package dev.mentor.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limiter's bookings on a clock the test moves; nothing here waits. */
class SendLimiterTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private long now = 1_000 * SECOND;

    private SendLimiter limiter(RateLimits limits) {
        return new SendLimiter(limits, () -> now, duration -> {
            throw new AssertionError("reserve never waits");
        });
    }

    @Test
    void keepsThirtyMessagesASecondOverall() {
        SendLimiter limiter = limiter(new RateLimits(30, Duration.ZERO, 0));
        List<Long> slots = new ArrayList<>();
        for (int chat = 0; chat < 90; chat++) {
            slots.add(limiter.reserveOverall(chat) - now);
        }
        assertThat(slots.getFirst()).isZero();
        assertThat(slots.get(30)).isGreaterThanOrEqualTo(SECOND - 30);
        assertThat(slots.getLast()).isLessThan(3 * SECOND);
        for (int i = 30; i < slots.size(); i++) {
            assertThat(slots.get(i) - slots.get(i - 30)).isGreaterThanOrEqualTo(SECOND - 30);
        }
    }

    @Test
    void keepsOneMessageASecondInAChatWhileOtherChatsGoOn() {
        SendLimiter limiter = limiter(new RateLimits(30, Duration.ofSeconds(1), 20));
        long first = limiter.reserveInChat(42, false);
        long second = limiter.reserveInChat(42, false);
        long other = limiter.reserveInChat(43, false);

        assertThat(second - first).isEqualTo(SECOND);
        assertThat(other).isEqualTo(now);
    }

    @Test
    void aSendDelayedByTheOverallLimitPushesItsChatsNextSlot() {
        SendLimiter limiter = limiter(new RateLimits(1, Duration.ofSeconds(1), 0));
        limiter.reserveOverall(1);
        limiter.reserveOverall(2);
        long third = limiter.reserveOverall(42); // two seconds out
        assertThat(third - now).isEqualTo(2 * SECOND);
        assertThat(limiter.reserveInChat(42, false) - now).isEqualTo(3 * SECOND);
    }

    @Test
    void keepsTwentyMessagesAMinuteInAGroup() {
        SendLimiter limiter = limiter(new RateLimits(0, Duration.ZERO, 20));
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            slots.add(limiter.reserveInChat(-100, true) - now);
        }
        assertThat(slots.subList(0, 20)).containsOnly(0L);
        assertThat(slots.subList(20, 40)).containsOnly(60 * SECOND);
        assertThat(slots.subList(40, 45)).containsOnly(120 * SECOND);
        assertThat(limiter.reserveInChat(42, false) - now).isZero(); // a private chat is not held up by the group
    }

    @Test
    void aChatThatWasQuietSendsAtOnce() {
        SendLimiter limiter = limiter(RateLimits.TELEGRAM);
        limiter.reserveInChat(42, false);
        limiter.reserveOverall(42);
        now += 5 * SECOND;
        assertThat(limiter.reserveInChat(42, false)).isEqualTo(now);
        assertThat(limiter.reserveOverall(42)).isEqualTo(now);
    }

    @Test
    void noLimitsMeansNoWaiting() {
        SendLimiter limiter = limiter(RateLimits.NONE);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.reserveInChat(-100, true)).isEqualTo(now);
            assertThat(limiter.reserveOverall(-100)).isEqualTo(now);
        }
    }

    @Test
    void bulkMessagesWaitForTheSlotsRepliesBooked() {
        SendLimiter limiter = limiter(new RateLimits(10, Duration.ZERO, 0));
        limiter.reserveOverall(1);
        limiter.reserveOverall(2);
        limiter.reserveOverall(3); // replies hold the next three tenths of a second

        assertThat(limiter.bulkOpensAt() - now).isEqualTo(2 * SECOND / 10);
    }

    @Test
    void aPausedChatWaitsWhileOthersDoNot() {
        SendLimiter limiter = limiter(new RateLimits(30, Duration.ofSeconds(1), 20));
        limiter.pauseChat(42, Duration.ofSeconds(3));

        assertThat(limiter.reserveInChat(42, false) - now).isEqualTo(3 * SECOND);
        assertThat(limiter.reserveInChat(43, false)).isEqualTo(now);
    }

    @Test
    void aReplyOvertakesABurstOfBulkMessages() throws Exception {
        SendLimiter limiter = new SendLimiter(new RateLimits(10, Duration.ZERO, 0), System::nanoTime, Sleeper.REAL);
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(21);
        try {
            for (int chat = 0; chat < 20; chat++) {
                long id = chat;
                senders.submit(() -> {
                    limiter.acquire(id, false, SendLimiter.Pace.BULK);
                    order.add("bulk");
                    return null;
                });
            }
            Thread.sleep(200); // twenty reminders queued: two seconds of slots at ten a second
            senders.submit(() -> {
                limiter.acquire(99, false, SendLimiter.Pace.REPLY);
                order.add("reply");
                return null;
            }).get(5, java.util.concurrent.TimeUnit.SECONDS);
            senders.shutdown();
            assertThat(senders.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            senders.shutdownNow();
        }
        // Behind the bulk messages the reply would have come last; it waits at most for the one booked.
        assertThat(order).hasSize(21);
        assertThat(order.indexOf("reply")).isLessThan(10);
    }

    /** A budget shared with other instances, as a test sees it: what was asked, and tokens it hands out. */
    private static final class CountingBudget implements dev.mentor.platforms.SendBudget {
        final List<String> asked = new ArrayList<>();
        int tokens = 1;

        @Override
        public void take() {
            asked.add("take");
            tokens--;
        }

        @Override
        public boolean tryTake(int leaving) {
            asked.add("try leaving " + leaving);
            if (tokens <= leaving) {
                tokens++; // time passes: the bucket refills
                return false;
            }
            tokens--;
            return true;
        }
    }

    @Test
    void withASharedBudgetRepliesTakeTheirTurnAndBulkMessagesLeaveRoomForThem() throws Exception {
        CountingBudget budget = new CountingBudget();
        SendLimiter limiter = new SendLimiter(RateLimits.TELEGRAM, () -> now, duration -> now += duration.toNanos(), budget);

        limiter.acquire(1, false, SendLimiter.Pace.REPLY);
        long firstToChatOne = now;
        limiter.acquire(2, false, SendLimiter.Pace.BULK);

        assertThat(budget.asked).containsExactly("take", "try leaving 1", "try leaving 1", "try leaving 1");
        // Each chat's own pacing stays here: a second message to chat 1 still waits its second.
        limiter.acquire(1, false, SendLimiter.Pace.REPLY);
        assertThat(now - firstToChatOne).isGreaterThanOrEqualTo(SECOND);
    }
}
