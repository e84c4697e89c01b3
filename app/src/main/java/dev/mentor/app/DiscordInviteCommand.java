package dev.mentor.app;

import dev.mentor.discord.DiscordInvite;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mentor discord-invite}: the link a server admin opens to add the bot. */
@Command(name = "discord-invite", mixinStandardHelpOptions = true,
        description = {"Print the OAuth2 link that adds the mentor to a Discord server (scopes bot and "
                + "applications.commands, only the permissions it needs).",
                "Needs MENTOR_DISCORD_APP_ID or MENTOR_DISCORD_TOKEN (the application id is read from the token)."})
final class DiscordInviteCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String url;
        try {
            url = DiscordInvite.url(parent.environment);
        } catch (IllegalArgumentException e) {
            throw new Settings.BadSetting(e.getMessage());
        }
        spec.commandLine().getOut().println(url);
        return 0;
    }
}
