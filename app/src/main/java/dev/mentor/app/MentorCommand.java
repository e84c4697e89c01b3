package dev.mentor.app;

import dev.mentor.knowledge.RoadmapException;
import dev.mentor.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code mentor} command: only subcommands, help and version. */
@Command(name = "mentor",
        description = "A mentor for people becoming backend developers: a 26-week roadmap, answers to "
                + "your questions, and weekly goals.",
        mixinStandardHelpOptions = true,
        versionProvider = MentorCommand.Version.class,
        subcommands = {ChatCommand.class, AskCommand.class, ServeCommand.class, DiscordInviteCommand.class,
                RemindersCommand.class, TelegramWebhookCommand.class, BackupCommand.class, RestoreCommand.class,
                HealthCommand.class, CommandLine.HelpCommand.class})
final class MentorCommand implements Runnable {

    /** Exit code of a command that could not do its work (bad usage is 2, picocli's default). */
    static final int FAILURE = 1;
    /** A setting or argument the mentor cannot use (picocli's own code for invalid input). */
    static final int USAGE = 2;

    private static final Logger log = LoggerFactory.getLogger(MentorCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Standard input, so tests can feed the commands that read it. */
    final InputStream in;
    /** The environment the settings are read from. */
    final Map<String, String> environment;

    private MentorCommand(InputStream in, Map<String, String> environment) {
        this.in = in;
        this.environment = Map.copyOf(environment);
    }

    Settings settings() {
        return Settings.from(environment);
    }

    static CommandLine commandLine(InputStream in, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new MentorCommand(in, environment));
        commandLine.getCommandSpec().usageMessage().footer(SettingsCatalog.helpFooter());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(MentorCommand::usageError);
        commandLine.setExecutionExceptionHandler(MentorCommand::failure);
        return commandLine;
    }

    /** Bad arguments: say what is wrong, suggest near misses, and show the usage line. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print("Usage: " + command.getHelp().synopsis(0).stripLeading());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A failure while running: one clear message, the stack trace only in the debug log. */
    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        log.debug("Command failed", e);
        PrintWriter err = command.getErr();
        if (e instanceof Settings.BadSetting) {
            err.println("mentor: " + e.getMessage());
            return command.getCommandSpec().exitCodeOnInvalidInput();
        }
        if (e instanceof StorageException || e instanceof BackupCommand.NotSqlite) {
            err.println("mentor: " + e.getMessage());
            return FAILURE;
        }
        if (e instanceof RoadmapException) {
            err.println("mentor: the roadmap content is broken, so the mentor cannot start.");
            err.println(e.getMessage());
        } else {
            err.println("mentor: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.println("Run with MENTOR_LOG_LEVEL=debug for details.");
        }
        return FAILURE;
    }

    /** The version Maven stamped into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Version.class.getClassLoader().getResourceAsStream("mentor-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"mentor " + properties.getProperty("version", "unknown")};
        }
    }
}
