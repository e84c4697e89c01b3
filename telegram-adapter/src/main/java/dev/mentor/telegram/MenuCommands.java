package dev.mentor.telegram;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The commands the mentor publishes in Telegram's menu, and the ones only group admins may use. */
final class MenuCommands {

    record Entry(String name, String description) {
    }

    /** What every learner sees in the menu, in order. */
    static final List<Entry> LEARNER = List.of(
            new Entry("start", "Enroll in the roadmap and get weekly reminders"),
            new Entry("week", "This week's goals, with buttons to tick them"),
            new Entry("progress", "How far you've come"),
            new Entry("next", "Move on to the next week"),
            new Entry("ask", "Ask a backend question (or just type it in a private chat)"),
            new Entry("topic", "Read a topic, e.g. /topic git"),
            new Entry("roadmap", "The whole plan, week by week"),
            new Entry("done", "Mark goal N of your week done"),
            new Entry("undo", "Take back goal N"),
            new Entry("goto", "Jump to week N"),
            new Entry("remind", "Set your reminder: /remind DAY TIME (mon 9am), /remind off"),
            new Entry("snooze", "Remind me again later"),
            new Entry("timezone", "Set your time zone: a city, e.g. /timezone Berlin"),
            new Entry("help", "What the mentor can do"),
            new Entry("forget", "Delete everything the mentor stores about you"));

    /** Shown to group admins in addition; the core checks the sender's rights again. */
    static final List<Entry> ADMIN = List.of(
            new Entry("digest", "Weekly study digest for this group: /digest on or /digest off"));

    /**
     * Commands whose handling needs to know whether the sender administers the group; only for
     * these does the adapter ask Telegram for the sender's status.
     */
    static final Set<String> NEEDING_ADMIN_STATUS = Set.of("digest", "faq", "unanswered", "mentions");

    /** Every command the mentor answers, so a bare {@code /cmd} in a group counts as addressed. */
    static final Set<String> ALL = Stream.of(
                    LEARNER.stream().map(Entry::name),
                    ADMIN.stream().map(Entry::name),
                    NEEDING_ADMIN_STATUS.stream(),
                    Stream.of("tz"))
            .flatMap(s -> s)
            .collect(Collectors.toUnmodifiableSet());

    private MenuCommands() {
    }
}
