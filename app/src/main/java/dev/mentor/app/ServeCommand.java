package dev.mentor.app;

import dev.mentor.platforms.ChatPlatform;
import dev.mentor.platforms.PlatformStartException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mentor serve}: runs the mentor on every chat platform whose token is set, with the
 * database, reminders and digests, until SIGTERM or Ctrl-C; then it stops taking messages,
 * lets replies and reminders in flight finish, and closes the database.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve learners on Telegram and Discord: every platform whose token is set "
                + "(MENTOR_TELEGRAM_TOKEN, MENTOR_DISCORD_TOKEN). Stops cleanly on SIGTERM."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Counted down once everything is closed, so the main thread may end. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = parent.settings();
        ServeSettings serve = ServeSettings.fromEnvironment(parent.environment);
        Mentor mentor = new Mentor();
        // A server has time at start: the first unsure question should not wait for the model.
        mentor.semantic().warmUp();
        Mentor.Serving serving = mentor.openServing(settings, serve, Clock.systemUTC());
        try {
            serving.start();
        } catch (PlatformStartException | RuntimeException e) {
            serving.close();
            err.println("mentor: " + e.getMessage());
            return MentorCommand.FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing replies and reminders in flight");
            serving.close();
            stopped.countDown();
        }, "mentor-shutdown"));
        err.println("mentor: serving " + String.join(" and ", serving.platforms().stream().map(ChatPlatform::name).toList())
                + "; stop with Ctrl-C or SIGTERM.");
        err.flush();
        stopped.await();
        return 0;
    }
}
