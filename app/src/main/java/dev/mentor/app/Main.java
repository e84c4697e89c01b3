package dev.mentor.app;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point of the {@code mentor} command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
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
        Optional<String> logProblem = LogSetup.problemWith(environment);
        if (logProblem.isPresent()) {
            stderr.println("mentor: " + logProblem.get());
            stderr.flush();
            return MentorCommand.USAGE;
        }
        try {
            return MentorCommand.commandLine(in, environment, stdout, stderr).execute(args);
        } finally {
            stdout.flush();
            stderr.flush();
            Reference.reachabilityFence(vectorization);
        }
    }

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)), false);
    }
}
