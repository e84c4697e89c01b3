package dev.mentor.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question as chats deliver it, made plain for search: Markdown and chat formatting removed
 * ({@code **bold**}, {@code _rest_}, backticks, {@code >} quotes, links), pasted lines joined,
 * and a long post cut down to the sentences that ask something.
 */
final class QuestionText {

    private static final Pattern CODE_FENCE = Pattern.compile("```[a-zA-Z0-9_+-]*");
    private static final Pattern QUOTE_MARKER = Pattern.compile("(?m)^\\s*(?:>\\s?)+");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)\\s]*\\)");
    /** Emphasis marks at a word's edge; an underscore inside a name ({@code node_modules}) stays. */
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\p{L}\\p{N}])[*_~]+|[*_~]+(?![\\p{L}\\p{N}])");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+(?=\\S)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private QuestionText() {
    }

    /** The text without chat formatting, on one line. */
    static String plain(String raw) {
        String text = CODE_FENCE.matcher(raw).replaceAll(" ");
        text = QUOTE_MARKER.matcher(text).replaceAll(" ");
        text = LINK.matcher(text).replaceAll("$1");
        text = text.replace('`', ' ');
        text = EMPHASIS.matcher(text).replaceAll(" ");
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /**
     * At most {@code maxWords} words of a plain text: all of a short one; of a long post, its
     * questions first (sentences ending in "?"), then its opening, which usually says what it is
     * about, then the rest in order.
     */
    static String focus(String plain, int maxWords) {
        if (words(plain) <= maxWords) {
            return plain;
        }
        String[] sentences = SENTENCE_END.split(plain, -1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            if (sentences[i].endsWith("?")) {
                order.add(i);
            }
        }
        for (int i = 0; i < sentences.length; i++) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        boolean[] kept = new boolean[sentences.length];
        int budget = maxWords;
        for (int i : order) {
            int size = words(sentences[i]);
            if (size <= budget) {
                kept[i] = true;
                budget -= size;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sentences.length; i++) {
            if (kept[i]) {
                out.append(out.isEmpty() ? "" : " ").append(sentences[i]);
            }
        }
        // One endless sentence: its first words.
        if (out.isEmpty()) {
            String[] words = WHITESPACE.split(plain);
            return String.join(" ", List.of(words).subList(0, maxWords));
        }
        return out.toString();
    }

    private static int words(String text) {
        Matcher matcher = Pattern.compile("\\S+").matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
