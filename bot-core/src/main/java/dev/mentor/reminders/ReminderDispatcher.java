package dev.mentor.reminders;

import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import dev.mentor.platforms.DeliveryException;
import dev.mentor.chat.Reply;
import dev.mentor.learners.Completion;
import dev.mentor.learners.Learner;
import dev.mentor.learners.Learners;
import dev.mentor.learners.ReminderState;
import dev.mentor.logging.LearnerLogContext;
import dev.mentor.storage.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one due reminder at most once, in three steps so that no transaction waits on the platform:
 * a short transaction claims the delivery row, keyed by (learner, local week), in state {@code sending}
 * with this instance's id and a lease; the reminder is sent outside any transaction; a second short
 * transaction marks the row {@code sent}, or releases the claim when the platform failed for now (so it
 * is retried), or turns reminders off when it never will take it. A row already sent, or claimed by a
 * live lease, is not sent again. A claim whose lease ran out means its owner died mid-send: it is taken
 * over once, marked late, and counted as a possible duplicate; that send in flight is the only window
 * for one.
 */
public final class ReminderDispatcher implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ReminderDispatcher.class);

    /** What became of one attempt. */
    public enum Outcome {
        SENT, ALREADY_SENT, BEING_SENT, TOO_LATE, NOT_DUE, UNKNOWN_LEARNER, NO_PLATFORM, RETRY, TURNED_OFF,
        /** The request went out but its answer never came back: recorded as sent (uncertain), not retried. */
        POSSIBLY_SENT
    }

    private final Database database;
    private final Learners learners;
    private final ReminderComposer composer;
    private final Map<String, DeliveryPort> ports;
    private final ReminderSettings settings;
    private final Clock clock;
    /** Names this instance's claims; a new one each run, so a restarted process never owns its dead self's. */
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong possibleDuplicates = new AtomicLong();
    private final AtomicLong possiblySent = new AtomicLong();
    private final DeliveryLag lag = new DeliveryLag();
    /** Counted from construction; in the app's registry once bound (see {@link #bindTo}). */
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Counter late = Counter.builder("mentor.reminders.late")
            .description("Reminders sent later than the late threshold after their due time")
            .register(meters);
    private final Timer behindDue = Timer.builder("mentor.reminders.delivery.lag")
            .description("How long after its due time each reminder went out")
            .publishPercentileHistogram()
            .register(meters);

    public ReminderDispatcher(Database database, Learners learners, ReminderComposer composer,
            Map<String, DeliveryPort> ports, ReminderSettings settings, Clock clock) {
        this.database = database;
        this.learners = learners;
        this.composer = composer;
        this.ports = Map.copyOf(ports);
        this.settings = settings;
        this.clock = clock;
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("mentor.reminders")
                    .description("Reminder attempts, by what became of them (too_late: skipped past the grace window; "
                            + "retry: failed for now; turned_off: the learner cannot be reached)")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
        FunctionCounter.builder("mentor.reminders.duplicate.suspected", possibleDuplicates, AtomicLong::get)
                .description("Reminders sent again after another owner's claim expired: each may have arrived twice")
                .register(meters);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters.add(registry);
    }

    public java.util.Set<String> platforms() {
        return ports.keySet();
    }

    public ReminderSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** Reminders this instance sent again after another owner's claim expired: each may have arrived twice. */
    public long possibleDuplicates() {
        return possibleDuplicates.get();
    }

    /**
     * Reminders whose send went out but whose answer never came back (a read timeout): recorded as sent,
     * marked uncertain, and not retried; each may not have arrived.
     */
    public long possiblySent() {
        return possiblySent.get();
    }

    /** How far behind delivery runs: reminders sent past {@link DeliveryLag#WARN_AFTER}, and the warnings. */
    public DeliveryLag lag() {
        return lag;
    }

    /** What the claim step decided: an outcome when there is nothing to send, else what to send. */
    private record Claim(Outcome outcome, Learner learner, String key, boolean late, Recipient recipient,
            List<Completion> completions) {

        static Claim none(Outcome outcome) {
            return new Claim(outcome, null, null, false, null, null);
        }
    }

    /** Sends the reminder of this kind that fell due at {@code due}, unless it went out already. */
    public Outcome dispatch(String learnerId, ReminderKind kind, Instant due) {
        // The learner's own id here: an internal one, hashed like a platform id all the same.
        return LearnerLogContext.call("reminders", learnerId, () -> {
            Outcome outcome = attempt(learnerId, kind, due);
            outcomes.get(outcome).increment();
            return outcome;
        });
    }

    private Outcome attempt(String learnerId, ReminderKind kind, Instant due) {
        Optional<Learner> found = learners.find(learnerId);
        if (found.isEmpty()) {
            return Outcome.UNKNOWN_LEARNER;
        }
        Learner learner = found.get();
        DeliveryPort port = ports.get(learner.platform());
        if (port == null) {
            return Outcome.NO_PLATFORM;
        }
        Instant now = clock.instant();
        lag.report(now); // late sends not yet warned about, once the minute since the last warning is over
        Duration lateness = Duration.between(due, now);
        if (lateness.compareTo(settings.grace()) > 0) {
            log.info("Skipping a {} reminder due at {}: {} late, past the grace window", kind, due, lateness);
            if (kind == ReminderKind.SNOOZED) {
                learners.update(learner.withSnoozedUntil(null));
            }
            return Outcome.TOO_LATE;
        }
        Claim claim = database.write(handle -> claim(handle, learnerId, kind, due, now,
                lateness.compareTo(settings.lateAfter()) > 0));
        if (claim.outcome() != null) {
            return claim.outcome();
        }
        Learner current = claim.learner();
        Reply reply = composer.compose(current, claim.completions(), due, claim.late(),
                now.atZone(current.zone()).toLocalDate());
        // No transaction is open here: a slow or throttled platform holds up nobody else's reminder or command.
        // Anything but a DeliveryException leaves the claim in place: whether the platform took the message is
        // unknown, so only the lease's expiry lets it be sent again, once, counted as a possible duplicate.
        try {
            port.deliver(claim.recipient(), reply);
        } catch (DeliveryException e) {
            if (e.isPossiblySent()) {
                // Sending again is what delivered reminders twice: it counts as sent, marked uncertain.
                long count = possiblySent.incrementAndGet();
                log.warn("Reminder for learner {} on {} may or may not have arrived ({}); recorded as sent, not retried "
                        + "({} such so far)", learnerId, learner.platform(), e.getMessage(), count);
                database.writeAll(handle -> record(handle, learnerId, kind, claim.key(), due, true));
                sent(due);
                return Outcome.POSSIBLY_SENT;
            }
            database.writeAll(handle -> release(handle, learnerId, claim.key()));
            if (e.isPermanent()) {
                log.warn("Learner {} on {} cannot be reached ({}); their reminders are now off",
                        learnerId, learner.platform(), e.getMessage());
                learners.turnRemindersOff(learnerId);
                return Outcome.TURNED_OFF;
            }
            log.warn("Reminder for learner {} on {} failed for now: {}", learnerId, learner.platform(), e.getMessage());
            return Outcome.RETRY;
        }
        database.writeAll(handle -> record(handle, learnerId, kind, claim.key(), due, false));
        sent(due);
        return Outcome.SENT;
    }

    /** Counts a reminder that went out (or may have): how far behind its due time, and whether late. */
    private void sent(Instant due) {
        Instant now = clock.instant();
        lag.sent(due, now);
        Duration behind = Duration.between(due, now);
        behindDue.record(behind.isNegative() ? Duration.ZERO : behind);
        if (behind.compareTo(settings.lateAfter()) > 0) {
            late.increment();
        }
    }

    /**
     * The first short transaction: re-reads the learner's settings under their row's lock (a {@code /remind
     * off} or pause committed before now wins), then claims the delivery row, or takes over an expired claim.
     */
    private Claim claim(org.jdbi.v3.core.Handle handle, String learnerId, ReminderKind kind, Instant due, Instant now,
            boolean late) {
        Optional<Learner> locked = Learners.findLocked(handle, learnerId);
        if (locked.isEmpty()) {
            return Claim.none(Outcome.UNKNOWN_LEARNER);
        }
        Learner current = locked.get();
        LocalDate dueDate = due.atZone(current.zone()).toLocalDate();
        if (!wanted(current, kind, dueDate, now)) {
            if (kind == ReminderKind.SNOOZED && current.snoozed().isPresent() && current.activeSnooze().isEmpty()) {
                Learners.updateReminder(handle, current.withSnoozedUntil(null)); // off or paused: it is void
            }
            return Claim.none(Outcome.NOT_DUE);
        }
        String key = kind.key(dueDate);
        long leaseUntil = now.plus(settings.claimLease()).toEpochMilli();
        int claimed = handle.createUpdate("insert into reminder_deliveries (learner_id, delivery_key, due_at, sent_at, "
                        + "late, state, claimed_by, lease_until, takeovers) values (:learner, :key, :due, :now, :late, "
                        + "'sending', :instance, :lease, 0) on conflict (learner_id, delivery_key) do nothing")
                .bind("learner", learnerId)
                .bind("key", key)
                .bind("due", due)
                .bind("now", now)
                .bind("late", late ? 1 : 0)
                .bind("instance", instance)
                .bind("lease", leaseUntil)
                .execute();
        if (claimed == 0) {
            // Taken over only from a sending row whose lease ran out, and only once.
            int takenOver = handle.createUpdate("update reminder_deliveries set claimed_by = :instance, "
                            + "lease_until = :lease, sent_at = :now, late = 1, takeovers = takeovers + 1 "
                            + "where learner_id = :learner and delivery_key = :key and state = 'sending' "
                            + "and lease_until < :nowMillis and takeovers = 0")
                    .bind("instance", instance)
                    .bind("lease", leaseUntil)
                    .bind("now", now)
                    .bind("learner", learnerId)
                    .bind("key", key)
                    .bind("nowMillis", now.toEpochMilli())
                    .execute();
            if (takenOver == 0) {
                return Claim.none(alreadyClaimed(handle, learnerId, key, now));
            }
            long count = possibleDuplicates.incrementAndGet();
            log.warn("The {} reminder of learner {} ({}) was being sent by an instance whose claim expired: sending it "
                    + "again, marked late; it may arrive twice ({} such so far)", kind, learnerId, key, count);
            late = true;
        }
        return new Claim(null, current, key, late, Recipient.learner(current.platform(), current.platformUserId(),
                current.displayName(), Learners.communityOf(handle, learnerId).orElse(null)),
                Learners.completions(handle, learnerId));
    }

    /** Why a row already there is not claimed: sent, or being sent under a live lease, or given up. */
    private static Outcome alreadyClaimed(org.jdbi.v3.core.Handle handle, String learnerId, String key, Instant now) {
        return handle.createQuery("select state, lease_until from reminder_deliveries "
                        + "where learner_id = :learner and delivery_key = :key")
                .bind("learner", learnerId)
                .bind("key", key)
                .map((rs, ctx) -> {
                    if (!"sending".equals(rs.getString("state"))) {
                        return Outcome.ALREADY_SENT;
                    }
                    if (rs.getLong("lease_until") >= now.toEpochMilli()) {
                        return Outcome.BEING_SENT;
                    }
                    // Its owner died mid-send after a takeover already: a third copy is worse than none.
                    log.warn("Not sending the reminder of learner {} ({}) a third time: two claims on it expired",
                            learnerId, key);
                    return Outcome.ALREADY_SENT;
                })
                .findOne()
                .orElse(Outcome.BEING_SENT);
    }

    /** The platform did not take it: the claim goes, so a retry (here or on another instance) may claim it. */
    private void release(org.jdbi.v3.core.Handle handle, String learnerId, String key) {
        handle.createUpdate("delete from reminder_deliveries where learner_id = :learner and delivery_key = :key "
                        + "and state = 'sending' and claimed_by = :instance")
                .bind("learner", learnerId)
                .bind("key", key)
                .bind("instance", instance)
                .execute();
    }

    /** The second short transaction: the reminder went out; the snooze it repeated, or the pause it ends, is over. */
    private void record(org.jdbi.v3.core.Handle handle, String learnerId, ReminderKind kind, String key, Instant due,
            boolean uncertain) {
        Instant now = clock.instant();
        // The learner's row first, as the claim takes them: the other order deadlocks with a claim on PostgreSQL.
        Optional<Learner> locked = Learners.findLocked(handle, learnerId);
        int recorded = handle.createUpdate("update reminder_deliveries set state = 'sent', sent_at = :now, "
                        + "lease_until = null, uncertain = :uncertain where learner_id = :learner and delivery_key = :key "
                        + "and state = 'sending' and claimed_by = :instance")
                .bind("now", now)
                .bind("uncertain", uncertain ? 1 : 0)
                .bind("learner", learnerId)
                .bind("key", key)
                .bind("instance", instance)
                .execute();
        if (recorded == 0) {
            log.warn("The reminder of learner {} ({}) was sent after its claim expired: it may have been sent twice",
                    learnerId, key);
        }
        if (locked.isEmpty()) {
            return; // forgotten while it was sent
        }
        Learner current = locked.get();
        Learner after = current;
        if (kind == ReminderKind.SNOOZED) {
            // A snooze set again while this was sent is a new one, and stays.
            if (current.snoozed().filter(until -> !until.isAfter(now)).isPresent()) {
                after = after.withSnoozedUntil(null);
            }
        } else if (current.reminderState() == ReminderState.PAUSED
                && current.remindsOn(due.atZone(current.zone()).toLocalDate())) {
            after = after.withReminderState(ReminderState.ON, null); // the pause is over
        }
        if (!after.equals(current)) {
            Learners.updateReminder(handle, after);
        }
    }

    /** Whether the learner's settings still ask for this reminder: a snooze only while reminders are on. */
    private static boolean wanted(Learner learner, ReminderKind kind, LocalDate dueDate, Instant now) {
        return kind == ReminderKind.WEEKLY
                ? learner.remindsOn(dueDate)
                : learner.activeSnooze().map(until -> !until.isAfter(now)).orElse(false);
    }
}
