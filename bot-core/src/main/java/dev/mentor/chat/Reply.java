package dev.mentor.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * What the mentor says back, free of any platform.
 *
 * @param text        neutral markup: a small CommonMark subset (bold, code, links, lists, paragraphs);
 *                    learners' own words inside it are escaped with {@link Markup#escape(String)}
 * @param buttons     rows of buttons, top to bottom
 * @param attachments files sent with the text, after it, in order
 * @param personal    for the sender's eyes only (their stored data): a platform where others would read it
 *                    in a community shows it to the sender alone or sends it to them privately
 */
public record Reply(String text, List<List<Button>> buttons, List<Attachment> attachments, boolean personal) {

    public Reply {
        buttons = buttons.stream().map(List::copyOf).filter(row -> !row.isEmpty()).toList();
        attachments = List.copyOf(attachments);
    }

    public Reply(String text, List<List<Button>> buttons) {
        this(text, buttons, List.of(), false);
    }

    public static Reply of(String text) {
        return new Reply(text, List.of());
    }

    /** The same reply with one more file. */
    public Reply withAttachment(Attachment attachment) {
        List<Attachment> more = new ArrayList<>(attachments);
        more.add(attachment);
        return new Reply(text, buttons, more, personal);
    }

    /** The same reply, for the sender's eyes only. */
    public Reply toSenderOnly() {
        return new Reply(text, buttons, attachments, true);
    }
}
