package dev.mentor.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.chat.Button;
import dev.mentor.chat.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleRendererTest {

    private final Reply reply = new Reply("""
            **Title** and `code`

            - one
            - two

            1. first
            2. second

            See [Git](topic:git).""", List.of(List.of(new Button("Week 2", "/week 2"))));

    @Test
    void rendersPlainTextWithoutMarkupWhenNotOnATerminal() {
        String text = new ConsoleRenderer(false).render(reply);

        assertThat(text).isEqualTo("""
                Title and code

                  - one
                  - two

                  1. first
                  2. second

                See Git (/topic git).

                → Week 2 /week 2""");
    }

    @Test
    void usesAnsiStylesOnATerminal() {
        String text = new ConsoleRenderer(true).render(reply);

        assertThat(text).contains("\u001b[1mTitle\u001b[0m").contains("\u001b[36mcode\u001b[0m");
    }
}
