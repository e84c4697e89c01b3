package dev.mentor.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** Times that come back every week on a day at a local time (reminders, digests). */
public final class WeeklyTimes {

    private WeeklyTimes() {
    }

    /**
     * The latest time at or before {@code now} that was {@code day} at {@code time} in {@code zone}; a time
     * that fell in a spring-forward gap is the instant just after it, as {@link ZonedDateTime} resolves it.
     */
    public static Instant previous(ZoneId zone, DayOfWeek day, LocalTime time, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.with(TemporalAdjusters.previousOrSame(day)).with(time);
        if (candidate.isAfter(local)) {
            candidate = candidate.minusWeeks(1).with(time);
        }
        return candidate.toInstant();
    }

    /** The ISO week of a local date, as "2026-W48". */
    public static String isoWeek(LocalDate date) {
        return "%d-W%02d".formatted(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
