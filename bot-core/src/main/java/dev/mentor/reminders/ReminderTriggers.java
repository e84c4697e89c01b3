package dev.mentor.reminders;

import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import dev.mentor.learners.Learner;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/** The Quartz triggers of a learner's reminders, built from their settings in the database. */
final class ReminderTriggers {

    static final String WEEKLY = "weekly";
    static final String SNOOZE = "snooze";
    static final String LATE = "late";
    static final String RETRY = "retry";
    /** The trigger that moves the scheduler's horizon on. */
    static final TriggerKey HORIZON_KEY = TriggerKey.triggerKey("horizon", "system");

    static final String LEARNER = "learner";
    static final String KIND = "kind";
    static final String DUE = "due";
    static final String ATTEMPT = "attempt";

    private ReminderTriggers() {
    }

    /**
     * Each trigger has a job of its own, named like it. Quartz's RAM store looks at every trigger of
     * a job whenever one of them is removed, so one job shared by all learners would make each
     * removal (a one-shot fired, a setting changed) cost as much as all the triggers together.
     */
    static JobDetail jobFor(Trigger trigger) {
        return JobBuilder.newJob(ReminderJob.class)
                .withIdentity(JobKey.jobKey(trigger.getKey().getName(), trigger.getKey().getGroup()))
                // On a shared schedule, a job whose instance died while it ran is run again by another: its
                // claim makes that a look at the delivery, not a second send (unless the lease ran out).
                .requestRecovery(true)
                .build();
    }

    static TriggerKey weeklyKey(String learnerId) {
        return TriggerKey.triggerKey(learnerId, WEEKLY);
    }

    static TriggerKey snoozeKey(String learnerId) {
        return TriggerKey.triggerKey(learnerId, SNOOZE);
    }

    /**
     * The learner and kind of a weekly or snooze trigger, read from its key: these triggers carry no
     * job data, which would add a map of its own to each of a hundred thousand triggers.
     */
    static Optional<Owner> ownerOf(TriggerKey key) {
        return switch (key.getGroup()) {
            case WEEKLY -> Optional.of(new Owner(key.getName(), ReminderKind.WEEKLY));
            case SNOOZE -> Optional.of(new Owner(key.getName(), ReminderKind.SNOOZED));
            default -> Optional.empty();
        };
    }

    /** Whose reminder a trigger fires, and which one. */
    record Owner(String learnerId, ReminderKind kind) {
    }

    /**
     * The learner's next weekly time strictly after {@code after}, counted in their zone so it keeps its
     * local day and time across daylight-saving changes; none when reminders are off. A pause moves it to
     * the first time on or after the day the pause ends. A week whose time falls in a spring-forward gap
     * goes out just after the gap (as java.time resolves it), and a time repeated when clocks go back
     * goes out once, at its first occurrence.
     */
    static Optional<Instant> nextWeekly(Learner learner, Instant after) {
        return learner.nextWeeklyReminder(after.plusNanos(1)).map(ZonedDateTime::toInstant);
    }

    /**
     * The weekly reminder's trigger for one time: fired once, then gone. The scheduler keeps only the
     * times due within its horizon in memory and adds the next ones as the horizon moves on.
     */
    static Trigger weekly(String learnerId, Instant at) {
        return newTrigger()
                .withIdentity(weeklyKey(learnerId))
                // Its due time rides along: after a misfire Quartz reports the time it finally fired instead.
                .usingJobData(DUE, at.toEpochMilli())
                .startAt(Date.from(at))
                .withSchedule(simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    /** The repeat of a snoozed reminder, if one is set for the future and reminders are on. */
    static Optional<Trigger> snoozed(Learner learner, Instant now) {
        return learner.activeSnooze().filter(until -> until.isAfter(now)).map(until -> newTrigger()
                .withIdentity(snoozeKey(learner.id()))
                .startAt(Date.from(until))
                .withSchedule(simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build());
    }

    /** Fires at once for a reminder that fell due at {@code due} (missed while down, or retried). */
    static Trigger oneShot(String group, String name, String learnerId, ReminderKind kind, Instant due, int attempt,
            Instant at) {
        return newTrigger()
                .withIdentity(name, group)
                .usingJobData(LEARNER, learnerId)
                .usingJobData(KIND, kind.name())
                .usingJobData(DUE, due.toEpochMilli())
                .usingJobData(ATTEMPT, attempt)
                .startAt(Date.from(at))
                .withSchedule(simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }
}
