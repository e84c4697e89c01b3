package dev.mentor.discord;

import discord4j.rest.request.GlobalRateLimiter;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * For interaction responses only: Discord does not count them against a bot's global limit of 50
 * requests per second, which Discord4J otherwise applies to every request. Per-route limits still
 * apply (Discord4J keeps them from each response's headers).
 */
final class NoGlobalRateLimit implements GlobalRateLimiter {

    @Override
    public Mono<Void> rateLimitFor(Duration duration) {
        return Mono.empty();
    }

    @Override
    public Mono<Duration> getRemaining() {
        return Mono.just(Duration.ZERO);
    }

    @Override
    public <T> Flux<T> withLimiter(Publisher<T> stage) {
        return Flux.from(stage);
    }
}
