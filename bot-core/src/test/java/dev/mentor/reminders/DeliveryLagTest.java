package dev.mentor.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryLagTest {

    private static final Instant DUE = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aBurstOfLateRemindersIsOneWarningAMinuteWithItsCountAndWorstLag() {
        DeliveryLag lag = new DeliveryLag();
        Instant now = DUE.plus(Duration.ofMinutes(6));

        lag.sent(DUE, DUE.plusSeconds(30)); // on time enough
        assertThat(lag.behind()).isZero();
        assertThat(lag.warnings()).isZero();

        for (int i = 0; i < 100; i++) {
            lag.sent(DUE, now.plusMillis(i * 100L));
        }
        assertThat(lag.behind()).isEqualTo(100);
        assertThat(lag.warnings()).isEqualTo(1); // the first, at once
        assertThat(lag.unreported()).isEqualTo(99);

        lag.report(now.plusSeconds(59));
        assertThat(lag.warnings()).isEqualTo(1);
        lag.report(now.plusSeconds(60));
        assertThat(lag.warnings()).isEqualTo(2);
        assertThat(lag.unreported()).isZero();
        assertThat(lag.worst()).isEqualTo(Duration.ofMinutes(6).plusMillis(9_900));

        lag.report(now.plusSeconds(600)); // nothing new: no warning
        assertThat(lag.warnings()).isEqualTo(2);
    }
}
