package dev.mentor.conversation;

import dev.mentor.chat.Dates;
import dev.mentor.chat.Reply;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import java.text.ParsePosition;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A day of the week and a time of day, as typed after {@code /remind} or {@code /digest}:
 * "Monday 9am", "mon 09:00", "7:05 pm", "noon", or only a day or only a time, which keeps the
 * other half of the current setting.
 */
record WeeklyTime(DayOfWeek day, LocalTime time) {

    /**
     * 12- and 24-hour clocks, "noon" and "midnight". Strict, so "13pm" and "25:00" are refused; the
     * 12-hour section comes first, and when it does not fit ("21:30") the parser falls back to the next.
     */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .optionalStart()
            .appendValue(ChronoField.CLOCK_HOUR_OF_AMPM)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2).optionalEnd()
            .appendText(ChronoField.AMPM_OF_DAY, Map.of(0L, "am", 1L, "pm"))
            .optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2).optionalEnd()
            .optionalEnd()
            .optionalStart()
            .appendText(ChronoField.MINUTE_OF_DAY, Map.of(12 * 60L, "noon", 0L, "midnight"))
            .optionalEnd()
            .toFormatter(Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);

    /** "7:05 pm" and "7 p.m." are one word for the parser: "7:05pm", "7pm". */
    private static final Pattern SPLIT_AM_PM = Pattern.compile("(\\d)\\s*([ap])\\.?\\s?m\\b\\.?");
    /** Words between days and times ("mon and thu", "mon-fri", "mon, wed"). */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;&+/-]+");
    /** Words that read naturally around one day and time ("every monday at 9am") and mean nothing more. */
    private static final Set<String> FILLER = Set.of("at", "on", "every", "each", "and", "to", "till", "until",
            "through", "thru", "from", "@", "o'clock", "oclock");
    /** Words that ask for more than one day a week, with the day closest to what they mean (null: keep the day). */
    private static final Map<String, Optional<DayOfWeek>> SEVERAL_DAYS = Map.ofEntries(
            Map.entry("weekdays", Optional.of(DayOfWeek.MONDAY)), Map.entry("weekday", Optional.of(DayOfWeek.MONDAY)),
            Map.entry("workdays", Optional.of(DayOfWeek.MONDAY)), Map.entry("workday", Optional.of(DayOfWeek.MONDAY)),
            Map.entry("weekends", Optional.of(DayOfWeek.SATURDAY)),
            Map.entry("weekend", Optional.of(DayOfWeek.SATURDAY)),
            Map.entry("day", Optional.empty()), Map.entry("days", Optional.empty()),
            Map.entry("daily", Optional.empty()), Map.entry("everyday", Optional.empty()),
            Map.entry("night", Optional.empty()), Map.entry("nightly", Optional.empty()),
            Map.entry("morning", Optional.empty()), Map.entry("twice", Optional.empty()));
    private static final int MAX_WORDS = 8;

    /** What the words asked for. */
    sealed interface Reading permits Chosen, OneAWeek, Unreadable {
    }

    /** One day and time, the missing half taken from the current setting. */
    record Chosen(WeeklyTime when) implements Reading {
    }

    /** More than one day or time a week ("weekdays at 7pm"): the closest single choices, best first. */
    record OneAWeek(List<WeeklyTime> closest) implements Reading {
    }

    /** What is wrong with the words, in markup, naming the word. */
    record Unreadable(String problem) implements Reading {
    }

    /** Reads a day, a time or both, keeping the other half of {@code current}. */
    static Reading read(String text, WeeklyTime current) {
        String prepared = SPLIT_AM_PM.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll("$1$2m");
        List<String> words = Arrays.stream(SEPARATORS.split(prepared)).filter(w -> !w.isEmpty()).toList();
        if (words.size() > MAX_WORDS) {
            return new Unreadable("That's more than I can read as one day and time.");
        }
        Set<DayOfWeek> days = new LinkedHashSet<>();
        List<LocalTime> times = new ArrayList<>();
        List<Optional<DayOfWeek>> severalDays = new ArrayList<>();
        for (String word : words) {
            if (FILLER.contains(word)) {
                continue;
            }
            if (SEVERAL_DAYS.containsKey(word)) {
                severalDays.add(SEVERAL_DAYS.get(word));
                continue;
            }
            Optional<DayOfWeek> day = day(word);
            if (day.isPresent()) {
                days.add(day.get());
                continue;
            }
            if (!Character.isDigit(word.charAt(0)) && !word.equals("noon") && !word.equals("midnight")) {
                return new Unreadable(Markup.bold(word) + " is not a day of the week: write one like "
                        + Markup.code("monday") + " or " + Markup.code("mon") + ".");
            }
            try {
                times.add(TIME.parse(word, LocalTime::from));
            } catch (DateTimeParseException e) {
                return new Unreadable(Markup.bold(word) + " is not a time" + whatIsWrong(word) + ".");
            }
        }
        if (!severalDays.isEmpty() || days.size() > 1 || times.size() > 1) {
            LocalTime time = times.isEmpty() ? current.time() : times.getFirst();
            List<DayOfWeek> closest = new ArrayList<>(days);
            if (closest.isEmpty()) {
                closest.add(severalDays.getFirst().orElse(current.day()));
            }
            return new OneAWeek(closest.stream().map(day -> new WeeklyTime(day, time)).toList());
        }
        if (days.isEmpty() && times.isEmpty()) {
            return new Unreadable("Give a day, a time, or both.");
        }
        return new Chosen(new WeeklyTime(days.stream().findFirst().orElse(current.day()),
                times.isEmpty() ? current.time() : times.getFirst()));
    }

    /**
     * Why a word that starts like a time is none, from the fields the parser found before checking
     * their ranges: ", hours go from 0 to 23", or the generic advice.
     */
    private static String whatIsWrong(String word) {
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor raw = TIME.parseUnresolved(word, position);
        if (raw != null && position.getIndex() == word.length()) {
            if (raw.isSupported(ChronoField.CLOCK_HOUR_OF_AMPM)
                    && !ChronoField.CLOCK_HOUR_OF_AMPM.range().isValidValue(raw.getLong(ChronoField.CLOCK_HOUR_OF_AMPM))) {
                long hour = raw.getLong(ChronoField.CLOCK_HOUR_OF_AMPM);
                return ": with am or pm the hour goes from 1 to 12"
                        + (hour > 12 && hour < 24 ? " (" + Markup.code((hour - 12) + "pm") + " or "
                                + Markup.code(hour + ":00") + ")"
                        : hour == 0 ? " (midnight is " + Markup.code("12am") + " or " + Markup.code("00:00") + ")" : "");
            }
            if (raw.isSupported(ChronoField.HOUR_OF_DAY)
                    && !ChronoField.HOUR_OF_DAY.range().isValidValue(raw.getLong(ChronoField.HOUR_OF_DAY))) {
                return ": hours go from 0 to 23 (midnight is " + Markup.code("00:00") + ")";
            }
            if (raw.isSupported(ChronoField.MINUTE_OF_HOUR)
                    && !ChronoField.MINUTE_OF_HOUR.range().isValidValue(raw.getLong(ChronoField.MINUTE_OF_HOUR))) {
                return ": minutes go from 00 to 59";
            }
        }
        return " I can read: write it like " + Markup.code("9am") + ", " + Markup.code("7:05pm") + " or "
                + Markup.code("21:30");
    }

    /**
     * A day by its English name, a plural ("mondays"), or any unambiguous start of it ("mon", "tues",
     * "thurs"); the parser's own day names know only full names and three letters.
     */
    private static Optional<DayOfWeek> day(String word) {
        String singular = word.length() > 6 && word.endsWith("days") ? word.substring(0, word.length() - 1) : word;
        if (singular.length() < 2) {
            return Optional.empty();
        }
        List<DayOfWeek> matches = Arrays.stream(DayOfWeek.values())
                .filter(day -> Dates.dayName(day).toLowerCase(Locale.ROOT).startsWith(singular))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    /** What a learner would type for this setting: "mon 19:00". */
    String command() {
        return Dates.dayName(day).substring(0, 3).toLowerCase(Locale.ROOT) + " " + Dates.time(time);
    }

    /** "Monday 19:00". */
    String label() {
        return Dates.dayName(day) + " " + Dates.time(time);
    }

    /**
     * The kind reply to a request for more than one reminder (or digest) a week, with the closest
     * single settings as buttons.
     *
     * @param command "/remind" or "/digest"
     * @param what    "reminder" or "digest"
     */
    static Reply oneAWeek(OneAWeek reading, String command, String what) {
        List<Button> buttons = reading.closest().stream()
                .map(when -> new Button(when.label(), command + " " + when.command()))
                .toList();
        return new Reply("I send one " + what + " a week, on the day and at the time you choose, so that it "
                + "stays a nudge rather than noise. Pick the day that suits you best, for example "
                + Markup.code(buttons.getFirst().command()) + ".", List.of(buttons));
    }
}
