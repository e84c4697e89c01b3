package dev.mentor.learners;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * One learner on one platform, with their place in the roadmap and their reminder settings.
 *
 * @param pausedUntil  the first local date reminders resume, when {@code reminderState} is PAUSED
 * @param snoozedUntil when a snoozed reminder is due again, if one is
 */
public record Learner(
        String id,
        String platform,
        String platformUserId,
        String displayName,
        @ColumnName("time_zone") ZoneId zone,
        int currentWeek,
        LocalDate startDate,
        DayOfWeek reminderDay,
        LocalTime reminderTime,
        ReminderState reminderState,
        LocalDate pausedUntil,
        Instant snoozedUntil,
        Instant enrolledAt) {

    public static final DayOfWeek DEFAULT_REMINDER_DAY = DayOfWeek.MONDAY;
    public static final LocalTime DEFAULT_REMINDER_TIME = LocalTime.of(9, 0);

    public Optional<LocalDate> pausedUntilDate() {
        return Optional.ofNullable(pausedUntil);
    }

    public Optional<Instant> snoozed() {
        return Optional.ofNullable(snoozedUntil);
    }

    /** When the snoozed reminder comes again: only while reminders are on, never when off or paused. */
    public Optional<Instant> activeSnooze() {
        return reminderState == ReminderState.ON ? snoozed() : Optional.empty();
    }

    /** Whether the weekly reminder is due to go out on the given local date. */
    public boolean remindsOn(LocalDate localDate) {
        return switch (reminderState) {
            case ON -> true;
            case OFF -> false;
            case PAUSED -> pausedUntil != null && !localDate.isBefore(pausedUntil);
        };
    }

    /**
     * When the weekly reminder is next due at or after {@code now}, counting a pause; none when
     * reminders are off. (Whether that week's reminder already went out is for {@link Learners} to say.)
     */
    public Optional<ZonedDateTime> nextWeeklyReminder(Instant now) {
        if (reminderState == ReminderState.OFF) {
            return Optional.empty();
        }
        Instant notBefore = now;
        if (reminderState == ReminderState.PAUSED && pausedUntil != null) {
            Instant pauseEnds = pausedUntil.atStartOfDay(zone).toInstant();
            notBefore = pauseEnds.isAfter(now) ? pauseEnds : now;
        }
        return Optional.of(firstWeeklyAtOrAfter(notBefore));
    }

    /**
     * The first time at or after {@code notBefore} on the learner's day at their local time. A week whose
     * time falls in a spring-forward gap has it just after the gap (as java.time resolves it); a time
     * repeated when clocks go back is the first of the two. The reminder triggers are made from this.
     */
    public ZonedDateTime firstWeeklyAtOrAfter(Instant notBefore) {
        LocalDate date = notBefore.atZone(zone).toLocalDate().with(TemporalAdjusters.nextOrSame(reminderDay));
        while (true) {
            ZonedDateTime candidate = ZonedDateTime.of(date, reminderTime, zone);
            if (!candidate.toInstant().isBefore(notBefore)) {
                return candidate;
            }
            date = date.plusWeeks(1);
        }
    }

    public Learner withWeek(int week) {
        return new Learner(id, platform, platformUserId, displayName, zone, week, startDate, reminderDay, reminderTime,
                reminderState, pausedUntil, snoozedUntil, enrolledAt);
    }

    public Learner withZone(ZoneId newZone) {
        return new Learner(id, platform, platformUserId, displayName, newZone, currentWeek, startDate, reminderDay,
                reminderTime, reminderState, pausedUntil, snoozedUntil, enrolledAt);
    }

    public Learner withReminder(DayOfWeek day, LocalTime time) {
        return new Learner(id, platform, platformUserId, displayName, zone, currentWeek, startDate, day, time,
                ReminderState.ON, null, snoozedUntil, enrolledAt);
    }

    /** Switching reminders off or pausing them drops a pending snooze too: it is one of those reminders. */
    public Learner withReminderState(ReminderState state, LocalDate until) {
        return new Learner(id, platform, platformUserId, displayName, zone, currentWeek, startDate, reminderDay,
                reminderTime, state, state == ReminderState.PAUSED ? until : null,
                state == ReminderState.ON ? snoozedUntil : null, enrolledAt);
    }

    public Learner withSnoozedUntil(Instant until) {
        return new Learner(id, platform, platformUserId, displayName, zone, currentWeek, startDate, reminderDay,
                reminderTime, reminderState, pausedUntil, until, enrolledAt);
    }
}
