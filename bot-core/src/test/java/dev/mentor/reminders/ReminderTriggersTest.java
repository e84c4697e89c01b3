package dev.mentor.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.learners.Learner;
import dev.mentor.learners.ReminderState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.quartz.Trigger;

/** The weekly trigger Quartz fires, checked against daylight-saving changes in two zones. */
class ReminderTriggersTest {

    static Learner learner(ZoneId zone, DayOfWeek day, LocalTime time, ReminderState state, LocalDate pausedUntil) {
        return new Learner("learner-1", "console", "ada", "Ada", zone, 1, LocalDate.parse("2026-01-05"), day, time, state,
                pausedUntil, null, Instant.parse("2026-01-05T08:00:00Z"));
    }

    /** Fire times of the trigger from {@code from}, as Quartz computes them. */
    private static List<ZonedDateTime> fireTimes(Trigger trigger, ZoneId zone, Instant from, int count) {
        List<ZonedDateTime> times = new ArrayList<>();
        Date next = Date.from(from);
        for (int i = 0; i < count; i++) {
            next = trigger.getFireTimeAfter(next);
            times.add(next.toInstant().atZone(zone));
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
        Trigger trigger = ReminderTriggers.weekly(learner(zone, DayOfWeek.MONDAY, LocalTime.of(9, 0), ReminderState.ON, null))
                .orElseThrow();
        // A trigger starts when it is built; start this one earlier to see this year's transitions.
        trigger = trigger.getTriggerBuilder().startAt(Date.from(LocalDate.parse(before).atStartOfDay(zone).toInstant())).build();

        List<ZonedDateTime> fires = fireTimes(trigger, zone, LocalDate.parse(before).atStartOfDay(zone).toInstant(), 5);

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

    @Test
    void aPausedReminderStartsAgainOnTheDayThePauseEnds() {
        ZoneId zone = ZoneId.of("America/New_York");
        Learner paused = learner(zone, DayOfWeek.MONDAY, LocalTime.of(9, 0), ReminderState.PAUSED, LocalDate.parse("2026-12-01"));

        Trigger trigger = ReminderTriggers.weekly(paused).orElseThrow();

        ZonedDateTime first = fireTimes(trigger, zone, Instant.parse("2026-11-20T00:00:00Z"), 1).getFirst();
        assertThat(first.toLocalDate()).isEqualTo(LocalDate.parse("2026-12-07"));
        assertThat(first.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void remindersSwitchedOffHaveNoTrigger() {
        assertThat(ReminderTriggers.weekly(learner(ZoneId.of("UTC"), DayOfWeek.FRIDAY, LocalTime.of(18, 30),
                ReminderState.OFF, null))).isEmpty();
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
