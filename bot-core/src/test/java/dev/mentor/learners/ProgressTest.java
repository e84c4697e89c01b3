package dev.mentor.learners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final Roadmap ROADMAP = new RoadmapLoader().loadBundled();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void countsGoalsPerStageAndWeeksWithEveryGoalDone() {
        List<Completion> week1 = ROADMAP.week(1).orElseThrow().goals().stream()
                .map(goal -> new Completion(goal.id(), Instant.parse("2026-11-23T10:00:00Z"))).toList();

        Progress progress = Progress.of(ROADMAP, week1, BERLIN, LocalDate.parse("2026-11-24"));

        int allGoals = ROADMAP.weeks().stream().mapToInt(w -> w.goals().size()).sum();
        assertThat(progress.total()).isEqualTo(allGoals);
        assertThat(progress.done()).isEqualTo(week1.size());
        assertThat(progress.weeksCompleted()).isEqualTo(1);
        assertThat(progress.stages().getFirst().done()).isEqualTo(week1.size());
        assertThat(progress.stages().get(1).done()).isZero();
    }

    @Test
    void streakCountsConsecutiveCalendarWeeksInTheLearnersZone() {
        List<Completion> completions = List.of(
                new Completion("a", Instant.parse("2026-11-02T10:00:00Z")),  // week 45
                new Completion("b", Instant.parse("2026-11-10T10:00:00Z")),  // week 46
                // Sunday 23:30 UTC is already Monday in Berlin: week 48, not 47
                new Completion("c", Instant.parse("2026-11-22T23:30:00Z")));

        assertThat(Progress.streak(completions, BERLIN, LocalDate.parse("2026-11-24"))).isEqualTo(1);
        // In UTC the three fall in weeks 45, 46 and 47: unbroken, and still counting early in week 48
        assertThat(Progress.streak(completions, ZoneId.of("UTC"), LocalDate.parse("2026-11-24"))).isEqualTo(3);
        // A week without a tick breaks it
        assertThat(Progress.streak(completions, ZoneId.of("UTC"), LocalDate.parse("2026-12-08"))).isZero();
        assertThat(Progress.streak(completions, BERLIN, LocalDate.parse("2026-11-12"))).isEqualTo(2);
    }
}
