package dev.mentor.conversation;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A day of the week and a time of day, as typed after {@code /remind} or {@code /digest} ("mon 09:00"). */
record WeeklyTime(DayOfWeek day, LocalTime time) {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?");

    /** The parsed words, or what is wrong with them (markup, ending with a space for the usage line). */
    record Parsed(Optional<WeeklyTime> value, String problem) {
    }

    /**
     * Reads a day and a time from exactly two words.
     *
     * @param exampleTime shown with "09:00 or 18:30"-style advice when the time is wrong
     */
    static Parsed parse(String[] words, String exampleTime) {
        Optional<DayOfWeek> day = day(words[0].toLowerCase(Locale.ROOT));
        Optional<LocalTime> time = words.length == 2 ? time(words[1]) : Optional.empty();
        if (day.isPresent() && time.isPresent()) {
            return new Parsed(Optional.of(new WeeklyTime(day.get(), time.get())), "");
        }
        String problem = day.isEmpty() ? Markup.bold(words[0]) + " is not a day of the week. "
                : words.length != 2 ? "Give a day and a time. "
                : Markup.bold(words[1]) + " is not a time like " + exampleTime + " or 18:30. ";
        return new Parsed(Optional.empty(), problem);
    }

    static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** A day by its English name or any unambiguous start of it ("mon", "tu", "thurs"). */
    private static Optional<DayOfWeek> day(String word) {
        if (word.length() < 2) {
            return Optional.empty();
        }
        List<DayOfWeek> matches = Arrays.stream(DayOfWeek.values())
                .filter(day -> dayName(day).toLowerCase(Locale.ROOT).startsWith(word))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    private static Optional<LocalTime> time(String word) {
        Matcher matcher = TIME.matcher(word);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(matcher.group(1));
        int minute = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        return hour < 24 && minute < 60 ? Optional.of(LocalTime.of(hour, minute)) : Optional.empty();
    }
}
