/**
 * The Telegram adapter: long polling through the telegrambots client turns updates into core
 * messages; core replies are rendered as Telegram HTML and sent within Telegram's rate limits.
 * The app builds {@link dev.mentor.telegram.TelegramPlatform} from
 * {@link dev.mentor.telegram.TelegramSettings#fromEnvironment(java.util.Map)}.
 */
package dev.mentor.telegram;
