package dev.mentor.chat;

/**
 * A message from a learner, as any platform delivers it.
 *
 * @param platform       "console", "telegram", "discord"...
 * @param communityId    the community it came from (a Discord server, a Telegram group), or null
 *                       in a private chat
 * @param conversationId the chat, channel or DM it came from
 * @param userId         the sender, unique within the platform
 * @param senderIsAdmin  whether the platform says the sender administers this community; adapters
 *                       check it with the platform, never from the text
 * @param addressed      whether the bot was addressed (always true in private chats)
 */
public record IncomingMessage(
        String platform,
        String communityId,
        String conversationId,
        String userId,
        String displayName,
        String text,
        boolean senderIsAdmin,
        boolean addressed) {

    /** Whether it came from a private chat (a DM) rather than a community. */
    public boolean isPrivate() {
        return communityId == null || communityId.isEmpty();
    }
}
