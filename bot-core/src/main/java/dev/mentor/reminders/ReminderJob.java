package dev.mentor.reminders;

import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;

/** The Quartz job behind every reminder trigger: reads whose reminder it is and hands over to the scheduler. */
final class ReminderJob implements Job {

    private final ReminderScheduler scheduler;

    ReminderJob(ReminderScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        TriggerKey key = context.getTrigger().getKey();
        if (context.isRecovering()) {
            // Run again for an instance that died while running it: Quartz names the trigger it first fired for.
            key = TriggerKey.triggerKey(data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_NAME),
                    data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_GROUP));
        }
        if (key.equals(ReminderTriggers.HORIZON_KEY)) {
            scheduler.extendHorizon();
            return;
        }
        // Weekly and snooze triggers name their learner and kind in their key; one-shots carry them as data.
        ReminderTriggers.Owner owner = ReminderTriggers.ownerOf(key)
                .orElseGet(() -> new ReminderTriggers.Owner(data.getString(ReminderTriggers.LEARNER),
                        ReminderKind.valueOf(data.getString(ReminderTriggers.KIND))));
        // Weekly, missed and retried reminders carry their due time; a snooze's is the learner's snooze: after a
        // misfire Quartz reports the time it finally fired, not the scheduled one.
        if (key.getGroup().equals(ReminderTriggers.WEEKLY)) {
            scheduler.fireWeekly(owner.learnerId(), Instant.ofEpochMilli(data.getLong(ReminderTriggers.DUE)));
        } else if (data.containsKey(ReminderTriggers.DUE)) {
            int attempt = data.containsKey(ReminderTriggers.ATTEMPT) ? data.getInt(ReminderTriggers.ATTEMPT) : 1;
            scheduler.fire(owner.learnerId(), owner.kind(), Instant.ofEpochMilli(data.getLong(ReminderTriggers.DUE)),
                    attempt);
        } else {
            scheduler.fireSnooze(owner.learnerId(), context.getScheduledFireTime().toInstant());
        }
    }
}
