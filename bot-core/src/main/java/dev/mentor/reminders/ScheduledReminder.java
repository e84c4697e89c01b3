package dev.mentor.reminders;

import dev.mentor.learners.Learner;
import java.time.Instant;
import java.util.Comparator;

/** A reminder that will go out, for listings: whose, which kind, and when next. */
public record ScheduledReminder(Learner learner, ReminderKind kind, Instant nextFire) {

    /** Soonest first; at the same time, by platform and user, so listings are stable. */
    public static final Comparator<ScheduledReminder> SOONEST_FIRST = Comparator.comparing(ScheduledReminder::nextFire)
            .thenComparing(r -> r.learner().platform())
            .thenComparing(r -> r.learner().platformUserId())
            .thenComparing(ScheduledReminder::kind);
}
