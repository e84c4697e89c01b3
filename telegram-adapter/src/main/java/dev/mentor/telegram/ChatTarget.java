package dev.mentor.telegram;

/**
 * Where a reply goes in Telegram.
 *
 * @param chatId           the chat (a user's id is their private chat's id)
 * @param group            whether it is a group, which has its own, slower limit
 * @param threadId         the forum topic to answer in, or null
 * @param replyToMessageId the message the first part answers (in groups, so the thread is clear), or null
 */
record ChatTarget(long chatId, boolean group, Integer threadId, Integer replyToMessageId) {

    static ChatTarget privateChat(long chatId) {
        return new ChatTarget(chatId, false, null, null);
    }

    static ChatTarget groupChat(long chatId) {
        return new ChatTarget(chatId, true, null, null);
    }
}
