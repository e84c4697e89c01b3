package dev.mentor.reminders;

import dev.mentor.learners.Learner;
import dev.mentor.learners.LearnerListener;
import dev.mentor.learners.Learners;
import dev.mentor.storage.Database;
import dev.mentor.scheduling.Scheduling;
import dev.mentor.scheduling.WeeklyTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, with one trigger per learner's weekly reminder in the learner's own zone.
 *
 * <p>The database is the source of truth, so the job store is Quartz's RAM store, and it holds only
 * what falls due within the next {@link #HORIZON}: one one-shot trigger per learner's next weekly time,
 * found a page at a time by the learners' weekly slots, and moved on every {@link #HORIZON_STEP}. A
 * million learners thus never load at once, at start or later. The delivery table's unique key is what
 * makes a reminder go out once. Reminders missed while the mentor was down are found on start and sent
 * once, late, within the grace window. Setting changes reach the triggers at once through
 * {@link LearnerListener}; a trigger left from an older setting is recognised when it fires and sends
 * nothing.
 */
public final class ReminderScheduler implements LearnerListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);
    /** Learners read from the database at a time. */
    private static final int PAGE = 1_000;
    /** How far ahead triggers are kept in memory. */
    static final Duration HORIZON = Duration.ofHours(1);
    /** How often the horizon moves on. */
    static final Duration HORIZON_STEP = Duration.ofMinutes(15);

    private final Database database;
    private final Learners learners;
    private final ReminderDispatcher dispatcher;
    private final Scheduling scheduling;
    /** Triggers added in one step of the horizon past which the shared store's statistics are refreshed. */
    static final int ANALYZE_AFTER = 1_000;
    private final Scheduler scheduler;
    private final Predicate<Learner> serves;
    private final Object horizonLock = new Object();
    /**
     * Weekly times up to this instant are in Quartz, or being added; later ones are the horizon's to add. It is
     * never more than {@link #HORIZON} from now, which is all a changed setting needs to know.
     */
    private Instant horizonEnd;

    /**
     * Schedules every learner of the dispatcher's platforms. On PostgreSQL the schedule lives in Quartz's
     * clustered JDBC store, shared by every instance serving everyone: a changed setting moves the trigger
     * for all of them at once, each trigger fires on one instance, and a dead instance's triggers fire on
     * the others.
     */
    public ReminderScheduler(Database database, Learners learners, ReminderDispatcher dispatcher) {
        this(database, learners, dispatcher, learner -> true, database.settings().isPostgres()
                ? Scheduling.shared(database, dispatcher.settings().threads(), Scheduling.DEFAULT_MISFIRE_THRESHOLD)
                : Scheduling.inMemory(dispatcher.settings().threads(), Scheduling.DEFAULT_MISFIRE_THRESHOLD));
    }

    /**
     * Schedules only the learners {@code serves} accepts among the dispatcher's platforms: the
     * console chat serves only the learner at the keyboard, so nobody else's reminder is spent there.
     * Such a schedule is always its own (in memory): in a shared one it would fire others' triggers.
     */
    public ReminderScheduler(Database database, Learners learners, ReminderDispatcher dispatcher,
            Predicate<Learner> serves) {
        this(database, learners, dispatcher, serves, Scheduling.DEFAULT_MISFIRE_THRESHOLD);
    }

    /** With Quartz's misfire threshold chosen: tests make triggers misfire without waiting a minute. */
    ReminderScheduler(Database database, Learners learners, ReminderDispatcher dispatcher, Predicate<Learner> serves,
            Duration misfireThreshold) {
        this(database, learners, dispatcher, serves, Scheduling.inMemory(dispatcher.settings().threads(), misfireThreshold));
    }

    /**
     * On a scheduler it shares (with the digests): a shared schedule ({@link Scheduling#shared}) must serve
     * everyone, since any of its triggers may fire here.
     */
    public ReminderScheduler(Database database, Learners learners, ReminderDispatcher dispatcher, Predicate<Learner> serves,
            Scheduling scheduling) {
        this.database = database;
        this.learners = learners;
        this.dispatcher = dispatcher;
        this.serves = serves;
        this.scheduling = scheduling;
        this.scheduler = scheduling.quartz();
        scheduling.register(ReminderJob.class, () -> new ReminderJob(this));
        this.horizonEnd = dispatcher.clock().instant();
    }

    /** Whether it is firing: started and not shut down. */
    public boolean isRunning() {
        return scheduling.isRunning();
    }

    /** What start-up did, for the log and the benchmark: learners read, triggers made, late ones among them. */
    public record StartReport(int learners, int triggers, int late, Duration elapsed) {
    }

    /**
     * Loads what falls due within the horizon, queues missed reminders, and starts firing. On a shared
     * schedule the store already holds what the other instances scheduled, so it fires at once and this
     * reconciliation with the database (which repairs drift, such as a first start or a setting changed while
     * every instance was down) runs in the background, a page at a time; it returns an empty report then.
     */
    public StartReport start() {
        // Ahead of reminders due at the same time, and at once if a burst kept every thread busy: the
        // horizon must never run out, or reminders past it would wait for the next step.
        Trigger horizon = TriggerBuilder.newTrigger()
                .withIdentity(ReminderTriggers.HORIZON_KEY)
                .withPriority(Trigger.DEFAULT_PRIORITY * 2)
                .startAt(Date.from(dispatcher.clock().instant().plus(HORIZON_STEP)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(HORIZON_STEP.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount())
                .build();
        if (scheduling.isShared()) {
            addIfAbsent(horizon); // another instance may have it already
            scheduling.start();
            Thread.ofVirtual().name("reminders-reconcile").start(() -> {
                try {
                    logStart("reconciled in the background", schedule());
                } catch (RuntimeException e) {
                    if (!scheduling.isRunning()) {
                        log.debug("Reconciling stopped: the scheduler shut down", e);
                        return;
                    }
                    log.error("Reconciling the reminders' schedule with the database failed; the next horizon step "
                            + "adds what is due", e);
                }
            });
            return new StartReport(0, 0, 0, Duration.ZERO);
        }
        StartReport report = schedule();
        addIfAbsent(horizon);
        scheduling.start();
        logStart("scheduled", report);
        return report;
    }

    private static void logStart(String what, StartReport report) {
        log.info("Reminders {}: {} learners read, {} triggers within the next {} min, {} late reminders queued, in {} ms",
                what, report.learners(), report.triggers(), HORIZON.toMinutes(), report.late(), report.elapsed().toMillis());
    }

    /** Builds the triggers due within the horizon and the late ones, without firing anything. */
    public StartReport schedule() {
        long began = System.nanoTime();
        Instant now = dispatcher.clock().instant();
        Duration grace = dispatcher.settings().grace();
        Map<String, Instant> changed = learners.reminderChangesSince(now.minus(grace));
        int[] counts = new int[3]; // learners read, triggers, late
        for (Learner learner : learners.withSnoozes(dispatcher.platforms())) {
            if (serves.test(learner)) {
                counts[0]++;
                counts[1] += snooze(learner, now);
            }
        }
        // Missed while the mentor was down: weekly times within the grace window, a page at a time.
        learners.forEachInWeeklyWindow(dispatcher.platforms(), now.minus(grace), now, PAGE, page -> {
            List<Learner> served = page.stream().filter(serves).toList();
            counts[0] += served.size();
            Set<String> delivered = deliveredSince(served, now.minus(grace).minus(Duration.ofDays(8)));
            for (Learner learner : served) {
                Optional<Trigger> missed = missedWeekly(learner, now, delivered, changed.get(learner.id()));
                if (missed.isPresent()) {
                    add(missed.get());
                    counts[1]++;
                    counts[2]++;
                }
            }
        });
        counts[1] += extendHorizonTo(now, now.plus(HORIZON), counts);
        return new StartReport(counts[0], counts[1], counts[2], Duration.ofNanos(System.nanoTime() - began));
    }

    /** Moves the horizon on: called by its own trigger every {@link #HORIZON_STEP}. */
    void extendHorizon() {
        Instant now = dispatcher.clock().instant();
        Instant from;
        synchronized (horizonLock) {
            // From where the last step ended, even if that has passed (the process was paused): such times
            // fire at once, late, and the grace window decides whether they still go out.
            from = horizonEnd;
        }
        int added = extendHorizonTo(from, now.plus(HORIZON), new int[3]);
        log.debug("Reminder horizon moved to {}: {} triggers added", now.plus(HORIZON), added);
    }

    /**
     * Adds a trigger for each weekly time after {@code from} and up to {@code to}. A setting changed meanwhile
     * schedules itself (anything within the hour); a trigger already there (from such a change) is fresher
     * than the page read here, so it stays.
     */
    private int extendHorizonTo(Instant from, Instant to, int[] counts) {
        synchronized (horizonLock) {
            if (to.isAfter(horizonEnd)) {
                horizonEnd = to;
            }
        }
        int[] added = {0};
        learners.forEachInWeeklyWindow(dispatcher.platforms(), from, to, PAGE, page -> {
            for (Learner learner : page) {
                if (!serves.test(learner)) {
                    continue;
                }
                counts[0]++;
                Optional<Instant> next = ReminderTriggers.nextWeekly(learner, from).filter(at -> !at.isAfter(to));
                if (next.isPresent() && addIfAbsent(ReminderTriggers.weekly(learner.id(), next.get()))) {
                    added[0]++;
                }
            }
        });
        if (added[0] >= ANALYZE_AFTER && scheduling.refreshStoreStatistics()) {
            log.debug("Statistics of the shared schedule refreshed after {} triggers were added", added[0]);
        }
        return added[0];
    }

    /** The snooze trigger of a learner with one set, or its clearing when it is too old or void. */
    private int snooze(Learner learner, Instant now) {
        Duration grace = dispatcher.settings().grace();
        Optional<Trigger> future = ReminderTriggers.snoozed(learner, now);
        if (future.isPresent()) {
            add(future.get());
            return 1;
        }
        Optional<Instant> due = learner.activeSnooze().filter(until -> !until.isAfter(now));
        if (due.isPresent() && Duration.between(due.get(), now).compareTo(grace) <= 0) {
            add(ReminderTriggers.oneShot(ReminderTriggers.LATE, learner.id() + "/snooze", learner.id(),
                    ReminderKind.SNOOZED, due.get(), 1, now));
            return 1;
        }
        learners.update(learner.withSnoozedUntil(null)); // too old to repeat now, or reminders are off or paused
        return 0;
    }

    private void add(Trigger trigger) {
        try {
            scheduler.scheduleJob(ReminderTriggers.jobFor(trigger), Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule reminders: " + e.getMessage(), e);
        }
    }

    private boolean addIfAbsent(Trigger trigger) {
        try {
            scheduler.scheduleJob(ReminderTriggers.jobFor(trigger), trigger);
            return true;
        } catch (ObjectAlreadyExistsException e) {
            return false;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule reminders: " + e.getMessage(), e);
        }
    }

    /**
     * A one-shot trigger for the weekly reminder missed while the mentor was down, if still in grace. A
     * weekly time is missed only if the learner already had that setting when it fell due: one they just
     * moved to earlier today is next week's, not a late one ({@code settingChanged} is null when the setting
     * is older than the grace window).
     */
    private Optional<Trigger> missedWeekly(Learner learner, Instant now, Set<String> delivered, Instant settingChanged) {
        Instant weekly = previousWeekly(learner, now);
        if (Duration.between(weekly, now).compareTo(dispatcher.settings().grace()) <= 0
                && (settingChanged == null || !settingChanged.isAfter(weekly))
                && learner.remindsOn(weekly.atZone(learner.zone()).toLocalDate())
                && !delivered.contains(learner.id() + " " + ReminderKind.WEEKLY.key(weekly.atZone(learner.zone()).toLocalDate()))) {
            return Optional.of(ReminderTriggers.oneShot(ReminderTriggers.LATE, learner.id(), learner.id(),
                    ReminderKind.WEEKLY, weekly, 1, now));
        }
        return Optional.empty();
    }

    /** The latest time at or before {@code now} when the learner's weekly reminder was due. */
    static Instant previousWeekly(Learner learner, Instant now) {
        return WeeklyTimes.previous(learner.zone(), learner.reminderDay(), learner.reminderTime(), now);
    }

    /** Which of these learners' reminders since {@code since} went out, as "learner key". */
    private Set<String> deliveredSince(List<Learner> page, Instant since) {
        if (page.isEmpty()) {
            return Set.of();
        }
        return database.read(handle -> handle.createQuery(
                        "select learner_id, delivery_key from reminder_deliveries where learner_id in (<ids>) "
                                + "and due_at >= :since and state = 'sent'")
                .bindList("ids", page.stream().map(Learner::id).toList())
                .bind("since", since)
                .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2))
                .collect(Collectors.toCollection(HashSet::new)));
    }

    /**
     * Called by the job for a snooze trigger. Its due time is the snooze the learner set, whenever Quartz got
     * to it: a trigger that waited past the misfire threshold reports the time it finally fired, which would
     * hide that it is late.
     */
    void fireSnooze(String learnerId, Instant firedFor) {
        Instant due = learners.find(learnerId)
                .flatMap(learner -> learner.snoozed().filter(until -> !until.isAfter(firedFor)))
                .orElse(firedFor);
        fire(learnerId, ReminderKind.SNOOZED, due, 1);
    }

    /**
     * Called by the job for a weekly trigger made for {@code due}. A trigger made from a setting changed
     * since (the horizon read the row just before the change) is not a time the learner asked for: it
     * sends nothing, and their current setting is scheduled again to be sure.
     */
    void fireWeekly(String learnerId, Instant due) {
        Optional<Learner> learner = learners.find(learnerId);
        if (learner.isPresent() && !previousWeekly(learner.get(), due).equals(due)) {
            log.debug("A weekly trigger of learner {} at {} predates their setting; rescheduled", learnerId, due);
            learnerChanged(learner.get());
            return;
        }
        fire(learnerId, ReminderKind.WEEKLY, due, 1);
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
            // Within an hour it is scheduled now. The horizon never reaches past an hour from now, so a time
            // later than that is the horizon's to add when it gets there; one it already covers stays as is.
            Optional<Instant> next = ReminderTriggers.nextWeekly(learner, now).filter(at -> !at.isAfter(now.plus(HORIZON)));
            if (next.isPresent()) {
                Trigger weekly = ReminderTriggers.weekly(learner.id(), next.get());
                scheduler.scheduleJob(ReminderTriggers.jobFor(weekly), weekly);
            }
            Optional<Trigger> snooze = ReminderTriggers.snoozed(learner, now);
            if (snooze.isPresent()) {
                scheduler.scheduleJob(ReminderTriggers.jobFor(snooze.get()), snooze.get());
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

    /** Every weekly and snoozed reminder Quartz holds now (those within the horizon), soonest first. */
    public List<ScheduledReminder> scheduled() {
        try {
            List<ScheduledReminder> result = new ArrayList<>();
            for (String group : List.of(ReminderTriggers.WEEKLY, ReminderTriggers.SNOOZE)) {
                for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
                    Trigger trigger = scheduler.getTrigger(key);
                    Optional<Learner> learner = learners.find(key.getName());
                    if (trigger == null || learner.isEmpty() || trigger.getNextFireTime() == null) {
                        continue;
                    }
                    result.add(new ScheduledReminder(learner.get(), ReminderTriggers.ownerOf(key).orElseThrow().kind(),
                            trigger.getNextFireTime().toInstant()));
                }
            }
            result.sort(ScheduledReminder.SOONEST_FIRST);
            return result;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot list reminders: " + e.getMessage(), e);
        }
    }

    /**
     * The next reminder of every learner this scheduler serves that {@code wanted} accepts, worked out from
     * the database a page at a time (not from Quartz, which holds only the next hour), soonest first:
     * the {@code limit} after the first {@code skip} (all when {@code limit} is 0), and how many there are.
     */
    public Upcoming upcoming(Predicate<ScheduledReminder> wanted, int skip, int limit) {
        Instant now = dispatcher.clock().instant();
        int keep = limit == 0 ? Integer.MAX_VALUE : skip + limit;
        // The latest kept on top, so a sooner one replaces it: memory holds what is shown, not every learner.
        java.util.PriorityQueue<ScheduledReminder> kept = new java.util.PriorityQueue<>(ScheduledReminder.SOONEST_FIRST.reversed());
        int[] counts = {0, 0}; // all, matched
        learners.forEachWithReminders(dispatcher.platforms(), PAGE, page -> {
            for (Learner learner : page) {
                if (!serves.test(learner)) {
                    continue;
                }
                List<ScheduledReminder> next = new ArrayList<>(2);
                ReminderTriggers.nextWeekly(learner, now)
                        .ifPresent(at -> next.add(new ScheduledReminder(learner, ReminderKind.WEEKLY, at)));
                learner.activeSnooze().filter(until -> until.isAfter(now))
                        .ifPresent(at -> next.add(new ScheduledReminder(learner, ReminderKind.SNOOZED, at)));
                for (ScheduledReminder reminder : next) {
                    counts[0]++;
                    if (!wanted.test(reminder)) {
                        continue;
                    }
                    counts[1]++;
                    kept.add(reminder);
                    if (kept.size() > keep) {
                        kept.poll();
                    }
                }
            }
        });
        List<ScheduledReminder> soonest = new ArrayList<>(kept);
        soonest.sort(ScheduledReminder.SOONEST_FIRST);
        return new Upcoming(List.copyOf(soonest.subList(Math.min(skip, soonest.size()), soonest.size())), counts[0],
                counts[1]);
    }

    /** A page of upcoming reminders, how many there are, and how many of them matched. */
    public record Upcoming(List<ScheduledReminder> page, int all, int matched) {
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
            scheduling.close();
        } catch (IllegalStateException e) {
            log.warn("Reminder scheduler did not shut down cleanly", e);
        }
    }
}
