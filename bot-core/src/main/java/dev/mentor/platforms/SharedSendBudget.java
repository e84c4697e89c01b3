package dev.mentor.platforms;

import dev.mentor.storage.Database;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;

/**
 * A send budget in PostgreSQL, through Bucket4j's token bucket (one row, locked for each take), so
 * instances on one database share it: a burst of {@link #BURST} at most, refilled at {@code perSecond}.
 */
public final class SharedSendBudget implements SendBudget {

    /** Messages that may go at once before the rate holds: small, so instances never jointly burst far past it. */
    static final int BURST = 5;

    private final BucketProxy bucket;

    /**
     * @param bucketId one per bot, the same on every instance
     * @param perSecond messages a second over all instances
     */
    public SharedSendBudget(Database database, long bucketId, int perSecond) {
        if (!database.settings().isPostgres()) {
            throw new IllegalArgumentException("a shared send budget needs PostgreSQL; one instance paces itself");
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(Math.min(BURST, perSecond))
                        .refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
        this.bucket = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(database.dataSource())
                .table("send_budgets")
                .build()
                .builder()
                .build(bucketId, () -> configuration);
    }

    @Override
    public void take() throws InterruptedException {
        bucket.asBlocking().consume(1);
    }

    @Override
    public boolean tryTake(int leaving) {
        if (bucket.getAvailableTokens() <= leaving) {
            return false;
        }
        return bucket.tryConsume(1);
    }
}
