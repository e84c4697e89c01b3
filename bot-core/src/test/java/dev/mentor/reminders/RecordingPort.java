package dev.mentor.reminders;

import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import dev.mentor.platforms.DeliveryException;
import dev.mentor.chat.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A platform for tests: records what it accepted, and fails as told. */
final class RecordingPort implements DeliveryPort {

    /** What the platform does with one message. */
    enum Behaviour { ACCEPT, FAIL_FOR_NOW, REFUSE_FOREVER }

    record Delivery(Recipient recipient, Reply reply) {
    }

    final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    private final Map<String, AtomicInteger> attemptsByUser = new ConcurrentHashMap<>();
    private volatile java.util.function.IntFunction<Behaviour> behaviour = attempt -> Behaviour.ACCEPT;
    private volatile Duration slowness = Duration.ZERO;
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean holding;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Holds every message until {@link #release()}: a platform that takes its time to answer. */
    RecordingPort held() {
        this.holding = true;
        return this;
    }

    void release() {
        released.countDown();
    }

    /** Messages handed to the platform and not yet answered. */
    int inFlight() {
        return inFlight.get();
    }

    /** Takes this long to accept each message, like a platform far away. */
    RecordingPort slow(Duration perMessage) {
        this.slowness = perMessage;
        return this;
    }

    /** Decides each attempt's fate from its number (1-based, across all recipients). */
    RecordingPort behaving(java.util.function.IntFunction<Behaviour> rule) {
        this.behaviour = rule;
        return this;
    }

    @Override
    public void deliver(Recipient recipient, Reply reply) throws DeliveryException {
        int attempt = attempts.incrementAndGet();
        inFlight.incrementAndGet();
        try {
            answer(recipient, reply, attempt);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(Recipient recipient, Reply reply, int attempt) throws DeliveryException {
        if (holding) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryException.transientFailure("interrupted", e);
            }
        }
        if (!slowness.isZero()) {
            try {
                Thread.sleep(slowness.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryException.transientFailure("interrupted", e);
            }
        }
        attemptsByUser.computeIfAbsent(recipient.platformUserId(), u -> new AtomicInteger()).incrementAndGet();
        switch (behaviour.apply(attempt)) {
            case ACCEPT -> delivered.add(new Delivery(recipient, reply));
            case FAIL_FOR_NOW -> throw DeliveryException.transientFailure("HTTP 502 from the platform", null);
            case REFUSE_FOREVER -> throw DeliveryException.permanentFailure("HTTP 403: the user blocked the bot");
        }
    }

    List<String> deliveredTo() {
        List<String> users = new ArrayList<>();
        delivered.forEach(d -> users.add(d.recipient().platformUserId()));
        return users;
    }

    int attemptsFor(String user) {
        AtomicInteger count = attemptsByUser.get(user);
        return count == null ? 0 : count.get();
    }

    /** Waits for a condition that background threads make true; fails the test after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
