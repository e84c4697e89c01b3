package dev.mentor.reminders;

import static org.quartz.CalendarIntervalScheduleBuilder.calendarIntervalSchedule;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import dev.mentor.learners.Learner;
import java.time.Instant;
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
     * The weekly reminder: every week from its first time, counted in the learner's zone so it keeps
     * its local day and time across daylight-saving changes. A calendar-interval trigger rather than a
     * cron trigger because a Quartz cron expression holds a TreeSet of every year from 1970 to a
     * century ahead (about 10 KB a learner, and parsed again for each copy the job store keeps); this
     * trigger is a start date and an interval. Preserving the hour of day makes a week whose local
     * time falls in a spring-forward gap fire just after the gap (as java.time resolves it) and the
     * next week at the usual time. A pause delays the first time; after downtime Quartz fires a missed
     * reminder once.
     */
    static Optional<Trigger> weekly(Learner learner, Instant now, TimeZones zones) {
        return learner.nextWeeklyReminder(now).map(first -> newTrigger()
                .withIdentity(weeklyKey(learner.id()))
                .startAt(Date.from(first.toInstant()))
                .withSchedule(calendarIntervalSchedule()
                        .withIntervalInWeeks(1)
                        .inTimeZone(zones.of(learner.zone()))
                        .preserveHourOfDayAcrossDaylightSavings(true)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build());
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
