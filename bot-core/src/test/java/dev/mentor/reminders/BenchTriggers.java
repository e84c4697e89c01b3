package dev.mentor.reminders;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

/** For benchmarks: the weekly triggers the scheduler's horizon makes, written to a store in one go. */
public final class BenchTriggers {

    private BenchTriggers() {
    }

    /**
     * One weekly trigger per learner, due at the given instant, added in one store transaction: the same rows
     * the horizon writes one trigger at a time, in seconds rather than minutes.
     */
    public static void scheduleWeekly(Scheduler scheduler, Map<String, Instant> dueByLearner) throws SchedulerException {
        Map<JobDetail, Set<? extends Trigger>> jobs = new HashMap<>();
        dueByLearner.forEach((learnerId, due) -> {
            Trigger trigger = ReminderTriggers.weekly(learnerId, due);
            jobs.put(ReminderTriggers.jobFor(trigger), Set.of(trigger));
        });
        scheduler.scheduleJobs(jobs, false);
    }
}
