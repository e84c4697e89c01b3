package dev.mentor.learners;

import dev.mentor.knowledge.Goal;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Stage;
import dev.mentor.knowledge.Week;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How far a learner has come: goals done per stage and overall, roadmap weeks with every goal
 * done, and the streak of calendar weeks (in the learner's zone) in which they ticked a goal.
 */
public record Progress(List<StageProgress> stages, int done, int total, int weeksCompleted, int streakWeeks) {

    public Progress {
        stages = List.copyOf(stages);
    }

    public record StageProgress(int number, String title, int done, int total) {
    }

    public static Progress of(Roadmap roadmap, List<Completion> completions, ZoneId zone, LocalDate today) {
        Set<String> completed = Learners.completedGoalIds(completions);
        List<StageProgress> stages = new ArrayList<>();
        int done = 0;
        int total = 0;
        int weeksCompleted = 0;
        for (Stage stage : roadmap.stages()) {
            int stageDone = 0;
            int stageTotal = 0;
            for (Week week : stage.weeks()) {
                int weekDone = 0;
                for (Goal goal : week.goals()) {
                    if (completed.contains(goal.id())) {
                        weekDone++;
                    }
                }
                stageDone += weekDone;
                stageTotal += week.goals().size();
                if (weekDone == week.goals().size()) {
                    weeksCompleted++;
                }
            }
            stages.add(new StageProgress(stage.number(), stage.title(), stageDone, stageTotal));
            done += stageDone;
            total += stageTotal;
        }
        return new Progress(stages, done, total, weeksCompleted, streak(completions, zone, today));
    }

    /** Consecutive calendar weeks with a ticked goal, ending this week (or last week, if none yet this week). */
    static int streak(List<Completion> completions, ZoneId zone, LocalDate today) {
        Set<Long> activeWeeks = new HashSet<>();
        for (Completion completion : completions) {
            activeWeeks.add(weekIndex(completion.completedAt().atZone(zone).toLocalDate()));
        }
        long week = weekIndex(today);
        if (!activeWeeks.contains(week)) {
            week--;
        }
        int streak = 0;
        while (activeWeeks.contains(week)) {
            streak++;
            week--;
        }
        return streak;
    }

    /** A running number of ISO weeks, so "the week before" is a subtraction. */
    private static long weekIndex(LocalDate date) {
        LocalDate monday = date.minusDays(date.getDayOfWeek().getValue() - 1L);
        return Math.floorDiv(monday.toEpochDay() - 4, 7); // 1970-01-05 was a Monday
    }

}
