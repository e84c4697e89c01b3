package dev.mentor.reminders;

import dev.mentor.chat.Button;
import dev.mentor.chat.Counts;
import dev.mentor.chat.Dates;
import dev.mentor.chat.Markup;
import dev.mentor.chat.ProgressBar;
import dev.mentor.chat.Reply;
import dev.mentor.chat.ZoneNames;
import dev.mentor.knowledge.Goal;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import dev.mentor.knowledge.Week;
import dev.mentor.learners.Completion;
import dev.mentor.learners.Learner;
import dev.mentor.learners.Learners;
import dev.mentor.learners.Progress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes a weekly reminder: this week's unfinished goals, progress, a topic to read, and buttons. */
public final class ReminderComposer {

    private final Roadmap roadmap;

    public ReminderComposer(Roadmap roadmap) {
        this.roadmap = roadmap;
    }

    public Reply compose(Learner learner, List<Completion> completions, Instant due, boolean late, LocalDate today) {
        Week week = roadmap.week(learner.currentWeek()).orElse(roadmap.weeks().getLast());
        Set<String> done = Learners.completedGoalIds(completions);
        StringBuilder text = new StringBuilder();
        text.append("**Week ").append(week.number()).append(" reminder: ").append(Markup.escape(week.title())).append("**");
        // Late because the mentor was down, or because the platform or a burst held it up: the
        // learner needs the when, not a guess at the why.
        if (late) {
            text.append("\n_Sent late: it was due ").append(Dates.dayAndTimeInZone(due.atZone(learner.zone())))
                    .append("._");
        }
        List<Button> doneButtons = new ArrayList<>();
        StringBuilder open = new StringBuilder();
        int number = 1;
        for (Goal goal : week.goals()) {
            if (!done.contains(goal.id())) {
                open.append(number).append(". ").append(Markup.escape(goal.text())).append('\n');
                doneButtons.add(new Button("Done " + number, "/done " + goal.id()));
            }
            number++;
        }
        if (open.isEmpty()) {
            text.append("\n\nEvery goal of this week is done. Well done! Type ").append(Markup.code("/next"))
                    .append(" when you're ready for week ").append(Math.min(week.number() + 1, roadmap.weeks().size()))
                    .append('.');
        } else {
            text.append("\n\nStill to do this week:\n").append(open);
        }
        Progress progress = Progress.of(roadmap, completions, learner.zone(), today);
        text.append("\nProgress: ").append(ProgressBar.of(progress.done(), progress.total()))
                .append(" of all goals");
        if (progress.streakWeeks() > 0) {
            text.append(" · streak ").append(Counts.of(progress.streakWeeks(), "week"));
        }
        Topic topic = topicToRead(week, learner, today);
        text.append("\nRead this week: ").append(Markup.escape(topic.title())).append(" (")
                .append(Markup.code("/topic " + topic.id())).append(')');
        List<Button> actions = List.of(new Button("Snooze to tomorrow", "/snooze"),
                new Button("Pause a week", "/remind pause 1"), new Button("Week " + week.number(), "/week"));
        return new Reply(text.toString().strip(), List.of(doneButtons, actions));
    }

    /** One topic of the week, a different one each calendar week so a long week rotates through them. */
    private Topic topicToRead(Week week, Learner learner, LocalDate today) {
        List<String> ids = week.topicIds();
        long weeksIn = Math.max(0, java.time.temporal.ChronoUnit.WEEKS.between(learner.startDate(), today));
        return roadmap.topic(ids.get((int) (weeksIn % ids.size()))).orElseThrow();
    }
}
