package dev.mentor.reminders;

/** Whom a platform delivers an unprompted message to. */
public record Recipient(String platform, String platformUserId, String displayName) {
}
