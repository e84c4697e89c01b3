package dev.mentor.discord;

import dev.mentor.chat.Button;
import dev.mentor.conversation.CommandSpec;
import dev.mentor.conversation.Commands;
import dev.mentor.chat.Markup;
import dev.mentor.chat.Reply;
import java.util.List;

/** What the mentor posts once when it joins a server: what it does, and how admins set it up. */
final class Welcome {

    private Welcome() {
    }

    /** From the core's one list of commands, so the welcome never promises a command that is gone. */
    static Reply reply() {
        StringBuilder text = new StringBuilder("**Hello! I'm the backend mentor.** I guide members through a "
                + "week-by-week roadmap to their first backend developer job, answer their questions and remind "
                + "them of their goals.\n\n**For everyone**\n");
        Commands.listed(CommandSpec.Scope.EVERYONE).forEach(spec -> line(text, spec));
        text.append("\n**Your own journey** (only you see these answers)\n");
        Commands.listed(CommandSpec.Scope.LEARNER).forEach(spec -> line(text, spec));
        text.append("\n**For admins** (members who can Manage Server)\n");
        Commands.listed(CommandSpec.Scope.ADMIN).forEach(spec -> line(text, spec));
        text.append("\nReminders of members whose DMs are closed go to the channel where ")
                .append(Markup.code("/digest on")).append(" was sent.");
        return new Reply(text.toString().strip(),
                List.of(List.of(new Button("Help", "/help"), new Button("Roadmap", "/roadmap"))));
    }

    private static void line(StringBuilder text, CommandSpec spec) {
        text.append("- ").append(Markup.code("/" + spec.name())).append(": ").append(Markup.escape(spec.description()))
                .append('\n');
    }
}
