package dev.mentor.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Renders the core's neutral markup (a CommonMark subset) as Telegram HTML, split into messages
 * Telegram accepts. All text is escaped, so nothing a learner typed can become a tag; a message
 * breaks only between paragraphs or list lines, never inside a tag.
 */
final class TelegramHtml {

    /** Telegram's limit on a message's text. Counting the HTML (tags too) keeps every message within it. */
    static final int MAX_MESSAGE_LENGTH = 4096;
    private static final String TOPIC_LINK = "topic:";
    private static final String BLOCK_GAP = "\n\n";
    private static final String LINE_GAP = "\n";

    private final Parser parser = Parser.builder().build();
    private final int limit;

    TelegramHtml() {
        this(MAX_MESSAGE_LENGTH);
    }

    TelegramHtml(int limit) {
        if (limit < 16) {
            throw new IllegalArgumentException("message limit too small: " + limit);
        }
        this.limit = limit;
    }

    /** The messages to send, in order; empty when the markup says nothing. */
    List<String> render(String markup) {
        List<Piece> pieces = new ArrayList<>();
        for (Node block = parser.parse(markup == null ? "" : markup).getFirstChild(); block != null; block = block.getNext()) {
            String html = block(block, "").strip();
            if (html.isEmpty()) {
                continue;
            }
            boolean first = true;
            for (String unit : units(html)) {
                pieces.add(new Piece(unit, first ? BLOCK_GAP : LINE_GAP));
                first = false;
            }
        }
        return pack(pieces);
    }

    /** Escapes text for Telegram HTML: the three characters it requires. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private String block(Node node, String indent) {
        return switch (node) {
            case Paragraph paragraph -> inlines(paragraph);
            case Heading heading -> "<b>" + inlines(heading) + "</b>";
            case ListBlock list -> list(list, indent);
            case FencedCodeBlock code -> "<pre>" + escape(stripTrailingNewline(code.getLiteral())) + "</pre>";
            case IndentedCodeBlock code -> "<pre>" + escape(stripTrailingNewline(code.getLiteral())) + "</pre>";
            case BlockQuote quote -> "<blockquote>" + children(quote, indent, BLOCK_GAP) + "</blockquote>";
            case ThematicBreak ignored -> "———";
            case HtmlBlock html -> escape(html.getLiteral().strip());
            default -> inlines(node);
        };
    }

    private String children(Node parent, String indent, String gap) {
        List<String> parts = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            parts.add(block(child, indent));
        }
        return String.join(gap, parts);
    }

    private String list(ListBlock list, String indent) {
        StringBuilder out = new StringBuilder();
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof OrderedList ? number++ + ". " : "• ";
            if (!out.isEmpty()) {
                out.append(LINE_GAP);
            }
            out.append(indent).append(marker);
            boolean firstBlock = true;
            for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof ListBlock nested) {
                    out.append(LINE_GAP).append(list(nested, indent + "    "));
                } else {
                    out.append(firstBlock ? "" : LINE_GAP + indent + "  ").append(block(child, indent));
                }
                firstBlock = false;
            }
        }
        return out.toString();
    }

    private String inlines(Node parent) {
        StringBuilder out = new StringBuilder();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            out.append(inline(node));
        }
        return out.toString();
    }

    private String inline(Node node) {
        return switch (node) {
            case Text text -> escape(text.getLiteral());
            case Code code -> "<code>" + escape(code.getLiteral()) + "</code>";
            case StrongEmphasis strong -> "<b>" + inlines(strong) + "</b>";
            case Emphasis emphasis -> "<i>" + inlines(emphasis) + "</i>";
            case Link link -> link(link);
            case Image image -> inlines(image);
            case SoftLineBreak ignored -> "\n";
            case HardLineBreak ignored -> "\n";
            case HtmlInline html -> escape(html.getLiteral());
            default -> inlines(node);
        };
    }

    private String link(Link link) {
        String destination = link.getDestination();
        String label = inlines(link);
        if (destination.startsWith(TOPIC_LINK)) {
            // Topics are read with a command; code makes it one tap to copy.
            return label + " (<code>/topic " + escape(destination.substring(TOPIC_LINK.length())) + "</code>)";
        }
        String scheme = destination.toLowerCase(Locale.ROOT);
        if (scheme.startsWith("https://") || scheme.startsWith("http://")) {
            return "<a href=\"" + escape(destination) + "\">" + label + "</a>";
        }
        // Telegram refuses other schemes in a link; keep the address visible instead.
        return label + " (" + escape(destination) + ")";
    }

    private static String stripTrailingNewline(String literal) {
        return literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    }

    /**
     * Cuts a block into the smallest pieces that may start a new message: its lines, joined again
     * where a tag spans lines, and made plain and cut at spaces where one piece is too long.
     */
    private List<String> units(String html) {
        if (html.length() <= limit) {
            return List.of(html);
        }
        List<String> units = new ArrayList<>();
        StringBuilder open = new StringBuilder();
        for (String line : html.split(LINE_GAP, -1)) {
            if (!open.isEmpty()) {
                open.append(LINE_GAP);
            }
            open.append(line);
            if (tagDepth(open) == 0) {
                units.addAll(fit(open.toString()));
                open.setLength(0);
            }
        }
        if (!open.isEmpty()) {
            units.addAll(fit(open.toString()));
        }
        return units;
    }

    /** A piece that still does not fit loses its tags and is cut at spaces, never inside an entity. */
    private List<String> fit(String unit) {
        if (unit.length() <= limit) {
            return List.of(unit);
        }
        String plain = unit.replaceAll("<[^>]*>", "");
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (plain.length() - start > limit) {
            int end = start + limit;
            int space = Math.max(plain.lastIndexOf(' ', end - 1), plain.lastIndexOf('\n', end - 1));
            if (space > start) {
                end = space;
            } else {
                int amp = plain.lastIndexOf('&', end - 1);
                if (amp >= start && plain.indexOf(';', amp) >= end) {
                    end = amp; // do not cut "&amp;" in two
                }
            }
            parts.add(plain.substring(start, end).strip());
            start = end;
        }
        parts.add(plain.substring(start).strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** Open tags minus closed ones; every '<' in rendered HTML is a tag, since text is escaped. */
    private static int tagDepth(CharSequence html) {
        int depth = 0;
        for (int i = 0; i < html.length(); i++) {
            if (html.charAt(i) == '<') {
                depth += i + 1 < html.length() && html.charAt(i + 1) == '/' ? -1 : 1;
            }
        }
        return depth;
    }

    private List<String> pack(List<Piece> pieces) {
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Piece piece : pieces) {
            if (!current.isEmpty() && current.length() + piece.gap().length() + piece.html().length() <= limit) {
                current.append(piece.gap()).append(piece.html());
                continue;
            }
            if (!current.isEmpty()) {
                messages.add(current.toString());
                current.setLength(0);
            }
            current.append(piece.html());
        }
        if (!current.isEmpty()) {
            messages.add(current.toString());
        }
        return messages;
    }

    private record Piece(String html, String gap) {
    }
}
