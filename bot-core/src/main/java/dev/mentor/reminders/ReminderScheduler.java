package dev.mentor.reminders;

import dev.mentor.learners.Learner;
import dev.mentor.learners.LearnerListener;
import dev.mentor.learners.Learners;
import dev.mentor.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, with one trigger per learner's weekly reminder in the learner's own zone.
 *
 * <p>The database is the source of truth, so the job store is Quartz's RAM store, rebuilt from
 * the learners table on every start; the delivery table's unique key is what makes a reminder go
 * out once. Reminders missed while the mentor was down are found on start and sent once, late,
 * within the grace window. Setting changes reach the triggers at once through
 * {@link LearnerListener}.
 */
public final class ReminderScheduler implements LearnerListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);
    /** Triggers handed to Quartz at a time on start-up. */
    private static final int BATCH = 10_000;
    /** Quartz's own default: a trigger later than this is handled as misfired. */
    private static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);

    private final Database database;
    private final Learners learners;
    private final ReminderDispatcher dispatcher;
    private final Scheduler scheduler;
    private final Predicate<Learner> serves;
    private final TimeZones zones = new TimeZones();

    /** Schedules every learner of the dispatcher's platforms. */
    public ReminderScheduler(Database database, Learners learners, ReminderDispatcher dispatcher) {
        this(database, learners, dispatcher, learner -> true);
    }

    /**
     * Schedules only the learners {@code serves} accepts among the dispatcher's platforms: the
     * console chat serves only the learner at the keyboard, so nobody else's reminder is spent there.
     */
    public ReminderScheduler(Database database, Learners learners, ReminderDispatcher dispatcher,
            Predicate<Learner> serves) {
        this(database, learners, dispatcher, serves, DEFAULT_MISFIRE_THRESHOLD);
    }

    /** With Quartz's misfire threshold chosen: tests make triggers misfire without waiting a minute. */
    ReminderScheduler(Database database, Learners learners, ReminderDispatcher dispatcher, Predicate<Learner> serves,
            Duration misfireThreshold) {
        this.database = database;
        this.learners = learners;
        this.dispatcher = dispatcher;
        this.serves = serves;
        this.scheduler = createScheduler(dispatcher.settings().threads(), misfireThreshold);
    }

    /** What start-up did, for the log and the benchmark. */
    public record StartReport(int learners, int triggers, int late, Duration elapsed) {
    }

    /** Builds every trigger from the database, queues missed reminders, and starts firing. */
    public StartReport start() {
        StartReport report = schedule();
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot start the reminder scheduler: " + e.getMessage(), e);
        }
        log.info("Reminders scheduled for {} learners ({} triggers, {} late reminders queued) in {} ms",
                report.learners(), report.triggers(), report.late(), report.elapsed().toMillis());
        return report;
    }

    /** Builds the triggers without firing anything: for listing what is scheduled. */
    public StartReport schedule() {
        long began = System.nanoTime();
        Instant now = dispatcher.clock().instant();
        List<Learner> withReminders = learners.withReminders(dispatcher.platforms()).stream().filter(serves).toList();
        Set<String> delivered = deliveredSince(now.minus(dispatcher.settings().grace()).minus(Duration.ofDays(8)));
        Map<String, Instant> changed = learners.reminderChangesSince(now.minus(dispatcher.settings().grace()));
        int triggers = 0;
        int late = 0;
        try {
            List<Trigger> batch = new ArrayList<>(BATCH + 16);
            for (Learner learner : withReminders) {
                ReminderTriggers.weekly(learner, now, zones).ifPresent(batch::add);
                ReminderTriggers.snoozed(learner, now).ifPresent(batch::add);
                Optional<Trigger> missed = missed(learner, now, delivered, changed.get(learner.id()));
                if (missed.isPresent()) {
                    batch.add(missed.get());
                    late++;
                }
                if (batch.size() >= BATCH) {
                    triggers += store(batch);
                }
            }
            triggers += store(batch);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule reminders: " + e.getMessage(), e);
        }
        return new StartReport(withReminders.size(), triggers, late, Duration.ofNanos(System.nanoTime() - began));
    }

    /**
     * Hands the triggers to Quartz, each with a job of its own, and empties the batch. The store keeps
     * copies, so batches bound the triggers built but not yet stored.
     */
    private int store(List<Trigger> batch) throws SchedulerException {
        if (batch.isEmpty()) {
            return 0;
        }
        Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
        for (Trigger trigger : batch) {
            jobs.put(ReminderTriggers.jobFor(trigger), Set.of(trigger));
        }
        scheduler.scheduleJobs(jobs, true);
        int stored = batch.size();
        batch.clear();
        return stored;
    }

    /**
     * A one-shot trigger for the weekly or snoozed reminder missed while the mentor was down, if still in
     * grace. A weekly time is missed only if the learner already had that setting when it fell due: one
     * they just moved to earlier today is next week's, not a late one ({@code settingChanged} is null when
     * the setting is older than the grace window).
     */
    private Optional<Trigger> missed(Learner learner, Instant now, Set<String> delivered, Instant settingChanged) {
        Duration grace = dispatcher.settings().grace();
        Instant weekly = previousWeekly(learner, now);
        // The grace test first: it is cheap and rules out nearly every learner at start-up.
        if (Duration.between(weekly, now).compareTo(grace) <= 0
                && (settingChanged == null || !settingChanged.isAfter(weekly))
                && learner.remindsOn(weekly.atZone(learner.zone()).toLocalDate())
                && !delivered.contains(learner.id() + " " + ReminderKind.WEEKLY.key(weekly.atZone(learner.zone()).toLocalDate()))) {
            return Optional.of(ReminderTriggers.oneShot(ReminderTriggers.LATE, learner.id(), learner.id(),
                    ReminderKind.WEEKLY, weekly, 1, now));
        }
        Optional<Instant> snooze = learner.activeSnooze().filter(until -> !until.isAfter(now));
        if (snooze.isPresent() && Duration.between(snooze.get(), now).compareTo(grace) <= 0) {
            return Optional.of(ReminderTriggers.oneShot(ReminderTriggers.LATE, learner.id() + "/snooze", learner.id(),
                    ReminderKind.SNOOZED, snooze.get(), 1, now));
        }
        if (snooze.isPresent() || (learner.snoozed().isPresent() && learner.activeSnooze().isEmpty())) {
            learners.update(learner.withSnoozedUntil(null)); // too old to repeat now, or reminders are off or paused
        }
        return Optional.empty();
    }

    /** The latest time at or before {@code now} when the learner's weekly reminder was due. */
    static Instant previousWeekly(Learner learner, Instant now) {
        ZonedDateTime local = now.atZone(learner.zone());
        ZonedDateTime candidate = local.with(TemporalAdjusters.previousOrSame(learner.reminderDay()))
                .with(learner.reminderTime());
        if (candidate.isAfter(local)) {
            candidate = candidate.minusWeeks(1).with(learner.reminderTime());
        }
        return candidate.toInstant();
    }

    private Set<String> deliveredSince(Instant since) {
        return database.read(handle -> handle.createQuery(
                        "select learner_id, delivery_key from reminder_deliveries where due_at >= :since "
                                + "and state = 'sent'")
                .bind("since", Learners.instantColumn(since))
                .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2))
                .collect(Collectors.toCollection(HashSet::new)));
    }

    /**
     * Called by the job for a weekly or snooze trigger. Its due time is the learner's scheduled time,
     * whenever Quartz got to it: a trigger that waited past the misfire threshold reports the time it
     * finally fired, which would hide that it is late.
     */
    void fireScheduled(String learnerId, ReminderKind kind, Instant firedFor) {
        Instant due = learners.find(learnerId).map(learner -> dueTime(learner, kind, firedFor)).orElse(firedFor);
        fire(learnerId, kind, due, 1);
    }

    /** The learner's own time for the reminder a trigger fired for at {@code firedFor}. */
    static Instant dueTime(Learner learner, ReminderKind kind, Instant firedFor) {
        return switch (kind) {
            case WEEKLY -> previousWeekly(learner, firedFor);
            case SNOOZED -> learner.snoozed().filter(until -> !until.isAfter(firedFor)).orElse(firedFor);
        };
    }

    /** Called by the job: one attempt, and what follows from its outcome. */
    void fire(String learnerId, ReminderKind kind, Instant due, int attempt) {
        ReminderDispatcher.Outcome outcome;
        try {
            outcome = dispatcher.dispatch(learnerId, kind, due);
        } catch (RuntimeException e) {
            log.error("Reminder for learner {} failed unexpectedly", learnerId, e);
            outcome = ReminderDispatcher.Outcome.RETRY;
        }
        switch (outcome) {
            case RETRY -> retry(learnerId, kind, due, attempt);
            // Another claim holds it: look again when its lease has run out, in case its owner died.
            case BEING_SENT -> check(learnerId, kind, due, attempt,
                    dispatcher.clock().instant().plus(dispatcher.settings().claimLease()).plusSeconds(1));
            case TURNED_OFF, UNKNOWN_LEARNER -> unscheduleAll(learnerId);
            default -> {
            }
        }
    }

    private void retry(String learnerId, ReminderKind kind, Instant due, int attempt) {
        ReminderSettings settings = dispatcher.settings();
        if (attempt >= settings.maxAttempts()) {
            log.warn("Giving up the {} reminder for learner {} after {} attempts", kind, learnerId, attempt);
            return;
        }
        Duration wait = settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        Instant at = dispatcher.clock().instant().plus(wait);
        try {
            Trigger retry = ReminderTriggers.oneShot(ReminderTriggers.RETRY,
                    learnerId + "/" + kind + "/" + due.toEpochMilli() + "/" + (attempt + 1), learnerId, kind, due,
                    attempt + 1, at);
            scheduler.scheduleJob(ReminderTriggers.jobFor(retry), retry);
        } catch (SchedulerException e) {
            log.error("Cannot schedule a retry for learner {}", learnerId, e);
        }
    }

    /** Tries the same attempt again at {@code at}; a look too many only finds the reminder sent. */
    private void check(String learnerId, ReminderKind kind, Instant due, int attempt, Instant at) {
        try {
            Trigger check = ReminderTriggers.oneShot(ReminderTriggers.RETRY, learnerId + "/" + kind + "/"
                    + due.toEpochMilli() + "/claim/" + at.toEpochMilli(), learnerId, kind, due, attempt, at);
            scheduler.scheduleJob(ReminderTriggers.jobFor(check), check);
        } catch (SchedulerException e) {
            log.error("Cannot schedule a look at the claimed reminder of learner {}", learnerId, e);
        }
    }

    @Override
    public void learnerChanged(Learner learner) {
        if (!dispatcher.platforms().contains(learner.platform()) || !serves.test(learner)) {
            return;
        }
        Instant now = dispatcher.clock().instant();
        try {
            scheduler.unscheduleJobs(List.of(ReminderTriggers.weeklyKey(learner.id()),
                    ReminderTriggers.snoozeKey(learner.id())));
            for (Trigger trigger : List.of(ReminderTriggers.weekly(learner, now, zones), ReminderTriggers.snoozed(learner, now))
                    .stream().flatMap(Optional::stream).toList()) {
                scheduler.scheduleJob(ReminderTriggers.jobFor(trigger), trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot reschedule reminders for learner " + learner.id(), e);
        }
    }

    @Override
    public void learnerForgotten(String learnerId) {
        unscheduleAll(learnerId);
    }

    private void unscheduleAll(String learnerId) {
        try {
            scheduler.unscheduleJobs(List.of(ReminderTriggers.weeklyKey(learnerId),
                    ReminderTriggers.snoozeKey(learnerId)));
        } catch (SchedulerException e) {
            log.error("Cannot unschedule reminders for learner {}", learnerId, e);
        }
    }

    /** Every scheduled weekly and snoozed reminder with its next fire time, soonest first. */
    public List<ScheduledReminder> scheduled() {
        try {
            Map<String, Learner> byId = learners.withReminders(dispatcher.platforms()).stream()
                    .collect(Collectors.toMap(Learner::id, Function.identity()));
            List<ScheduledReminder> result = new ArrayList<>();
            for (String group : List.of(ReminderTriggers.WEEKLY, ReminderTriggers.SNOOZE)) {
                for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
                    Trigger trigger = scheduler.getTrigger(key);
                    Learner learner = byId.get(key.getName());
                    if (trigger == null || learner == null || trigger.getNextFireTime() == null) {
                        continue;
                    }
                    result.add(new ScheduledReminder(learner, ReminderTriggers.ownerOf(key).orElseThrow().kind(),
                            trigger.getNextFireTime().toInstant()));
                }
            }
            result.sort(Comparator.comparing(ScheduledReminder::nextFire)
                    .thenComparing(r -> r.learner().platform()).thenComparing(r -> r.learner().platformUserId()));
            return result;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot list reminders: " + e.getMessage(), e);
        }
    }

    /** The kinds of reminder Quartz holds a trigger for, for this learner: what will fire, whatever the database says. */
    List<ReminderKind> triggersOf(String learnerId) {
        try {
            List<ReminderKind> kinds = new ArrayList<>();
            for (TriggerKey key : List.of(ReminderTriggers.weeklyKey(learnerId), ReminderTriggers.snoozeKey(learnerId))) {
                if (scheduler.checkExists(key)) {
                    kinds.add(ReminderTriggers.ownerOf(key).orElseThrow().kind());
                }
            }
            return kinds;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot read the triggers of learner " + learnerId, e);
        }
    }

    /** Stops firing; reminders being delivered finish first, so none is left half-recorded. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("Reminder scheduler did not shut down cleanly", e);
        }
    }

    private Scheduler createScheduler(int threads, Duration misfireThreshold) {
        Properties properties = new Properties();
        // Each scheduler gets a name of its own: Quartz shares schedulers of the same name in a JVM.
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "mentor-reminders-" + UUID.randomUUID());
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(threads));
        properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
        try {
            Scheduler created = new StdSchedulerFactory(properties).getScheduler();
            JobFactory jobs = (bundle, owner) -> new ReminderJob(this);
            created.setJobFactory(jobs);
            return created;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot create the reminder scheduler: " + e.getMessage(), e);
        }
    }
}
