package dev.mentor.app;

import dev.mentor.scheduling.WeeklyTimes;
import dev.mentor.chat.Counts;
import dev.mentor.chat.ZoneNames;
import dev.mentor.learners.Learner;
import dev.mentor.platforms.DeliveryException;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.reminders.ReminderScheduler;
import dev.mentor.reminders.ScheduledReminder;
import dev.mentor.storage.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mentor reminders}: what Quartz would fire, built from the database as a starting mentor builds it,
 * filtered and paged, with the state of each learner's reminder this week.
 */
@Command(name = "reminders", mixinStandardHelpOptions = true,
        description = {"List scheduled reminders with their next fire time in UTC and in the learner's zone, and "
                + "the delivery state of the learner's reminder this week (sent, late, sending, failed, none).",
                "Reads the database (MENTOR_DB_URL); sends nothing."})
final class RemindersCommand implements Callable<Integer> {

    static final List<String> PLATFORMS = List.of("console", "telegram", "discord");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--platform", paramLabel = "NAME", description = "Only this platform's learners: ${COMPLETION-CANDIDATES}.")
    Platform platform;

    @Option(names = "--learner", paramLabel = "ID", description = "Only this learner: their platform user id or learner id.")
    String learner;

    @Option(names = "--due-before", paramLabel = "INSTANT_OR_DATE", converter = InstantOrDate.class,
            description = "Only reminders next due before this: an ISO date (2026-03-02, its start in UTC) or date-time "
                    + "(2026-03-02T09:00Z, 2026-03-02T09:00+01:00; without an offset, UTC).")
    Instant dueBefore;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Show at most N (default ${DEFAULT-VALUE}; 0 for all).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N matching (default ${DEFAULT-VALUE}).")
    int offset;

    enum Platform { console, telegram, discord }

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 (all) or more, not " + limit);
        }
        if (offset < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--offset must be 0 or more, not " + offset);
        }
        if (learner != null && learner.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--learner needs a platform user id or learner id");
        }
        PrintWriter out = spec.commandLine().getOut();
        Settings settings = parent.settings();
        List<String> platforms = platform == null ? PLATFORMS : List.of(platform.name());
        // Listing only: the scheduler is never started, so nothing is delivered through these.
        DeliveryPort listingOnly = (recipient, reply) -> {
            throw DeliveryException.transientFailure("listing only", null);
        };
        Map<String, DeliveryPort> ports = platforms.stream().collect(Collectors.toMap(p -> p, p -> listingOnly));
        Mentor mentor = new Mentor();
        try (Mentor.Journey journey = mentor.openJourney(settings, ports, settings.defaultTimeZone(), Clock.systemUTC())) {
            ReminderScheduler scheduler = journey.reminders();
            // Worked out from the database a page at a time: a million learners list without loading at once.
            ReminderScheduler.Upcoming upcoming = scheduler.upcoming(this::matches, offset, limit);
            List<ScheduledReminder> shown = upcoming.page();
            int matching = upcoming.matched();
            Instant now = Clock.systemUTC().instant();
            String format = "%-20s  %-20s  %-24s  %-7s  %-14s  %s%n";
            out.printf(format, "NEXT (UTC)", "NEXT (LOCAL)", "ZONE", "KIND", "THIS WEEK", "LEARNER");
            shown.forEach(r -> out.printf(format,
                    UTC.format(r.nextFire().atZone(java.time.ZoneOffset.UTC)),
                    LOCAL.format(r.nextFire().atZone(r.learner().zone())),
                    ZoneNames.display(r.learner().zone()),
                    r.kind().name().toLowerCase(Locale.ROOT),
                    thisWeek(journey.database(), r.learner(), now),
                    r.learner().platform() + ":" + r.learner().platformUserId() + " (" + oneLine(r.learner().displayName()) + ")"));
            boolean filtered = learner != null || dueBefore != null;
            String paging = "";
            if (shown.size() < matching) {
                paging = shown.isEmpty()
                        ? " (none shown past --offset " + offset + ")"
                        : " (" + (offset + 1) + "-" + (offset + shown.size()) + " shown"
                        + (offset + shown.size() < matching ? "; next page: --offset " + (offset + shown.size()) : "")
                        + ")";
            }
            String matched = filtered ? ", " + matching + " matching" : "";
            out.printf("%d scheduled%s%s; %s in all.%n", upcoming.all(), matched, paging,
                    Counts.of(journey.learners().count(), "learner"));
        }
        return 0;
    }

    private boolean matches(ScheduledReminder reminder) {
        if (learner != null) {
            String wanted = learner.strip();
            Learner l = reminder.learner();
            if (!wanted.equals(l.id()) && !wanted.equals(l.platformUserId())
                    && !wanted.equals(l.platform() + ":" + l.platformUserId())) {
                return false;
            }
        }
        return dueBefore == null || reminder.nextFire().isBefore(dueBefore);
    }

    /**
     * The learner's weekly reminder this (local ISO) week: {@code sent}, {@code late} (sent late), with
     * {@code ?} when its send may not have arrived; {@code sending} while claimed; {@code failed} when it
     * was due and is not sent (a retry may still be pending); {@code none} when it is not due yet.
     */
    static String thisWeek(Database database, Learner learner, Instant now) {
        LocalDate today = now.atZone(learner.zone()).toLocalDate();
        String key = WeeklyTimes.isoWeek(today);
        Optional<String> recorded = database.read(handle -> handle.createQuery("select state, late, uncertain "
                        + "from reminder_deliveries where learner_id = :learner and delivery_key = :key")
                .bind("learner", learner.id())
                .bind("key", key)
                .map((rs, ctx) -> "sending".equals(rs.getString("state")) ? "sending"
                        : (rs.getInt("late") == 1 ? "late" : "sent") + (rs.getInt("uncertain") == 1 ? " ?" : ""))
                .findOne());
        if (recorded.isPresent()) {
            return recorded.get();
        }
        LocalDate reminderDay = today.with(ChronoField.DAY_OF_WEEK, learner.reminderDay().getValue());
        Instant due = ZonedDateTime.of(reminderDay, learner.reminderTime(), learner.zone()).toInstant();
        return due.isAfter(now) ? "none" : "failed";
    }

    /** An ISO date (its start in UTC) or date-time, with an offset or in UTC. */
    static final class InstantOrDate implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String text = value.strip();
            try {
                if (text.length() == 10) {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
                        LocalDateTime::from);
                return parsed instanceof OffsetDateTime offsetTime ? offsetTime.toInstant()
                        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither an ISO date (2026-03-02) "
                        + "nor an ISO date-time (2026-03-02T09:00Z)");
            }
        }
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", " ");
        return flat.length() > 40 ? flat.substring(0, 40) + "…" : flat;
    }
}
