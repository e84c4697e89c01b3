package dev.mentor.platforms;

/**
 * Whom a platform delivers an unprompted message to: a learner privately, or a community's
 * conversation (a digest).
 *
 * @param platformUserId the learner's id on the platform, or null for a conversation
 * @param communityId    the community the learner last used the mentor in (where a platform may
 *                       fall back when a private message cannot be delivered), or the community
 *                       of the conversation; null if none
 * @param conversationId the channel or group chat to post in, or null to reach the learner privately
 */
public record Recipient(String platform, String platformUserId, String displayName, String communityId,
        String conversationId) {

    public static Recipient learner(String platform, String platformUserId, String displayName, String communityId) {
        return new Recipient(platform, platformUserId, displayName, communityId, null);
    }

    public static Recipient conversation(String platform, String communityId, String conversationId, String name) {
        return new Recipient(platform, null, name, communityId, conversationId);
    }

    /** Whether it goes to a community's conversation rather than to one learner. */
    public boolean isConversation() {
        return conversationId != null;
    }
}
