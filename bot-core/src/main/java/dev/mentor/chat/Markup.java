package dev.mentor.chat;

/**
 * Builds the neutral markup of {@link Reply#text()}: CommonMark, so each adapter parses it with
 * one library and renders it its own way.
 */
public final class Markup {

    private Markup() {
    }

    /** Makes any text literal: every ASCII punctuation character gets a backslash. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && isPunctuation(c)) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    public static String bold(String text) {
        return "**" + escape(text) + "**";
    }

    /** Inline code; the text is a command or an id, never a learner's words. */
    public static String code(String text) {
        return "`" + text.replace("`", "'") + "`";
    }

    private static boolean isPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
}
