package dev.mentor.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.learners.Learner;
import dev.mentor.learners.ReminderState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.Trigger;

/** The weekly reminder's times, checked against daylight-saving changes in several zones. */
class ReminderTriggersTest {

    static Learner learner(ZoneId zone, DayOfWeek day, LocalTime time, ReminderState state, LocalDate pausedUntil) {
        return new Learner("learner-1", "console", "ada", "Ada", zone, 1, LocalDate.parse("2026-01-05"), day, time, state,
                pausedUntil, null, Instant.parse("2026-01-05T08:00:00Z"));
    }

    /** The learner's weekly times after {@code from}, each found from the one before, as the horizon finds them. */
    private static List<ZonedDateTime> fireTimes(Learner learner, Instant from, int count) {
        List<ZonedDateTime> times = new ArrayList<>();
        Instant next = from;
        for (int i = 0; i < count; i++) {
            next = ReminderTriggers.nextWeekly(learner, next).orElseThrow();
            times.add(next.atZone(learner.zone()));
        }
        return times;
    }

    @ParameterizedTest(name = "{0} around {1}")
    @CsvSource({
            // zone, a date a couple of weeks before a transition
            "Europe/Berlin, 2026-03-16",     // summer time starts Sunday 29 March
            "Europe/Berlin, 2026-10-12",     // and ends Sunday 25 October
            "America/New_York, 2026-02-23",  // daylight time starts Sunday 8 March
            "America/New_York, 2026-10-19"   // and ends Sunday 1 November
    })
    void aMondayNineOClockReminderFiresAtNineLocalOnBothSidesOfATransition(String zoneId, String before) {
        ZoneId zone = ZoneId.of(zoneId);
        // Scheduled as if it were the start of that day, to see this year's transitions.
        Learner learner = learner(zone, DayOfWeek.MONDAY, LocalTime.of(9, 0), ReminderState.ON, null);

        List<ZonedDateTime> fires = fireTimes(learner, LocalDate.parse(before).atStartOfDay(zone).toInstant(), 5);

        assertThat(fires).allSatisfy(fire -> {
            assertThat(fire.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(fire.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        });
        // The offset changed between the first and the last fire, so one gap was 167 or 169 hours.
        assertThat(fires.getFirst().getOffset()).isNotEqualTo(fires.getLast().getOffset());
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < fires.size(); i++) {
            gaps.add(Duration.between(fires.get(i - 1), fires.get(i)));
        }
        assertThat(gaps).containsAnyOf(Duration.ofHours(167), Duration.ofHours(169));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"})
    void aReminderKeepsItsLocalDayAndTimeForYears(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Learner learner = learner(zone, DayOfWeek.THURSDAY, LocalTime.of(18, 45), ReminderState.ON, null);

        List<ZonedDateTime> fires = fireTimes(learner, from, 52 * 12);

        assertThat(fires).allSatisfy(fire -> {
            assertThat(fire.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
            assertThat(fire.toLocalTime()).isEqualTo(LocalTime.of(18, 45));
        });
        for (int i = 1; i < fires.size(); i++) {
            assertThat(fires.get(i).toLocalDate()).isEqualTo(fires.get(i - 1).toLocalDate().plusWeeks(1));
        }
        assertThat(fires.getLast().getYear()).isEqualTo(2037);
    }

    @Test
    void aWeekWhoseTimeFallsInASpringForwardGapFiresJustAfterItAndTheNextWeekAtTheUsualTime() {
        ZoneId zone = ZoneId.of("Europe/Berlin"); // 02:00 became 03:00 on Sunday 29 March 2026
        Instant from = Instant.parse("2026-03-16T00:00:00Z");
        Learner learner = learner(zone, DayOfWeek.SUNDAY, LocalTime.of(2, 30), ReminderState.ON, null);

        assertThat(fireTimes(learner, from, 4)).extracting(ZonedDateTime::toLocalDateTime).containsExactly(
                LocalDateTime.parse("2026-03-22T02:30"), LocalDateTime.parse("2026-03-29T03:30"),
                LocalDateTime.parse("2026-04-05T02:30"), LocalDateTime.parse("2026-04-12T02:30"));
    }

    @Test
    void aReminderScheduledJustBeforeItsGapWeekGoesOutJustAfterTheGapThenAtItsUsualTime() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Instant from = Instant.parse("2026-03-28T12:00:00Z"); // the Saturday before the gap

        Learner learner = learner(zone, DayOfWeek.SUNDAY, LocalTime.of(2, 30), ReminderState.ON, null);

        assertThat(fireTimes(learner, from, 3)).extracting(ZonedDateTime::toLocalDateTime).containsExactly(
                LocalDateTime.parse("2026-03-29T03:30"), LocalDateTime.parse("2026-04-05T02:30"),
                LocalDateTime.parse("2026-04-12T02:30"));
    }

    @Test
    void aTimeRepeatedWhenClocksGoBackFiresOnce() {
        ZoneId zone = ZoneId.of("America/New_York"); // 01:00 to 02:00 came twice on Sunday 1 November 2026
        Instant from = Instant.parse("2026-10-20T00:00:00Z");
        Learner learner = learner(zone, DayOfWeek.SUNDAY, LocalTime.of(1, 30), ReminderState.ON, null);

        assertThat(fireTimes(learner, from, 3)).extracting(ZonedDateTime::toLocalDateTime).containsExactly(
                LocalDateTime.parse("2026-10-25T01:30"), LocalDateTime.parse("2026-11-01T01:30"),
                LocalDateTime.parse("2026-11-08T01:30"));
    }

    @Test
    void aPausedReminderStartsAgainOnTheDayThePauseEnds() {
        ZoneId zone = ZoneId.of("America/New_York");
        Learner paused = learner(zone, DayOfWeek.MONDAY, LocalTime.of(9, 0), ReminderState.PAUSED, LocalDate.parse("2026-12-01"));

        ZonedDateTime first = fireTimes(paused, Instant.parse("2026-11-20T00:00:00Z"), 1).getFirst();
        assertThat(first.toLocalDate()).isEqualTo(LocalDate.parse("2026-12-07"));
        assertThat(first.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void remindersSwitchedOffHaveNoTrigger() {
        assertThat(ReminderTriggers.nextWeekly(learner(ZoneId.of("UTC"), DayOfWeek.FRIDAY, LocalTime.of(18, 30),
                ReminderState.OFF, null), Instant.parse("2026-11-20T00:00:00Z"))).isEmpty();
    }

    @Test
    void theWeeklyTriggerFiresOnceAtItsTime() {
        Trigger trigger = ReminderTriggers.weekly("learner-1", Instant.parse("2026-11-23T08:00:00Z"));

        assertThat(trigger.getKey()).isEqualTo(ReminderTriggers.weeklyKey("learner-1"));
        assertThat(trigger.getFireTimeAfter(Date.from(Instant.parse("2026-11-20T00:00:00Z"))).toInstant())
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(trigger.getFireTimeAfter(Date.from(Instant.parse("2026-11-23T08:00:00Z")))).isNull();
    }

    @Test
    void aTimeThatPassedIsNextWeeks() {
        Learner berlin = learner(ZoneId.of("Europe/Berlin"), DayOfWeek.MONDAY, LocalTime.of(9, 0), ReminderState.ON, null);

        assertThat(ReminderTriggers.nextWeekly(berlin, Instant.parse("2026-11-23T08:00:00Z")))
                .contains(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(ReminderTriggers.nextWeekly(berlin, Instant.parse("2026-11-23T07:59:59Z")))
                .contains(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void theLastDueTimeIsFoundInTheLearnersZone() {
        Learner berlin = learner(ZoneId.of("Europe/Berlin"), DayOfWeek.MONDAY, LocalTime.of(9, 0), ReminderState.ON, null);

        // Monday 23 Nov 2026, 10:00 in Berlin (09:00 UTC): the reminder was due an hour ago
        assertThat(ReminderScheduler.previousWeekly(berlin, Instant.parse("2026-11-23T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        // Monday 07:00 UTC is 08:00 in Berlin: still last week's
        assertThat(ReminderScheduler.previousWeekly(berlin, Instant.parse("2026-11-23T07:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-16T08:00:00Z"));
    }
}
