package dev.mentor.reminders;

import dev.mentor.conversation.Reply;
import dev.mentor.learners.Completion;
import dev.mentor.learners.Learner;
import dev.mentor.learners.Learners;
import dev.mentor.learners.ReminderState;
import dev.mentor.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one due reminder at most once. The delivery row, keyed by (learner, local week), is
 * written in the same transaction that hands the reminder to the platform: if the platform
 * fails, the row is rolled back and the reminder can be tried again; if the row exists, the
 * reminder went out before (on this or another instance) and is not sent again.
 */
public final class ReminderDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ReminderDispatcher.class);

    /** What became of one attempt. */
    public enum Outcome {
        SENT, ALREADY_SENT, TOO_LATE, NOT_DUE, UNKNOWN_LEARNER, NO_PLATFORM, RETRY, TURNED_OFF
    }

    private final Database database;
    private final Learners learners;
    private final ReminderComposer composer;
    private final Map<String, DeliveryPort> ports;
    private final ReminderSettings settings;
    private final Clock clock;

    public ReminderDispatcher(Database database, Learners learners, ReminderComposer composer,
            Map<String, DeliveryPort> ports, ReminderSettings settings, Clock clock) {
        this.database = database;
        this.learners = learners;
        this.composer = composer;
        this.ports = Map.copyOf(ports);
        this.settings = settings;
        this.clock = clock;
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

    /** Sends the reminder of this kind that fell due at {@code due}, unless it went out already. */
    public Outcome dispatch(String learnerId, ReminderKind kind, Instant due) {
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
        Duration lateness = Duration.between(due, now);
        if (lateness.compareTo(settings.grace()) > 0) {
            log.info("Skipping a {} reminder due at {}: {} late, past the grace window", kind, due, lateness);
            if (kind == ReminderKind.SNOOZED) {
                learners.update(learner.withSnoozedUntil(null));
            }
            return Outcome.TOO_LATE;
        }
        boolean late = lateness.compareTo(settings.lateAfter()) > 0;
        try {
            return database.write(handle -> {
                // The settings are read again here, under the learner's row lock: a /remind off or pause that
                // committed after the trigger fired wins, and one made while this runs waits for it.
                Optional<Learner> locked = Learners.findLocked(handle, learnerId);
                if (locked.isEmpty()) {
                    return Outcome.UNKNOWN_LEARNER;
                }
                Learner current = locked.get();
                LocalDate dueDate = due.atZone(current.zone()).toLocalDate();
                if (!wanted(current, kind, dueDate, now)) {
                    if (kind == ReminderKind.SNOOZED && current.snoozed().isPresent() && current.activeSnooze().isEmpty()) {
                        Learners.updateReminder(handle, current.withSnoozedUntil(null)); // off or paused: it is void
                    }
                    return Outcome.NOT_DUE;
                }
                int recorded = handle.createUpdate("insert into reminder_deliveries (learner_id, delivery_key, due_at, "
                                + "sent_at, late) values (:learner, :key, :due, :sent, :late) "
                                + "on conflict (learner_id, delivery_key) do nothing")
                        .bind("learner", learnerId)
                        .bind("key", kind.key(dueDate))
                        .bind("due", Learners.instantColumn(due))
                        .bind("sent", Learners.instantColumn(now))
                        .bind("late", late ? 1 : 0)
                        .execute();
                if (recorded == 0) {
                    return Outcome.ALREADY_SENT;
                }
                Learner after = current;
                if (kind == ReminderKind.SNOOZED) {
                    after = after.withSnoozedUntil(null);
                } else if (current.reminderState() == ReminderState.PAUSED) {
                    after = after.withReminderState(ReminderState.ON, null); // the pause is over
                }
                if (!after.equals(current)) {
                    Learners.updateReminder(handle, after);
                }
                List<Completion> completions = Learners.completions(handle, learnerId);
                Reply reply = composer.compose(current, completions, due, late, now.atZone(current.zone()).toLocalDate());
                port.deliver(Recipient.learner(current.platform(), current.platformUserId(), current.displayName(),
                        Learners.communityOf(handle, learnerId).orElse(null)), reply);
                return Outcome.SENT;
            });
        } catch (DeliveryException e) {
            if (e.isPermanent()) {
                log.warn("Learner {} on {} cannot be reached ({}); their reminders are now off",
                        learnerId, learner.platform(), e.getMessage());
                learners.turnRemindersOff(learnerId);
                return Outcome.TURNED_OFF;
            }
            log.warn("Reminder for learner {} on {} failed for now: {}", learnerId, learner.platform(), e.getMessage());
            return Outcome.RETRY;
        }
    }

    /** Whether the learner's settings still ask for this reminder: a snooze only while reminders are on. */
    private static boolean wanted(Learner learner, ReminderKind kind, LocalDate dueDate, Instant now) {
        return kind == ReminderKind.WEEKLY
                ? learner.remindsOn(dueDate)
                : learner.activeSnooze().map(until -> !until.isAfter(now)).orElse(false);
    }
}
