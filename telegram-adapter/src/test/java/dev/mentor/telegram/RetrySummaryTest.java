package dev.mentor.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetrySummaryTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RetrySummary summary = new RetrySummary(nanos::get);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void countsRetriesByKindAndSummarisesOnceAMinuteWhileTheyHappen() {
        for (int i = 0; i < 50; i++) {
            summary.retried(RetrySummary.Kind.RATE_LIMITED);
            summary.retried(RetrySummary.Kind.SERVER_ERROR);
            advance(Duration.ofMillis(500));
        }
        summary.retried(RetrySummary.Kind.NETWORK);
        // 25 s of retries: no line yet.
        assertThat(summary.counts()).isEqualTo(new RetryCounts(50, 50, 1, 0));

        advance(Duration.ofSeconds(40));
        summary.retried(RetrySummary.Kind.NETWORK); // past the minute: the first one is summarised
        assertThat(summary.counts().summaries()).isEqualTo(1);

        advance(Duration.ofSeconds(30));
        summary.tick();
        assertThat(summary.counts().summaries()).isEqualTo(1);
        advance(Duration.ofSeconds(31));
        summary.tick(); // a call after the second minute reports its retry
        assertThat(summary.counts().summaries()).isEqualTo(2);

        advance(Duration.ofMinutes(5));
        summary.tick(); // nothing retried since: nothing to say
        summary.flush();
        assertThat(summary.counts()).isEqualTo(new RetryCounts(50, 50, 2, 2));
    }

    @Test
    void closingSummarisesWhatIsLeft() {
        summary.retried(RetrySummary.Kind.SERVER_ERROR);
        summary.flush();
        assertThat(summary.counts().summaries()).isEqualTo(1);
        assertThat(summary.counts().total()).isEqualTo(1);
    }
}
