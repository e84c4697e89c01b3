package dev.mentor.reminders;

import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import dev.mentor.learners.Learner;
import dev.mentor.learners.ReminderState;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
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
                .build();
    }

    static TriggerKey weeklyKey(String learnerId) {
        return TriggerKey.triggerKey(learnerId, WEEKLY);
    }

    static TriggerKey snoozeKey(String learnerId) {
        return TriggerKey.triggerKey(learnerId, SNOOZE);
    }

    /** A cron expression for the learner's day and local time: seconds, minutes, hours, any date, any month, day. */
    static String cron(Learner learner) {
        return "0 %d %d ? * %s".formatted(learner.reminderTime().getMinute(), learner.reminderTime().getHour(),
                learner.reminderDay().name().substring(0, 3).toUpperCase(Locale.ROOT));
    }

    /**
     * The weekly reminder, in the learner's zone so it keeps its local hour across daylight-saving
     * changes. A pause delays the trigger's start; after downtime Quartz fires a missed reminder once.
     */
    static Optional<Trigger> weekly(Learner learner) {
        if (learner.reminderState() == ReminderState.OFF) {
            return Optional.empty();
        }
        var builder = newTrigger()
                .withIdentity(weeklyKey(learner.id()))
                .usingJobData(LEARNER, learner.id())
                .usingJobData(KIND, ReminderKind.WEEKLY.name())
                .withSchedule(cronSchedule(cron(learner))
                        .inTimeZone(TimeZone.getTimeZone(learner.zone()))
                        .withMisfireHandlingInstructionFireAndProceed());
        if (learner.reminderState() == ReminderState.PAUSED && learner.pausedUntil() != null) {
            builder.startAt(Date.from(learner.pausedUntil().atStartOfDay(learner.zone()).toInstant()));
        }
        return Optional.of(builder.build());
    }

    /** The repeat of a snoozed reminder, if one is set for the future. */
    static Optional<Trigger> snoozed(Learner learner, Instant now) {
        return learner.snoozed().filter(until -> until.isAfter(now)).map(until -> newTrigger()
                .withIdentity(snoozeKey(learner.id()))
                .usingJobData(LEARNER, learner.id())
                .usingJobData(KIND, ReminderKind.SNOOZED.name())
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
