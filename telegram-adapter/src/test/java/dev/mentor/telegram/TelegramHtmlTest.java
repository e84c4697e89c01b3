package dev.mentor.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.chat.Markup;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TelegramHtmlTest {

    private final TelegramHtml html = new TelegramHtml();

    @Test
    void rendersTheNeutralMarkupAsTelegramHtml() {
        String markup = "**Docker** runs `containers`. Read [the docs](https://docs.docker.com/?a=1&b=2) "
                + "and [Containers](topic:docker).\n\n- one\n- *two*\n\n1. first\n2. second";

        assertThat(html.render(markup)).containsExactly("<b>Docker</b> runs <code>containers</code>. Read "
                + "<a href=\"https://docs.docker.com/?a=1&amp;b=2\">the docs</a> and Containers (<code>/topic docker</code>)."
                + "\n\n• one\n• <i>two</i>\n\n1. first\n2. second");
    }

    @Test
    void escapesEveryLearnersWordSoNothingBecomesATag() {
        String learner = "<script>alert('x')</script> & <b>bold?</b> **not bold**";

        List<String> rendered = html.render("You asked: " + Markup.escape(learner));

        assertThat(rendered).containsExactly("You asked: &lt;script&gt;alert('x')&lt;/script&gt; &amp; "
                + "&lt;b&gt;bold?&lt;/b&gt; **not bold**");
    }

    @Test
    void rawHtmlInTheMarkupStaysText() {
        assertThat(html.render("a <i>b</i> c")).containsExactly("a &lt;i&gt;b&lt;/i&gt; c");
    }

    @Test
    void linksWithOtherSchemesAreNotMadeLinks() {
        assertThat(html.render("[click](javascript:alert(1))")).containsExactly("click (javascript:alert(1))");
    }

    @Test
    void splitsALongReplyAtParagraphBoundariesWithinTheLimit() {
        List<String> paragraphs = IntStream.range(0, 40)
                .mapToObj(i -> "**Part " + i + "** " + "word ".repeat(60).strip()).toList();

        List<String> messages = html.render(String.join("\n\n", paragraphs));

        assertThat(messages).hasSizeGreaterThan(1).allSatisfy(m -> {
            assertThat(m.length()).isLessThanOrEqualTo(TelegramHtml.MAX_MESSAGE_LENGTH);
            assertThat(m).startsWith("<b>Part ").endsWith("word");
            assertThat(openTags(m)).isZero();
        });
        String rejoined = String.join("\n\n", messages);
        assertThat(rejoined).isEqualTo(paragraphs.stream().map(p -> p.replaceFirst("\\*\\*(Part \\d+)\\*\\*", "<b>$1</b>"))
                .collect(Collectors.joining("\n\n")));
    }

    @Test
    void splitsAnOversizedListBetweenItemsNeverInsideATag() {
        TelegramHtml small = new TelegramHtml(100);
        String list = IntStream.range(0, 20).mapToObj(i -> "- **item " + i + "** text").collect(Collectors.joining("\n"));

        List<String> messages = small.render(list);

        assertThat(messages).hasSizeGreaterThan(2).allSatisfy(m -> {
            assertThat(m.length()).isLessThanOrEqualTo(100);
            assertThat(m).startsWith("• <b>item ");
            assertThat(openTags(m)).isZero();
        });
        assertThat(String.join("\n", messages).lines()).hasSize(20);
    }

    @Test
    void cutsAParagraphWithoutSpacesOrBreaksAsPlainTextNeverInsideAnEntity() {
        TelegramHtml small = new TelegramHtml(20);
        String messages = String.join("|", small.render("**" + "&".repeat(30) + "**"));

        assertThat(messages).doesNotContain("<b>").doesNotContain("&am|").doesNotContain("&|");
        assertThat(messages.replace("|", "")).isEqualTo("&amp;".repeat(30));
    }

    @Test
    void blankMarkupRendersNothing() {
        assertThat(html.render("  \n\n ")).isEmpty();
    }

    private static int openTags(String html) {
        int depth = 0;
        for (int i = 0; i < html.length(); i++) {
            if (html.charAt(i) == '<') {
                depth += html.charAt(i + 1) == '/' ? -1 : 1;
                assertThat(depth).isNotNegative();
            }
        }
        return depth;
    }
}
