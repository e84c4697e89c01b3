package dev.mentor.app;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point of the {@code mentor} command line. */
public final class Main {

    private Main() {
    }

    /** The system property SLF4J's simple logger reads its level from. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    static final String LOG_LEVEL = "MENTOR_LOG_LEVEL";
    private static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    public static void main(String[] args) {
        // The launcher passes the level as a JVM flag; started without it (as the container image starts), the
        // level comes from the environment. Set before the first logger is made, which reads it once.
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            try {
                logLevel(System.getenv()).ifPresent(level -> System.setProperty(LOG_LEVEL_PROPERTY, level));
            } catch (Settings.BadSetting e) {
                System.err.println("mentor: " + e.getMessage());
                System.exit(2);
            }
        }
        int status;
        try {
            status = run(System.in, System.out, System.err, System.getenv(), args);
        } catch (Error e) {
            // The JVM is unfit to go on (out of memory, a class missing), and threads already started would keep
            // a half-started mentor alive, serving nothing: say what happened and end the process now.
            System.err.println("mentor: stopped by " + e + (e instanceof OutOfMemoryError
                    ? "; give it more heap, e.g. MENTOR_JAVA_OPTS=-Xmx1g" : ""));
            System.err.flush();
            Runtime.getRuntime().halt(MentorCommand.FAILURE);
            return;
        }
        System.exit(status);
    }

    /** Runs the command line on the given streams and settings, and returns its exit code. */
    static int run(InputStream in, OutputStream out, OutputStream err, Map<String, String> environment, String... args) {
        // Lucene warns on every start that the optional vector module is off; we use no vectors.
        // The local variable keeps the configured logger alive while the command runs.
        Logger vectorization = Logger.getLogger("org.apache.lucene.internal.vectorization");
        vectorization.setLevel(Level.SEVERE);
        PrintWriter stdout = writer(out);
        PrintWriter stderr = writer(err);
        try {
            return MentorCommand.commandLine(in, environment, stdout, stderr).execute(args);
        } finally {
            stdout.flush();
            stderr.flush();
            Reference.reachabilityFence(vectorization);
        }
    }

    /** {@value #LOG_LEVEL} when set: one of SLF4J's levels, in any case. */
    static Optional<String> logLevel(Map<String, String> environment) {
        String value = environment.getOrDefault(LOG_LEVEL, "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String level = value.toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new Settings.BadSetting(LOG_LEVEL, value, "one of " + String.join(", ", LOG_LEVELS));
        }
        return Optional.of(level);
    }

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)), false);
    }
}
