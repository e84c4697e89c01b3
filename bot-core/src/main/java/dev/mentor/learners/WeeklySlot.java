package dev.mentor.learners;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A day of the week and a span of local times on it, inclusive, as the learners table stores them
 * ({@code LocalTime} text, which sorts like the times): what a span of instants covers in one zone.
 */
record WeeklySlot(DayOfWeek day, String fromTime, String toTime) {

    private static final String START_OF_DAY = "00:00";
    /** After every stored time of day. */
    private static final String END_OF_DAY = "24";

    /** The slots the instants from {@code from} to {@code to} pass through in this zone, one per day at most. */
    static List<WeeklySlot> covering(Instant from, Instant to, ZoneId zone) {
        if (to.isBefore(from)) {
            return List.of();
        }
        Map<DayOfWeek, WeeklySlot> slots = new EnumMap<>(DayOfWeek.class);
        if (Duration.between(from, to).compareTo(Duration.ofDays(6)) >= 0) {
            for (DayOfWeek day : DayOfWeek.values()) {
                slots.put(day, new WeeklySlot(day, START_OF_DAY, END_OF_DAY));
            }
            return List.copyOf(slots.values());
        }
        LocalDateTime start = LocalDateTime.ofInstant(from, zone).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime end = LocalDateTime.ofInstant(to, zone).truncatedTo(ChronoUnit.SECONDS);
        for (LocalDate date = start.toLocalDate(); !date.isAfter(end.toLocalDate()); date = date.plusDays(1)) {
            String lower = date.equals(start.toLocalDate()) ? text(start.toLocalTime()) : START_OF_DAY;
            String upper = date.equals(end.toLocalDate()) ? text(end.toLocalTime()) : END_OF_DAY;
            DayOfWeek day = date.getDayOfWeek();
            // The same weekday twice (a span of more than six days' local dates): the whole day.
            slots.merge(day, new WeeklySlot(day, lower, upper), (a, b) -> new WeeklySlot(day, START_OF_DAY, END_OF_DAY));
        }
        return new ArrayList<>(slots.values());
    }

    private static String text(LocalTime time) {
        return time.toString();
    }
}
