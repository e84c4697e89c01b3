package dev.mentor.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkupTest {

    private final Parser parser = Parser.builder().build();
    private final TextContentRenderer plain = TextContentRenderer.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"**not bold**", "<b>tag</b> & friends", "`code` _x_ [link](http://x)", "# heading", "1. not a list",
            "back\\slash", "a*b*c"})
    void escapedTextStaysLiteralThroughAMarkdownParser(String text) {
        String rendered = plain.render(parser.parse(Markup.escape(text))).strip();

        assertThat(rendered).isEqualTo(text);
    }

    @Test
    void boldWrapsEscapedText() {
        assertThat(Markup.bold("a*b")).isEqualTo("**a\\*b**");
    }
}
