package dev.mentor.app;

import dev.mentor.console.ConsoleFiles;
import dev.mentor.console.ConsoleRenderer;
import dev.mentor.console.PastedLines;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.chat.Reply;
import dev.mentor.platforms.DeliveryPort;
import java.io.Console;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mentor chat}: the console chat, running the same conversation engine as the chat
 * platforms, as a learner whose progress is kept across runs. Works typed at a terminal and
 * with lines piped in; reminders that fall due while it runs are printed.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chat with the mentor in this terminal (no token, no setup).",
                "Type a question or a command (/help, /start, /week, /done N, /progress, /roadmap...); "
                        + "/quit or end of input leaves."})
final class ChatCommand implements Callable<Integer> {

    static final String PLATFORM = "console";
    private static final Set<String> QUIT = Set.of("/quit", "/exit", "/q");
    private static final int MAX_USER_LENGTH = 64;

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--no-color", description = "Plain text even on a terminal.")
    boolean noColor;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Who you are in the chat; your progress is kept under this name (default: your login name).")
    String user;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String learner = user == null ? System.getProperty("user.name", "you") : user.strip();
        if (learner.isEmpty() || learner.length() > MAX_USER_LENGTH || learner.chars().anyMatch(Character::isISOControl)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--user needs a name of 1 to " + MAX_USER_LENGTH + " plain characters");
        }
        Settings settings = parent.settings();
        boolean interactive = onTerminal() && ConsoleRenderer.useColour(false);
        ConsoleRenderer renderer = new ConsoleRenderer(ConsoleRenderer.useColour(noColor));
        ConsoleFiles files = new ConsoleFiles(settings.filesFolder());
        Mentor mentor = new Mentor();
        // Reminders arrive on a scheduler thread: print them whole, between the chat's own lines.
        DeliveryPort console = (recipient, reply) -> {
            synchronized (out) {
                out.println();
                out.println(renderer.render(reply, files));
                out.println();
                if (interactive) {
                    out.print(renderer.prompt());
                }
                out.flush();
            }
        };
        // Only this learner's reminders come here; the console learner lives in this machine's zone
        // until they set another.
        try (Mentor.Journey journey = mentor.openJourney(settings, Map.of(PLATFORM, console),
                Mentor.Audience.only(l -> l.platformUserId().equals(learner)), ZoneId.systemDefault(),
                Clock.systemUTC())) {
            journey.start();
            if (interactive) {
                out.println(renderer.render(Reply.of("**Mentor** · your backend roadmap mentor. Ask a question, or type "
                        + "`/help`. `/start` enrolls you; `/quit` leaves.")));
                out.println();
            }
            PastedLines input = new PastedLines(
                    new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8)), interactive);
            while (true) {
                synchronized (out) {
                    if (interactive) {
                        out.print(renderer.prompt());
                    }
                    out.flush();
                }
                String line = input.next();
                // "/quit", and "/quit please" too: only the first word decides.
                if (line == null || QUIT.contains(line.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT))) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                Reply reply = journey.conversation().handle(
                        new IncomingMessage(PLATFORM, PLATFORM, PLATFORM, learner, learner, line, true, true));
                synchronized (out) {
                    out.println(renderer.render(reply, files));
                    out.println();
                }
            }
        }
        if (interactive) {
            out.println("Bye. Keep going!");
        }
        return 0;
    }

    /**
     * Whether the chat talks to a person at a terminal. Since JDK 22 {@code System.console()} exists even when
     * stdin and stdout are piped, and only {@code Console.isTerminal()} (JDK 22+, so called reflectively from a
     * Java 21 build) tells; on JDK 21 a console exists only on a terminal.
     */
    @SuppressWarnings("SystemConsoleNull") // the null check is for JDK 21; isTerminal() decides on 22 and newer
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
