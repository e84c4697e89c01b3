package dev.mentor.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Completion;
import dev.mentor.learners.Learner;
import dev.mentor.learners.ReminderState;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of a weekly reminder. */
class ReminderComposerTest {

    private static final Roadmap ROADMAP = new RoadmapLoader().loadBundled();
    private static final Instant DUE = Instant.parse("2026-11-23T09:00:00Z");

    private static Learner learnerIn(String zone) {
        return new Learner("id-1", "console", "ada", "Ada", ZoneId.of(zone), 1, LocalDate.parse("2026-11-02"),
                DayOfWeek.MONDAY, LocalTime.of(9, 0), ReminderState.ON, null, null, Instant.parse("2026-11-02T08:00:00Z"));
    }

    /** The text with the markup's backslash escapes taken out, as a learner reads it. */
    private static String plain(String markup) {
        return markup.replaceAll("\\\\(\\p{Punct})", "$1");
    }

    @Test
    void aLateReminderNamesUtcPlainlyAndCountsAOneWeekStreakInTheSingular() {
        String goal = ROADMAP.week(1).orElseThrow().goals().getFirst().id();
        List<Completion> thisWeek = List.of(new Completion(goal, Instant.parse("2026-11-23T08:00:00Z")));

        String text = plain(new ReminderComposer(ROADMAP).compose(learnerIn("Etc/UTC"), thisWeek, DUE, true,
                LocalDate.parse("2026-11-23")).text());

        assertThat(text).contains("Sent late").contains("09:00 (UTC)").doesNotContain("Etc/UTC").doesNotContain("offline")
                .contains("Progress: ▓░░░░░░░░░ <1% of all goals · streak 1 week\n");
    }

    @Test
    void aLateReminderNamesAnyOtherZoneByItsId() {
        String text = plain(new ReminderComposer(ROADMAP).compose(learnerIn("Europe/Berlin"), List.of(), DUE, true,
                LocalDate.parse("2026-11-23")).text());

        assertThat(text).contains("10:00 (Europe/Berlin)").contains("░░░░░░░░░░ 0% of all goals");
    }
}
