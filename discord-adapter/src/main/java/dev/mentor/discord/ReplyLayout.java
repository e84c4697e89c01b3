package dev.mentor.discord;

import dev.mentor.chat.Attachment;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import dev.mentor.chat.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lays a reply out as Discord messages within Discord's limits: embed descriptions of at most
 * 4096 characters, at most 6000 characters and 10 embeds per message, further messages for the
 * rest; buttons go under the last message, 5 to a row, 5 rows at most. Files go on the last
 * message too (10 at most, 8 MB each: a larger one is replaced by a line that says so), each
 * picture shown in an embed of its own.
 */
final class ReplyLayout {

    static final int MAX_DESCRIPTION = 4096;
    static final int MAX_MESSAGE_TEXT = 6000;
    static final int MAX_EMBEDS = 10;
    static final int MAX_BUTTONS_PER_ROW = 5;
    static final int MAX_ROWS = 5;
    static final int MAX_LABEL = 80;
    static final int MAX_CUSTOM_ID = 100;
    /** The largest file a bot uploads to any channel (servers with boosts take more; the mentor does not count on it). */
    static final int MAX_FILE_BYTES = 8 * 1024 * 1024;
    static final int MAX_FILES = 10;

    /**
     * One Discord message: embed descriptions (Discord markdown), rows of buttons, and files; each picture
     * and each file with a caption gets an embed of its own after the text's.
     */
    record Message(List<String> embeds, List<List<Button>> rows, List<Attachment> files) {
        Message {
            embeds = List.copyOf(embeds);
            rows = rows.stream().map(List::copyOf).toList();
            files = List.copyOf(files);
        }

        Message(List<String> embeds, List<List<Button>> rows) {
            this(embeds, rows, List.of());
        }

        /** The files shown in an embed: pictures, and files with a caption. */
        List<Attachment> embedded() {
            return files.stream().filter(ReplyLayout::hasEmbed).toList();
        }
    }

    private final DiscordMarkdown markdown = new DiscordMarkdown();

    List<Message> layout(Reply reply) {
        StringBuilder text = new StringBuilder(reply.text());
        List<Attachment> files = new ArrayList<>();
        for (Attachment attachment : reply.attachments()) {
            if (attachment.size() > MAX_FILE_BYTES || files.size() == MAX_FILES) {
                text.append("\n\n📎 I couldn't attach ").append(Markup.bold(attachment.fileName())).append(": ")
                        .append(attachment.size() > MAX_FILE_BYTES ? "it is " + attachment.readableSize()
                                + ", and Discord takes files of up to " + MAX_FILE_BYTES / (1024 * 1024) + " MB from a bot."
                                : "Discord takes " + MAX_FILES + " files a message.");
            } else {
                files.add(attachment);
            }
        }
        return layout(markdown.render(text.toString()), reply.buttons(), files);
    }

    static List<Message> layout(String text, List<List<Button>> buttons) {
        return layout(text, buttons, List.of());
    }

    static boolean hasEmbed(Attachment file) {
        return file.isImage() || !file.caption().isEmpty();
    }

    static List<Message> layout(String text, List<List<Button>> buttons, List<Attachment> files) {
        if (text.isBlank() && !files.isEmpty()) {
            return List.of(new Message(List.of(), rows(buttons), files));
        }
        List<String> pieces = split(text.isBlank() ? "\u200b" : text, MAX_DESCRIPTION);
        List<List<String>> messages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int size = 0;
        for (String piece : pieces) {
            if (!current.isEmpty() && (current.size() == MAX_EMBEDS || size + piece.length() > MAX_MESSAGE_TEXT)) {
                messages.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(piece);
            size += piece.length();
        }
        messages.add(current);
        long fileEmbeds = files.stream().filter(ReplyLayout::hasEmbed).count();
        long captions = files.stream().mapToLong(file -> file.caption().length()).sum();
        if (!files.isEmpty() && (current.size() + fileEmbeds > MAX_EMBEDS || size + captions > MAX_MESSAGE_TEXT)) {
            messages.add(List.of()); // the files go in a message of their own
        }
        List<Message> laidOut = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            boolean last = i == messages.size() - 1;
            laidOut.add(new Message(messages.get(i), last ? rows(buttons) : List.of(), last ? files : List.of()));
        }
        return laidOut;
    }

    /**
     * Buttons in rows of at most 5, at most 5 rows. A button whose command already has one is
     * dropped: Discord refuses two equal custom ids in one message, and they would do the same.
     */
    static List<List<Button>> rows(List<List<Button>> buttons) {
        Set<String> seen = new HashSet<>();
        List<List<Button>> rows = new ArrayList<>();
        for (List<Button> row : buttons) {
            List<Button> current = new ArrayList<>();
            for (Button button : row) {
                if (button.command().length() > MAX_CUSTOM_ID || !seen.add(button.command())) {
                    continue;
                }
                if (current.size() == MAX_BUTTONS_PER_ROW) {
                    rows.add(current);
                    current = new ArrayList<>();
                }
                current.add(new Button(label(button), button.command()));
            }
            if (!current.isEmpty()) {
                rows.add(current);
            }
        }
        return rows.size() > MAX_ROWS ? List.copyOf(rows.subList(0, MAX_ROWS)) : rows;
    }

    private static String label(Button button) {
        String label = button.label() == null || button.label().isBlank() ? button.command() : button.label().strip();
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }

    /** Splits at paragraph breaks where possible, else line breaks, else spaces, else anywhere. */
    static List<String> split(String text, int max) {
        List<String> pieces = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = lastBreak(rest, max, "\n\n");
            if (cut < 0) {
                cut = lastBreak(rest, max, "\n");
            }
            if (cut < 0) {
                cut = lastBreak(rest, max, " ");
            }
            if (cut < 0) {
                cut = Character.isLowSurrogate(rest.charAt(max)) ? max - 1 : max;
            }
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || pieces.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    /** The last break within the limit, if it leaves at least a quarter of the limit before it. */
    private static int lastBreak(String text, int max, String separator) {
        int at = text.lastIndexOf(separator, max - separator.length());
        return at >= max / 4 ? at : -1;
    }
}
