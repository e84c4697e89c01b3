/**
 * The Discord adapter: Discord4J's interactions, buttons and mentions become core messages, core
 * replies become embeds within Discord's limits, and reminders go out by DM with a fallback to the
 * server's digest channel. {@link dev.mentor.discord.DiscordPlatform} is the entry point,
 * {@link dev.mentor.discord.DiscordSettings} its settings and {@link dev.mentor.discord.DiscordInvite}
 * the link that adds the bot to a server.
 */
package dev.mentor.discord;
