package dev.mentor.conversation;

import java.util.List;

/**
 * What the mentor says back, free of any platform.
 *
 * @param text    neutral markup: a small CommonMark subset (bold, code, links, lists, paragraphs);
 *                learners' own words inside it are escaped with {@link Markup#escape(String)}
 * @param buttons rows of buttons, top to bottom
 */
public record Reply(String text, List<List<Button>> buttons) {

    public Reply {
        buttons = buttons.stream().map(List::copyOf).filter(row -> !row.isEmpty()).toList();
    }

    public static Reply of(String text) {
        return new Reply(text, List.of());
    }
}
