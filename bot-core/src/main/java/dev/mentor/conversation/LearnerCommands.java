package dev.mentor.conversation;

import dev.mentor.chat.Counts;
import dev.mentor.chat.Dates;
import dev.mentor.chat.ZoneNames;
import dev.mentor.chat.Reply;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import dev.mentor.chat.ProgressBar;
import dev.mentor.chat.Attachment;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.charts.ChartRenderer;
import dev.mentor.knowledge.Goal;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Stage;
import dev.mentor.knowledge.Topic;
import dev.mentor.knowledge.Week;
import dev.mentor.learners.Completion;
import dev.mentor.learners.Learner;
import dev.mentor.learners.LearnerData;
import dev.mentor.learners.LearnerListener;
import dev.mentor.learners.Learners;
import dev.mentor.learners.Progress;
import dev.mentor.learners.ReminderState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The commands of a learner's journey: enrolling, this week's goals, progress, moving through
 * the weeks, time zone, reminders, and forgetting everything.
 */
public final class LearnerCommands {

    static final int MAX_PAUSE_WEEKS = 26;
    /** How long after {@code /forget} a {@code /forget confirm} deletes. */
    static final Duration FORGET_CONFIRM_WINDOW = Duration.ofMinutes(5);

    private final Roadmap roadmap;
    private final Learners learners;
    private final LearnerListener listener;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final TimeZones zones = new TimeZones();
    /** When each learner (by id) last sent {@code /forget}; older than the window, an entry is dropped. */
    private final Map<String, Instant> forgetAsked = new ConcurrentHashMap<>();
    private final LearnerData data;
    private final ChartRenderer charts;

    /**
     * @param data        where everything stored about a learner is, for {@code /mydata}
     * @param charts      draws {@code /progress}'s chart
     * @param listener    told of every settings change (the reminder scheduler)
     * @param defaultZone the zone of a new learner until they set theirs
     */
    public LearnerCommands(Roadmap roadmap, Learners learners, LearnerData data, ChartRenderer charts,
            LearnerListener listener, Clock clock, ZoneId defaultZone) {
        this.roadmap = roadmap;
        this.learners = learners;
        this.data = data;
        this.charts = charts;
        this.listener = listener;
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    Reply start(IncomingMessage message) {
        Learners.Enrollment enrollment = learners.enroll(message.platform(), message.userId(),
                displayName(message), defaultZone, clock.instant());
        Learner learner = enrollment.learner();
        learners.recordCommunity(learner.id(), message.communityId());
        if (!enrollment.isNew()) {
            return new Reply("Welcome back, " + Markup.escape(learner.displayName()) + "! You're in week "
                    + learner.currentWeek() + ". " + Markup.code("/week") + " shows its goals, "
                    + Markup.code("/progress") + " how far you've come.",
                    List.of(List.of(new Button("This week", "/week"), new Button("Progress", "/progress"))));
        }
        listener.learnerChanged(learner);
        String text = """
                Welcome, %s! You're enrolled in the %d-week backend roadmap, in %s from the \
                foundations to security. Each week has a few topics to read and 3 to 5 goals to tick off.

                - %s: this week's goals, with buttons to tick them
                - %s: mark goal N done (and %s to take it back)
                - %s: how far you've come; %s moves on to the next week
                - Just type a question whenever you're stuck.

                I'll remind you %s. %s Change it with %s, set your zone with %s \
                (a city is fine), or switch reminders off with %s.""".formatted(
                Markup.escape(learner.displayName()), roadmap.weeks().size(), Counts.of(roadmap.stages().size(), "stage"),
                Markup.code("/week"), Markup.code("/done N"), Markup.code("/undo N"), Markup.code("/progress"),
                Markup.code("/next"), Dates.weekly(learner.reminderDay(), learner.reminderTime(), learner.zone()),
                nextReminder(learner), Markup.code("/remind DAY TIME"), Markup.code("/timezone Berlin"),
                Markup.code("/remind off"));
        return new Reply(text, List.of(List.of(new Button("Week 1 goals", "/week"), new Button("Roadmap", "/roadmap"))));
    }

    /** A learner's view of a week: its goals with ticks, and buttons to tick them. */
    Optional<Reply> week(IncomingMessage message, Optional<Integer> number) {
        Optional<Learner> found = learner(message);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Learner learner = found.get();
        Week week = roadmap.week(number.orElse(learner.currentWeek())).orElseThrow();
        Set<String> done = Learners.completedGoalIds(learners.completions(learner.id()));
        Stage stage = roadmap.stage(week.stage());
        StringBuilder text = new StringBuilder();
        text.append("**Week ").append(week.number()).append(": ").append(Markup.escape(week.title())).append("**");
        if (week.number() == learner.currentWeek()) {
            text.append(" (your week)");
        }
        text.append("\nStage ").append(stage.number()).append(" · ").append(Markup.escape(stage.title()))
                .append("\n\nTopics: ").append(String.join(", ", week.topicIds().stream()
                        .map(id -> Markup.escape(roadmap.topic(id).orElseThrow().title()) + " ("
                                + Markup.code("/topic " + id) + ")").toList()))
                .append("\n\nGoals:\n");
        List<Button> ticks = new ArrayList<>();
        int n = 1;
        int doneCount = 0;
        for (Goal goal : week.goals()) {
            boolean isDone = done.contains(goal.id());
            doneCount += isDone ? 1 : 0;
            text.append(isDone ? "☑ " : "☐ ").append(n).append(". ").append(Markup.escape(goal.text())).append('\n');
            ticks.add(isDone ? new Button("Undo " + n, "/undo " + goal.id()) : new Button("Done " + n, "/done " + goal.id()));
            n++;
        }
        text.append('\n').append(doneCount).append(" of ").append(week.goals().size()).append(" done.");
        if (week.number() == learner.currentWeek()) {
            text.append(doneCount == week.goals().size()
                    ? " Week complete! " + Markup.code("/next") + " moves you on."
                    : " Tick goals with " + Markup.code("/done N") + ".");
        } else {
            text.append(" You're in week ").append(learner.currentWeek()).append("; ")
                    .append(Markup.code("/goto " + week.number())).append(" moves you here.");
        }
        List<Button> navigation = new ArrayList<>();
        roadmap.week(week.number() - 1).ifPresent(w -> navigation.add(new Button("◀ Week " + w.number(), "/week " + w.number())));
        roadmap.week(week.number() + 1).ifPresent(w -> navigation.add(new Button("Week " + w.number() + " ▶", "/week " + w.number())));
        return Optional.of(new Reply(text.toString(), List.of(ticks, navigation)));
    }

    Reply done(IncomingMessage message, String argument, boolean undo) {
        String command = undo ? "/undo" : "/done";
        Optional<Learner> found = learner(message);
        if (found.isEmpty()) {
            return notEnrolled();
        }
        Learner learner = found.get();
        Week week = roadmap.week(learner.currentWeek()).orElseThrow();
        String usage = "Usage: " + Markup.code(command + " N") + " with N from 1 to " + week.goals().size()
                + " (the goal's number in " + Markup.code("/week") + "), for example " + Markup.code(command + " 1") + ".";
        if (argument.isEmpty()) {
            return Reply.of(usage);
        }
        Optional<Goal> goal = findGoal(week, argument);
        if (goal.isEmpty()) {
            return Reply.of(Markup.bold(argument) + " is not a goal of your week " + week.number() + ". " + usage);
        }
        Week goalWeek = weekOf(goal.get());
        int number = goalWeek.goals().indexOf(goal.get()) + 1;
        boolean changed = undo ? learners.undo(learner.id(), goal.get().id())
                : learners.complete(learner.id(), goal.get().id(), clock.instant());
        Set<String> done = Learners.completedGoalIds(learners.completions(learner.id()));
        long weekDone = goalWeek.goals().stream().filter(g -> done.contains(g.id())).count();
        String label = "Goal " + number + (goalWeek.number() == week.number() ? "" : " of week " + goalWeek.number());
        StringBuilder text = new StringBuilder();
        if (undo) {
            text.append(changed ? "↩ " + label + " is open again: " : label + " wasn't ticked: ");
        } else {
            text.append(changed ? "✅ " + label + " done: " : label + " was already done: ");
        }
        text.append(Markup.escape(goal.get().text())).append("\n\n").append(weekDone).append(" of ")
                .append(Counts.of(goalWeek.goals().size(), "goal")).append(" of week ").append(goalWeek.number())
                .append(" done.");
        List<Button> buttons = new ArrayList<>();
        if (!undo && changed) {
            buttons.add(new Button("Undo", "/undo " + goal.get().id()));
        }
        if (weekDone == goalWeek.goals().size() && goalWeek.number() == learner.currentWeek() && !undo) {
            text.append(" Week complete! ");
            if (roadmap.week(week.number() + 1).isPresent()) {
                text.append(Markup.code("/next")).append(" moves you to week ").append(week.number() + 1).append('.');
                buttons.add(new Button("Next week", "/next"));
            } else {
                text.append("That was the last week of the roadmap. Congratulations!");
            }
        }
        buttons.add(new Button("Week " + goalWeek.number(), "/week " + goalWeek.number()));
        return new Reply(text.toString(), List.of(buttons));
    }

    /** A goal by its number in the learner's week, or by its id (what buttons send, stable across weeks). */
    private Optional<Goal> findGoal(Week week, String argument) {
        String wanted = argument.strip().toLowerCase(Locale.ROOT);
        if (wanted.matches("\\d{1,3}")) {
            int number = Integer.parseInt(wanted);
            return number >= 1 && number <= week.goals().size() ? Optional.of(week.goals().get(number - 1)) : Optional.empty();
        }
        return roadmap.goal(wanted);
    }

    private Week weekOf(Goal goal) {
        return roadmap.weeks().stream().filter(w -> w.goals().contains(goal)).findFirst().orElseThrow();
    }

    Reply progress(IncomingMessage message) {
        Optional<Learner> found = learner(message);
        if (found.isEmpty()) {
            return notEnrolled();
        }
        Learner learner = found.get();
        List<Completion> completions = learners.completions(learner.id());
        Progress progress = Progress.of(roadmap, completions, learner.zone(), today(learner));
        StringBuilder text = new StringBuilder("**Your progress**: week ").append(learner.currentWeek()).append(" of ")
                .append(roadmap.weeks().size()).append("\n\n");
        for (Progress.StageProgress stage : progress.stages()) {
            text.append("- Stage ").append(stage.number()).append(" · ").append(Markup.escape(stage.title())).append(": ")
                    .append(ProgressBar.of(stage.done(), stage.total())).append(" (").append(stage.done()).append('/')
                    .append(stage.total()).append(")\n");
        }
        text.append("\n**Overall**: ").append(ProgressBar.of(progress.done(), progress.total())).append(" (")
                .append(progress.done()).append('/').append(Counts.of(progress.total(), "goal")).append(")\n")
                .append("Weeks completed: ").append(progress.weeksCompleted()).append(" · Current streak: ")
                .append(Counts.of(progress.streakWeeks(), "week"));
        if (progress.streakWeeks() == 0) {
            text.append(" (tick a goal this week to start one)");
        }
        Reply reply = new Reply(text.toString(), List.of(List.of(new Button("This week", "/week"))));
        return completions.isEmpty() ? reply : reply.withAttachment(goalsPerWeekChart(completions, learner.zone(),
                today(learner)));
    }

    static final int CHART_WEEKS = 12;
    static final int CHART_WIDTH = 640;
    static final int CHART_HEIGHT = 300;
    private static final java.time.format.DateTimeFormatter WEEK_LABEL =
            java.time.format.DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** Goals ticked per calendar week (in the learner's zone) over the last weeks, this week last. */
    private Attachment goalsPerWeekChart(List<Completion> completions, ZoneId zone, LocalDate today) {
        LocalDate thisMonday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        LocalDate firstMonday = thisMonday.minusWeeks(CHART_WEEKS - 1L);
        int[] ticked = new int[CHART_WEEKS];
        for (Completion completion : completions) {
            LocalDate day = completion.completedAt().atZone(zone).toLocalDate();
            long week = java.time.temporal.ChronoUnit.WEEKS.between(firstMonday, day);
            if (!day.isBefore(firstMonday) && week < CHART_WEEKS) {
                ticked[(int) week]++;
            }
        }
        List<String> labels = new ArrayList<>(CHART_WEEKS);
        for (int i = 0; i < CHART_WEEKS; i++) {
            labels.add(WEEK_LABEL.format(firstMonday.plusWeeks(i)));
        }
        byte[] png = charts.png(List.of(new ChartRenderer.Panel("Goals you ticked per week", "week starting",
                "goals", labels, List.of(new ChartRenderer.Series("goals", ticked)))), CHART_WIDTH, CHART_HEIGHT);
        return Attachment.png("progress.png", png, "Goals you ticked per week, the last " + CHART_WEEKS + " weeks");
    }

    /** {@code /mydata}: everything stored about the sender as a JSON file, for their eyes only. */
    Reply myData(IncomingMessage message) {
        Optional<LearnerData.Export> export = data.export(message.platform(), message.userId(), clock.instant());
        if (export.isEmpty()) {
            return Reply.of("I have nothing stored about you.");
        }
        LearnerData.Export found = export.get();
        String text = "Here is everything I store about you, as a JSON file: "
                + (found.rows("learners") == 0 ? "you're not enrolled, " : "your week and reminder settings, ")
                + Counts.of(found.rows("goal_completions"), "ticked goal") + ", "
                + Counts.of(found.rows("reminder_deliveries"), "reminder") + " sent and "
                + Counts.of(found.rows("answer_votes"), "vote") + " on answers. The questions you ask are kept "
                + "without your name, so none of them is yours to see here. " + Markup.code("/forget")
                + " deletes it all.";
        return Reply.of(text)
                .withAttachment(new Attachment("mentor-data.json", Attachment.JSON,
                        found.json().getBytes(StandardCharsets.UTF_8), "Everything the mentor stores about you"))
                .toSenderOnly();
    }

    Reply next(IncomingMessage message) {
        Optional<Learner> found = learner(message);
        if (found.isEmpty()) {
            return notEnrolled();
        }
        Learner learner = found.get();
        if (learner.currentWeek() >= roadmap.weeks().size()) {
            return Reply.of("You're in week " + learner.currentWeek() + ", the last week of the roadmap. "
                    + Markup.code("/goto N") + " goes back to any week.");
        }
        return moveTo(learner, learner.currentWeek() + 1);
    }

    Reply goTo(IncomingMessage message, String argument) {
        Optional<Learner> found = learner(message);
        if (found.isEmpty()) {
            return notEnrolled();
        }
        int last = roadmap.weeks().size();
        String usage = "Usage: " + Markup.code("/goto N") + " with N from 1 to " + last + ", for example "
                + Markup.code("/goto 5") + ".";
        if (!argument.matches("\\d{1,3}")) {
            return Reply.of((argument.isEmpty() ? "" : Markup.bold(argument) + " is not a week number. ") + usage);
        }
        int week = Integer.parseInt(argument);
        if (week < 1 || week > last) {
            return Reply.of("There is no week " + week + ". " + usage);
        }
        return moveTo(found.get(), week);
    }

    private Reply moveTo(Learner learner, int number) {
        Learner moved = learner.withWeek(number);
        learners.update(moved);
        Week week = roadmap.week(number).orElseThrow();
        Topic first = roadmap.topic(week.topicIds().getFirst()).orElseThrow();
        return new Reply("You're now in **week " + number + ": " + Markup.escape(week.title()) + "**. Start with "
                + Markup.escape(first.title()) + " (" + Markup.code("/topic " + first.id()) + "), then tick the goals in "
                + Markup.code("/week") + ".", List.of(List.of(new Button("Week " + number + " goals", "/week"),
                new Button("Read " + first.title(), "/topic " + first.id()))));
    }

    Reply timezone(IncomingMessage message, String argument) {
        Optional<Learner> found = learner(message);
        if (found.isEmpty()) {
            return notEnrolled();
        }
        Learner learner = found.get();
        String usage = "Usage: " + Markup.code("/timezone ZONE") + " with a city, a country, an IANA zone, an "
                + "abbreviation or a UTC offset, for example " + Markup.code("/timezone Berlin") + ", "
                + Markup.code("/timezone America/New_York") + ", " + Markup.code("/timezone PST") + " or "
                + Markup.code("/timezone UTC+2") + ".";
        if (argument.isEmpty()) {
            return Reply.of("Your time zone is " + Markup.bold(ZoneNames.display(learner.zone())) + ". "
                    + Dates.localNow(ZonedDateTime.now(clock).withZoneSameInstant(learner.zone())) + ". " + usage);
        }
        return switch (zones.read(argument)) {
            case TimeZones.Ask ask -> new Reply(ask.question(), TimeZones.buttons(ask.options(), "/timezone"));
            case TimeZones.Unknown unknown -> new Reply(unknown.problem() + " " + usage,
                    TimeZones.buttons(unknown.suggestions(), "/timezone"));
            case TimeZones.Found zone -> {
                Learner changed = learner.withZone(zone.zone());
                learners.update(changed);
                listener.learnerChanged(changed);
                yield Reply.of("Your time zone is now " + Markup.bold(ZoneNames.display(zone.zone())) + ". "
                        + (zone.note().isEmpty() ? "" : zone.note() + " ")
                        + Dates.localNow(ZonedDateTime.now(clock).withZoneSameInstant(zone.zone())) + ".\n\n"
                        + reminderSentence(changed));
            }
        };
    }

    Reply remind(IncomingMessage message, String argument) {
        Optional<Learner> found = learner(message);
        if (found.isEmpty()) {
            return notEnrolled();
        }
        Learner learner = found.get();
        String usage = "Usage: " + Markup.code("/remind DAY TIME") + " (for example " + Markup.code("/remind monday 09:00")
                + " or " + Markup.code("/remind fri 7pm") + "; a day or a time alone changes just that), "
                + Markup.code("/remind off") + ", " + Markup.code("/remind on") + " or "
                + Markup.code("/remind pause N") + " for N weeks.";
        String[] words = argument.isEmpty() ? new String[0] : argument.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length == 0) {
            return Reply.of(reminderSentence(learner) + "\n\n" + usage);
        }
        Learner changed;
        if (words.length == 1 && words[0].equals("off")) {
            changed = learner.withReminderState(ReminderState.OFF, null);
        } else if (words.length == 1 && words[0].equals("on")) {
            changed = learner.withReminderState(ReminderState.ON, null);
        } else if (words[0].equals("pause")) {
            if (words.length != 2 || !words[1].matches("\\d{1,3}")
                    || Integer.parseInt(words[1]) < 1 || Integer.parseInt(words[1]) > MAX_PAUSE_WEEKS) {
                return Reply.of("Pause for 1 to " + MAX_PAUSE_WEEKS + " weeks, for example "
                        + Markup.code("/remind pause 2") + ". " + usage);
            }
            int weeks = Integer.parseInt(words[1]);
            changed = learner.withReminderState(ReminderState.PAUSED, today(learner).plusWeeks(weeks));
        } else {
            switch (WeeklyTime.read(argument, new WeeklyTime(learner.reminderDay(), learner.reminderTime()))) {
                case WeeklyTime.Unreadable unreadable -> {
                    return Reply.of(unreadable.problem() + " " + usage);
                }
                case WeeklyTime.OneAWeek several -> {
                    return WeeklyTime.oneAWeek(several, "/remind", "reminder");
                }
                case WeeklyTime.Chosen chosen -> changed = learner.withReminder(chosen.when().day(), chosen.when().time());
            }
        }
        learners.update(changed);
        listener.learnerChanged(changed);
        return Reply.of(reminderSentence(changed));
    }

    Reply snooze(IncomingMessage message) {
        Optional<Learner> found = learner(message);
        if (found.isEmpty()) {
            return notEnrolled();
        }
        Learner learner = found.get();
        // A snooze repeats a reminder; with reminders off or paused there is none to repeat.
        switch (learner.reminderState()) {
            case OFF -> {
                return new Reply("Your weekly reminders are off, so there's nothing to snooze. "
                        + Markup.code("/remind on") + " switches them back on whenever you like.",
                        List.of(List.of(new Button("Switch reminders on", "/remind on"))));
            }
            case PAUSED -> {
                return new Reply("Your weekly reminders are paused until " + learner.pausedUntil()
                        + ", so there's nothing to snooze. " + Markup.code("/remind on") + " brings them back now.",
                        List.of(List.of(new Button("Resume reminders", "/remind on"))));
            }
            case ON -> {
            }
        }
        ZonedDateTime again = today(learner).plusDays(1).atTime(learner.reminderTime()).atZone(learner.zone());
        Learner changed = learner.withSnoozedUntil(again.toInstant());
        learners.update(changed);
        listener.learnerChanged(changed);
        return Reply.of("Snoozed: I'll remind you again tomorrow, " + Dates.dayAndTimeInZone(again) + ".");
    }

    Reply forget(IncomingMessage message, String argument) {
        Optional<Learner> found = learner(message);
        if (found.isEmpty()) {
            return Reply.of("I have nothing stored about you.");
        }
        Learner learner = found.get();
        Instant now = clock.instant();
        forgetAsked.values().removeIf(asked -> !now.isBefore(asked.plus(FORGET_CONFIRM_WINDOW)));
        if (!argument.equalsIgnoreCase("confirm")) {
            forgetAsked.put(learner.id(), now);
            return new Reply("This deletes everything I store about you: your week, your ticked goals, your reminder "
                    + "settings and the record of reminders sent. It can't be undone. To go ahead, send "
                    + Markup.code("/forget confirm") + " within " + Counts.of(FORGET_CONFIRM_WINDOW.toMinutes(), "minute") + ".",
                    List.of(List.of(new Button("Yes, delete all my data", "/forget confirm"))));
        }
        // A confirm counts only right after the learner saw what goes: not alone, nor from an old button.
        if (forgetAsked.remove(learner.id()) == null) {
            return new Reply("Nothing is deleted yet: first send " + Markup.code("/forget") + " to see what would go, "
                    + "then confirm within " + Counts.of(FORGET_CONFIRM_WINDOW.toMinutes(), "minute") + ".",
                    List.of(List.of(new Button("What would be deleted?", "/forget"))));
        }
        learners.forget(learner.id());
        listener.learnerForgotten(learner.id());
        return Reply.of("Done: everything I stored about you is deleted, and no more reminders will come. "
                + Markup.code("/start") + " begins again from week 1 whenever you like.");
    }

    /** The learner's reminder setting, and when the next one comes. */
    private String reminderSentence(Learner learner) {
        String when = Dates.weekly(learner.reminderDay(), learner.reminderTime(), learner.zone());
        return switch (learner.reminderState()) {
            case ON -> "Your weekly reminder comes " + when + ". " + nextReminder(learner);
            case OFF -> "Your weekly reminder is off. " + Markup.code("/remind on") + " switches it back on ("
                    + when + ").";
            case PAUSED -> "Your weekly reminder is paused until " + Dates.day(learner.pausedUntil()) + ", then comes "
                    + when + ". " + nextReminder(learner);
        };
    }

    /** "Next reminder: Mon 30 Nov, 09:00 (Europe/Berlin)." */
    private String nextReminder(Learner learner) {
        return learners.nextWeeklyReminder(learner, clock.instant())
                .map(next -> "Next reminder: " + Dates.dayAndTimeInZone(next) + ".")
                .orElse("");
    }

    private Optional<Learner> learner(IncomingMessage message) {
        Optional<Learner> learner = learners.find(message.platform(), message.userId());
        // Where a platform cannot reach the learner privately, it falls back to their community.
        learner.ifPresent(l -> learners.recordCommunity(l.id(), message.communityId()));
        return learner;
    }

    static Reply notEnrolled() {
        return new Reply("You haven't started the roadmap yet. Send " + Markup.code("/start") + " to enroll: "
                + "I'll track your weekly goals and remind you each week.", List.of(List.of(new Button("Start", "/start"))));
    }

    private LocalDate today(Learner learner) {
        return LocalDate.now(clock.withZone(learner.zone()));
    }

    private static String displayName(IncomingMessage message) {
        String name = message.displayName() == null || message.displayName().isBlank() ? message.userId() : message.displayName().strip();
        return name.length() > 256 ? name.substring(0, 256) : name;
    }
}
