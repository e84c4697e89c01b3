package dev.mentor.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PastedLinesTest {

    private static final String PASTED = """
            why does my app crash with this
            TypeError: Cannot read properties of undefined (reading 'id')
                at getUser (/app/src/users.js:12:20)
            """;

    @Test
    void linesPastedTogetherAtATerminalAreOneMessage() throws IOException {
        PastedLines lines = new PastedLines(new BufferedReader(new StringReader(PASTED)), true);

        assertThat(lines.next()).isEqualTo(PASTED.strip());
        assertThat(lines.next()).isNull();
    }

    @Test
    void aScriptsLinesStayOneMessageEach() throws IOException {
        PastedLines lines = new PastedLines(new BufferedReader(new StringReader(PASTED)), false);

        assertThat(lines.next()).isEqualTo("why does my app crash with this");
        assertThat(lines.next()).startsWith("TypeError");
    }

    @Test
    void aCommandIsNeverJoinedWithWhatFollows() throws IOException {
        PastedLines lines = new PastedLines(new BufferedReader(new StringReader("/week 3\nwhat is git\n")), true);

        assertThat(lines.next()).isEqualTo("/week 3");
        assertThat(lines.next()).isEqualTo("what is git");
    }

    @Test
    void aHugePasteIsCutIntoSeveralMessagesAndNothingIsLost() throws IOException {
        String line = "x".repeat(999);
        String paste = (line + "\n").repeat(20);
        PastedLines lines = new PastedLines(new BufferedReader(new StringReader(paste)), true);

        StringBuilder all = new StringBuilder();
        int messages = 0;
        for (String message = lines.next(); message != null; message = lines.next()) {
            assertThat(message.length()).isLessThan(PastedLines.MAX_CHARS + 1000);
            all.append(message.replace("\n", ""));
            messages++;
        }

        assertThat(messages).isGreaterThan(1);
        assertThat(all).hasSize(999 * 20);
    }
}
