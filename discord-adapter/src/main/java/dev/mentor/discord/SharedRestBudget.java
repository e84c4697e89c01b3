package dev.mentor.discord;

import dev.mentor.platforms.SendBudget;
import discord4j.rest.request.GlobalRateLimiter;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Discord's global limit (50 requests a second per bot) kept across every instance: each request
 * takes one from the bot's shared {@link SendBudget} first. A global 429 that Discord answers one
 * instance pauses that instance's requests for the time Discord gives; the others learn of it from
 * their own 429s, which the shared budget makes rare.
 */
final class SharedRestBudget implements GlobalRateLimiter {

    private final SendBudget budget;
    private volatile long pausedUntilNanos = System.nanoTime();

    SharedRestBudget(SendBudget budget) {
        this.budget = budget;
    }

    @Override
    public Mono<Void> rateLimitFor(Duration duration) {
        return Mono.fromRunnable(() -> {
            long until = System.nanoTime() + duration.toNanos();
            synchronized (this) {
                if (until - pausedUntilNanos > 0) {
                    pausedUntilNanos = until;
                }
            }
        });
    }

    @Override
    public Mono<Duration> getRemaining() {
        return Mono.fromSupplier(this::pause);
    }

    @Override
    public <T> Flux<T> withLimiter(Publisher<T> stage) {
        // The shared budget waits on the database: off Reactor's event loops, on threads meant to block.
        Mono<Void> turn = Mono.defer(() -> {
                    Duration pause = pause();
                    return pause.isZero() ? Mono.<Void>empty() : Mono.delay(pause).then();
                })
                .then(Mono.<Void>fromCallable(() -> {
                    budget.take();
                    return null;
                }).subscribeOn(Schedulers.boundedElastic()));
        return turn.thenMany(stage);
    }

    private Duration pause() {
        long left = pausedUntilNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }
}
