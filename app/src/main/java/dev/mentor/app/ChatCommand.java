package dev.mentor.app;

import dev.mentor.console.ConsoleRenderer;
import dev.mentor.conversation.IncomingMessage;
import dev.mentor.conversation.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mentor chat}: the console chat, running the same conversation engine as the chat
 * platforms. Works typed at a terminal and with lines piped in.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chat with the mentor in this terminal (no token, no setup).",
                "Type a question or a command (/help, /roadmap, /week N, /topic ID); /quit or end of input leaves."})
final class ChatCommand implements Callable<Integer> {

    private static final Set<String> QUIT = Set.of("/quit", "/exit", "/q");

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--no-color", description = "Plain text even on a terminal.")
    boolean noColor;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean interactive = System.console() != null && ConsoleRenderer.useColour(false);
        ConsoleRenderer renderer = new ConsoleRenderer(ConsoleRenderer.useColour(noColor));
        Mentor mentor = new Mentor();
        String user = System.getProperty("user.name", "you");
        if (interactive) {
            out.println(renderer.render(Reply.of("**Mentor** · your backend roadmap mentor. Ask a question, or type "
                    + "`/help`. `/quit` leaves.")));
            out.println();
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8));
        while (true) {
            if (interactive) {
                out.print(renderer.prompt());
            }
            out.flush();
            String line = reader.readLine();
            if (line == null || QUIT.contains(line.strip().toLowerCase(Locale.ROOT))) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            Reply reply = mentor.conversation().handle(
                    new IncomingMessage("console", "console", user, user, line, true, true));
            out.println(renderer.render(reply));
            out.println();
        }
        if (interactive) {
            out.println("Bye. Keep going!");
        }
        return 0;
    }
}
