package dev.mentor.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import dev.mentor.chat.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplyLayoutTest {

    private final ReplyLayout layout = new ReplyLayout();
    private final DiscordMarkdown markdown = new DiscordMarkdown();

    @Test
    void rendersTopicLinksAsTheCommandThatOpensThem() {
        assertThat(markdown.render("Read [Git basics](topic:git) next."))
                .isEqualTo("Read Git basics (`/topic git`) next.");
    }

    @Test
    void keepsBoldCodeListsAndLinks() {
        String text = markdown.render("**Week 2**\n\n- `/done 1` first\n- see [docs](https://example.org/a)\n\nBye");

        assertThat(text).isEqualTo("**Week 2**\n\n- `/done 1` first\n- see [docs](https://example.org/a)\n\nBye");
    }

    @Test
    void keepsALearnersWordsLiteral() {
        String words = "**not bold** <@123> _x_ ~~y~~ `z` [a](b)";

        String text = markdown.render("You asked: " + Markup.escape(words));

        assertThat(text).isEqualTo("You asked: \\*\\*not bold\\*\\* \\<@123\\> \\_x\\_ \\~\\~y\\~\\~ \\`z\\` \\[a\\](b)");
    }

    @Test
    void splitsLongRepliesWithinDiscordsLimits() {
        String paragraph = "word ".repeat(199) + "end";
        String text = String.join("\n\n", IntStream.range(0, 40).mapToObj(i -> paragraph).toList());

        List<ReplyLayout.Message> messages = layout.layout(new Reply(text, List.of(List.of(new Button("Next", "/next")))));

        assertThat(messages).hasSizeGreaterThan(1);
        int total = 0;
        for (ReplyLayout.Message message : messages) {
            assertThat(message.embeds()).hasSizeLessThanOrEqualTo(10);
            assertThat(message.embeds()).allSatisfy(embed -> assertThat(embed.length()).isLessThanOrEqualTo(4096));
            assertThat(message.embeds().stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(6000);
            total += message.embeds().stream().mapToInt(embed -> embed.split("end", -1).length - 1).sum();
        }
        assertThat(total).as("nothing lost").isEqualTo(40);
        assertThat(messages.subList(0, messages.size() - 1)).allSatisfy(message -> assertThat(message.rows()).isEmpty());
        assertThat(messages.get(messages.size() - 1).rows()).hasSize(1);
    }

    @Test
    void putsAtMostFiveButtonsInARowAndFiveRowsAndDropsRepeatedCommands() {
        List<Button> many = new ArrayList<>();
        IntStream.rangeClosed(1, 30).forEach(i -> many.add(new Button("Week " + i, "/week " + i)));
        many.add(new Button("Again", "/week 1"));

        List<List<Button>> rows = ReplyLayout.rows(List.of(many));

        assertThat(rows).hasSize(5).allSatisfy(row -> assertThat(row).hasSize(5));
        assertThat(rows.stream().flatMap(List::stream).map(Button::command).distinct().count()).isEqualTo(25);
    }

    @Test
    void shortensLabelsDiscordWouldRefuse() {
        List<List<Button>> rows = ReplyLayout.rows(List.of(List.of(new Button("x".repeat(120), "/help"))));

        assertThat(rows.get(0).get(0).label()).hasSize(80).endsWith("…");
    }

    @Test
    void filesGoOnTheLastMessageAndEachPictureGetsAnEmbedOfItsOwn() {
        byte[] png = {1, 2, 3};
        Reply reply = new Reply("A".repeat(5000), List.of(List.of(new Button("Week", "/week"))))
                .withAttachment(dev.mentor.chat.Attachment.png("chart.png", png, "Per week"))
                .withAttachment(new dev.mentor.chat.Attachment("data.json", "application/json", png, ""));

        List<ReplyLayout.Message> messages = layout.layout(reply);

        assertThat(messages).hasSize(1);
        ReplyLayout.Message message = messages.getFirst();
        assertThat(message.embeds()).hasSize(2);
        assertThat(message.files()).extracting(dev.mentor.chat.Attachment::fileName)
                .containsExactly("chart.png", "data.json");
        assertThat(message.embedded()).extracting(dev.mentor.chat.Attachment::fileName).containsExactly("chart.png");
        assertThat(DiscordMessages.embeds(message)).hasSize(3);
        assertThat(DiscordMessages.embeds(message).get(2).image().toOptional()).isPresent();
        assertThat(message.rows()).isNotEmpty();
    }

    @Test
    void filesWhoseCaptionsWouldPassAMessagesSixThousandCharactersGoInAMessageOfTheirOwnWithTheButtons() {
        Reply reply = new Reply("A".repeat(4090) + "\n\n" + "B".repeat(1900), List.of(List.of(new Button("Week", "/week"))))
                .withAttachment(dev.mentor.chat.Attachment.png("chart.png", new byte[] {1}, "Goals per week"));

        List<ReplyLayout.Message> messages = layout.layout(reply);

        assertThat(messages).hasSize(2);
        assertThat(messages.getFirst().embeds()).hasSize(2);
        assertThat(messages.getFirst().rows()).isEmpty();
        assertThat(messages.getLast().embeds()).isEmpty();
        assertThat(messages.getLast().files()).hasSize(1);
        assertThat(messages.getLast().rows()).isNotEmpty();
    }
}
