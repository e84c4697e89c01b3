package dev.mentor.reminders;

/**
 * Whom a platform delivers an unprompted message to.
 *
 * @param platformUserId the learner's id on the platform, or for a community digest the
 *                       conversation (channel, group chat) it goes to
 * @param communityId    the community the learner last used the mentor in, or null: where a
 *                       platform may fall back when a private message cannot be delivered
 */
public record Recipient(String platform, String platformUserId, String displayName, String communityId) {
}
