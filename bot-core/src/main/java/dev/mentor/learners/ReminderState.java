package dev.mentor.learners;

/** Whether a learner's weekly reminder goes out. */
public enum ReminderState {
    ON, PAUSED, OFF;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static ReminderState ofColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
