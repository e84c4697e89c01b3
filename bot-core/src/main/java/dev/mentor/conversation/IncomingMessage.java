package dev.mentor.conversation;

/**
 * A message from a learner, as any platform delivers it.
 *
 * @param platform       "console", "telegram", "discord"...
 * @param conversationId the chat, channel or DM it came from
 * @param userId         the sender, unique within the platform
 * @param senderIsAdmin  whether the platform says the sender administers this conversation
 * @param addressed      whether the bot was addressed (always true in private chats)
 */
public record IncomingMessage(
        String platform,
        String conversationId,
        String userId,
        String displayName,
        String text,
        boolean senderIsAdmin,
        boolean addressed) {
}
