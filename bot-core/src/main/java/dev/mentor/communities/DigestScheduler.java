package dev.mentor.communities;

import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import dev.mentor.scheduling.Scheduling;
import dev.mentor.scheduling.WeeklyTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, with one weekly cron trigger per community whose digest is on, in the community's zone.
 * As for reminders, the database is the source of truth: the RAM store is rebuilt from it on
 * start, and a digest missed while the mentor was down goes out once if within the grace window.
 */
public final class DigestScheduler implements CommunityListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);
    private static final String PLATFORM = "platform";
    private static final String COMMUNITY = "community";
    private static final String DUE = "due";

    private final Communities communities;
    private final Digests digests;
    private final Scheduling scheduling;
    private final Scheduler scheduler;

    /** With a scheduler of its own, in memory. */
    public DigestScheduler(Communities communities, Digests digests) {
        this(communities, digests, Scheduling.inMemory(1, Scheduling.DEFAULT_MISFIRE_THRESHOLD));
    }

    /** On the scheduler the reminders use: one pool, one store (shared by every instance on PostgreSQL). */
    public DigestScheduler(Communities communities, Digests digests, Scheduling scheduling) {
        this.communities = communities;
        this.digests = digests;
        this.scheduling = scheduling;
        this.scheduler = scheduling.quartz();
        scheduling.register(DigestJob.class, () -> new DigestJob(this));
    }

    /**
     * Builds the triggers of every community with its digest on, queues missed ones, and starts.
     *
     * @return how many missed digests were queued to go out now
     */
    public int start() {
        Instant now = digests.clock().instant();
        List<Community> on = communities.withDigest(digests.platforms());
        int missed = 0;
        try {
            for (Community community : on) {
                schedule(community);
                Instant previous = previousDue(community, now);
                if (Duration.between(previous, now).compareTo(digests.grace()) <= 0 && !digests.wasSent(community, previous)) {
                    Trigger late = newTrigger()
                            .withIdentity(key(community).getName(), "late")
                            .usingJobData(PLATFORM, community.platform())
                            .usingJobData(COMMUNITY, community.communityId())
                            .usingJobData(DUE, previous.toEpochMilli())
                            .startNow()
                            .withSchedule(simpleSchedule().withMisfireHandlingInstructionFireNow())
                            .build();
                    // Replaced, not added: on a shared schedule another instance may have queued it already.
                    scheduler.scheduleJob(JobBuilder.newJob(DigestJob.class).requestRecovery(true)
                            .withIdentity(JobKey.jobKey(late.getKey().getName(), "late")).build(), Set.of(late), true);
                    missed++;
                }
            }
            scheduling.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot start the digest scheduler: " + e.getMessage(), e);
        }
        return missed;
    }

    @Override
    public void communityChanged(Community community) {
        if (!digests.platforms().contains(community.platform())) {
            return;
        }
        try {
            scheduler.unscheduleJob(key(community));
            if (community.digestOn()) {
                schedule(community);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot reschedule the digest of " + community.communityId(), e);
        }
    }

    private void schedule(Community community) throws SchedulerException {
        Trigger trigger = newTrigger()
                .withIdentity(key(community))
                .usingJobData(PLATFORM, community.platform())
                .usingJobData(COMMUNITY, community.communityId())
                .withSchedule(cronSchedule("0 %d %d ? * %s".formatted(community.digestTime().getMinute(),
                                community.digestTime().getHour(),
                                community.digestDay().name().substring(0, 3).toUpperCase(Locale.ROOT)))
                        .inTimeZone(TimeZone.getTimeZone(community.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(JobBuilder.newJob(DigestJob.class).requestRecovery(true)
                .withIdentity(JobKey.jobKey(trigger.getKey().getName(), trigger.getKey().getGroup())).build(),
                Set.of(trigger), true);
    }

    static Instant previousDue(Community community, Instant now) {
        return WeeklyTimes.previous(community.zone(), community.digestDay(), community.digestTime(), now);
    }

    private static TriggerKey key(Community community) {
        return TriggerKey.triggerKey(community.platform() + "/" + community.communityId(), "digest");
    }

    /**
     * A weekly digest trigger fired. Its due time is the community's scheduled time, whenever Quartz got to
     * it: after a misfire Quartz reports the time it finally fired, which would stretch the grace window.
     */
    void fireScheduled(String platform, String communityId, Instant firedFor) {
        Instant due = communities.find(platform, communityId).map(community -> previousDue(community, firedFor))
                .orElse(firedFor);
        fire(platform, communityId, due);
    }

    void fire(String platform, String communityId, Instant due) {
        try {
            Digests.Outcome outcome = digests.dispatch(platform, communityId, due);
            log.info("Digest of community {} on {}: {}", communityId, platform, outcome);
            if (outcome == Digests.Outcome.BEING_SENT) {
                // Another claim holds it: look again when its lease has run out, in case its owner died.
                lookAgain(platform, communityId, due,
                        digests.clock().instant().plus(Digests.CLAIM_LEASE).plusSeconds(1));
            }
        } catch (RuntimeException e) {
            log.error("Digest of community {} on {} failed", communityId, platform, e);
        }
    }

    private void lookAgain(String platform, String communityId, Instant due, Instant at) {
        try {
            Trigger again = newTrigger()
                    .withIdentity(platform + "/" + communityId + "/" + at.toEpochMilli(), "claim")
                    .usingJobData(PLATFORM, platform)
                    .usingJobData(COMMUNITY, communityId)
                    .usingJobData(DUE, due.toEpochMilli())
                    .startAt(Date.from(at))
                    .withSchedule(simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            scheduler.scheduleJob(JobBuilder.newJob(DigestJob.class).requestRecovery(true)
                    .withIdentity(JobKey.jobKey(again.getKey().getName(), "claim")).build(), again);
        } catch (SchedulerException e) {
            log.error("Cannot schedule a look at the claimed digest of community {} on {}", communityId, platform, e);
        }
    }

    @Override
    public void close() {
        try {
            scheduling.close();
        } catch (IllegalStateException e) {
            log.warn("Digest scheduler did not shut down cleanly", e);
        }
    }

    /** The Quartz job behind every digest trigger. */
    static final class DigestJob implements Job {
        private final DigestScheduler owner;

        DigestJob(DigestScheduler owner) {
            this.owner = owner;
        }

        @Override
        public void execute(org.quartz.JobExecutionContext context) {
            JobDataMap data = context.getMergedJobDataMap();
            if (data.containsKey(DUE)) {
                owner.fire(data.getString(PLATFORM), data.getString(COMMUNITY), Instant.ofEpochMilli(data.getLong(DUE)));
            } else {
                owner.fireScheduled(data.getString(PLATFORM), data.getString(COMMUNITY),
                        context.getScheduledFireTime().toInstant());
            }
        }
    }
}
