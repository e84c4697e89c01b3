package dev.mentor.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WeeklyTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void namesIsoWeeksAcrossTheTurnOfTheYear() {
        assertThat(WeeklyTimes.isoWeek(LocalDate.parse("2026-11-23"))).isEqualTo("2026-W48");
        assertThat(WeeklyTimes.isoWeek(LocalDate.parse("2027-01-01"))).isEqualTo("2026-W53");
        assertThat(WeeklyTimes.isoWeek(LocalDate.parse("2027-01-04"))).isEqualTo("2027-W01");
    }

    @Test
    void thePreviousWeeklyTimeIsNowWhenDueNowElseTheLastOneBefore() {
        // Monday 30 November 2026, 09:00 in Berlin is 08:00 UTC.
        Instant due = Instant.parse("2026-11-30T08:00:00Z");
        LocalTime nine = LocalTime.of(9, 0);

        assertThat(WeeklyTimes.previous(BERLIN, DayOfWeek.MONDAY, nine, due)).isEqualTo(due);
        assertThat(WeeklyTimes.previous(BERLIN, DayOfWeek.MONDAY, nine, due.minusSeconds(1)))
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(WeeklyTimes.previous(BERLIN, DayOfWeek.MONDAY, nine, Instant.parse("2026-12-02T12:00:00Z")))
                .isEqualTo(due);
    }

    @Test
    void aTimeInTheSpringForwardGapIsTheInstantJustAfterIt() {
        // Sunday 29 March 2026: Berlin's clocks go from 02:00 to 03:00, so 02:30 does not exist.
        Instant after = Instant.parse("2026-03-29T12:00:00Z");

        assertThat(WeeklyTimes.previous(BERLIN, DayOfWeek.SUNDAY, LocalTime.of(2, 30), after))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }
}
