package dev.mentor.console;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads the console chat's input a message at a time. Typed at a terminal, lines that arrive
 * together were pasted together (a stack trace, a multi-line question) and make one message;
 * piped in from a script, each line is a message of its own.
 */
public final class PastedLines {

    /** A paste far longer than any question is cut here; the rest is read as further messages. */
    static final int MAX_CHARS = 8_000;

    private final BufferedReader reader;
    private final boolean joinPasted;

    public PastedLines(BufferedReader reader, boolean joinPasted) {
        this.reader = reader;
        this.joinPasted = joinPasted;
    }

    /** The next message, or null at the end of input. */
    public String next() throws IOException {
        String line = reader.readLine();
        if (line == null || !joinPasted || line.startsWith("/")) {
            return line;
        }
        StringBuilder message = new StringBuilder(line);
        while (message.length() < MAX_CHARS && reader.ready()) {
            String more = reader.readLine();
            if (more == null) {
                break;
            }
            message.append('\n').append(more);
        }
        return message.toString();
    }
}
