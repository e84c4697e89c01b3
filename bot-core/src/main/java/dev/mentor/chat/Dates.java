package dev.mentor.chat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Dates, times and zones as every reply shows them: "Wed 16 Dec", "Wed 16 Dec, 09:00", "09:00",
 * "(Europe/Berlin)", "(UTC)". The results are neutral markup: dates and times need no escaping,
 * zone names come escaped.
 */
public final class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private Dates() {
    }

    /** "Wed 16 Dec". */
    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** "09:00". */
    public static String time(LocalTime time) {
        return TIME.format(time);
    }

    /** "Wed 16 Dec, 09:00", in the time's own zone. */
    public static String dayAndTime(ZonedDateTime time) {
        return day(time.toLocalDate()) + ", " + time(time.toLocalTime());
    }

    /** "Wed 16 Dec, 09:00 (Europe/Berlin)". */
    public static String dayAndTimeInZone(ZonedDateTime time) {
        return dayAndTime(time) + " (" + zone(time.getZone()) + ")";
    }

    /** "Monday". */
    public static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** "every Monday at 09:00 (Europe/Berlin)". */
    public static String weekly(DayOfWeek day, LocalTime time, ZoneId zone) {
        return "every " + dayName(day) + " at " + time(time) + " (" + zone(zone) + ")";
    }

    /** "It's 14:05 on Wed 16 Dec there": lets a learner check the zone they chose against their clock. */
    public static String localNow(ZonedDateTime now) {
        return "It's " + time(now.toLocalTime()) + " on " + day(now.toLocalDate()) + " there";
    }

    /** A zone's short readable name, escaped: "UTC" for every spelling of UTC, "UTC+05:30", or the IANA id. */
    public static String zone(ZoneId zone) {
        return Markup.escape(ZoneNames.display(zone));
    }
}
