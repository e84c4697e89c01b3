package dev.mentor.reminders;

import dev.mentor.scheduling.WeeklyTimes;
import java.time.LocalDate;

/** The weekly reminder, or its repeat after a snooze. Each has its own idempotency key. */
public enum ReminderKind {
    WEEKLY, SNOOZED;

    /** The delivery key: the local ISO week for the weekly reminder, the local date for a snoozed one. */
    public String key(LocalDate localDueDate) {
        return this == WEEKLY ? WeeklyTimes.isoWeek(localDueDate) : "snooze-" + localDueDate;
    }
}
