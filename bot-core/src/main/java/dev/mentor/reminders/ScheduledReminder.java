package dev.mentor.reminders;

import dev.mentor.learners.Learner;
import java.time.Instant;

/** A reminder Quartz will fire, for listings: whose, which kind, and when next. */
public record ScheduledReminder(Learner learner, ReminderKind kind, Instant nextFire) {
}
