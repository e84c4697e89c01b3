package dev.mentor.discord;

import discord4j.rest.util.Permission;
import discord4j.rest.util.PermissionSet;

/** The OAuth2 link a server admin opens to add the mentor to a server. */
public final class DiscordInvite {

    /**
     * Only what the mentor uses in a server:
     * <ul>
     *   <li>View Channel: see the channels it posts in (welcome, digest, reminders whose DM failed) and mentions;</li>
     *   <li>Send Messages: post the welcome, the digest, those reminders and answers to mentions;</li>
     *   <li>Send Messages in Threads: answer a mention inside a thread;</li>
     *   <li>Embed Links: its posts are embeds, which Discord strips from channel messages without it;</li>
     *   <li>Read Message History: answer a mention as a reply to it (Discord needs it for message references).</li>
     * </ul>
     * Slash-command answers need none of these: they go through the interaction itself.
     */
    public static final PermissionSet PERMISSIONS = PermissionSet.of(Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES,
            Permission.SEND_MESSAGES_IN_THREADS, Permission.EMBED_LINKS, Permission.READ_MESSAGE_HISTORY);

    private DiscordInvite() {
    }

    /** The invite URL for the application: scopes {@code bot} and {@code applications.commands}, {@link #PERMISSIONS}. */
    public static String url(long applicationId) {
        if (applicationId <= 0) {
            throw new IllegalArgumentException("The application id must be positive, not " + applicationId);
        }
        return "https://discord.com/oauth2/authorize?client_id=" + applicationId
                + "&scope=bot%20applications.commands&permissions=" + PERMISSIONS.getRawValue();
    }

    /** The invite URL for the application the environment names (see {@link DiscordSettings#applicationId}). */
    public static String url(java.util.Map<String, String> environment) {
        return url(DiscordSettings.applicationId(environment));
    }
}
