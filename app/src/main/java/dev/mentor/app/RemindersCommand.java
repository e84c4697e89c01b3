package dev.mentor.app;

import dev.mentor.conversation.Counts;
import dev.mentor.conversation.ZoneNames;
import dev.mentor.reminders.DeliveryException;
import dev.mentor.reminders.DeliveryPort;
import dev.mentor.reminders.ReminderScheduler;
import dev.mentor.reminders.ScheduledReminder;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mentor reminders}: what Quartz would fire, built from the database as a starting mentor builds it. */
@Command(name = "reminders", mixinStandardHelpOptions = true,
        description = {"List scheduled reminders with their next fire time in UTC and in the learner's zone.",
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

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Show at most N (default ${DEFAULT-VALUE}; 0 for all).")
    int limit;

    enum Platform { console, telegram, discord }

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 (all) or more, not " + limit);
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
            scheduler.schedule();
            List<ScheduledReminder> scheduled = scheduler.scheduled();
            Stream<ScheduledReminder> shown = limit == 0 ? scheduled.stream() : scheduled.stream().limit(limit);
            String format = "%-20s  %-20s  %-24s  %-7s  %s%n";
            out.printf(format, "NEXT (UTC)", "NEXT (LOCAL)", "ZONE", "KIND", "LEARNER");
            shown.forEach(r -> out.printf(format,
                    UTC.format(r.nextFire().atZone(java.time.ZoneOffset.UTC)),
                    LOCAL.format(r.nextFire().atZone(r.learner().zone())),
                    ZoneNames.display(r.learner().zone()),
                    r.kind().name().toLowerCase(Locale.ROOT),
                    r.learner().platform() + ":" + r.learner().platformUserId() + " (" + oneLine(r.learner().displayName()) + ")"));
            out.printf("%d scheduled%s; %s in all.%n", scheduled.size(),
                    limit != 0 && scheduled.size() > limit ? " (first " + limit + " shown; --limit 0 shows all)" : "",
                    Counts.of(journey.learners().count(), "learner"));
        }
        return 0;
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", " ");
        return flat.length() > 40 ? flat.substring(0, 40) + "…" : flat;
    }
}
