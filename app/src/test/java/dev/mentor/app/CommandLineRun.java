package dev.mentor.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One run of the mentor command line on in-memory streams. */
record CommandLineRun(int exitCode, String out, String err) {

    /** A run with a database of its own in a fresh temporary folder. */
    static CommandLineRun run(String stdin, String... args) {
        try {
            Path folder = Files.createTempDirectory("mentor-test");
            return run(Map.of(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("mentor.db")), stdin, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CommandLineRun run(Map<String, String> environment, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err, environment, args);
        return new CommandLineRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
