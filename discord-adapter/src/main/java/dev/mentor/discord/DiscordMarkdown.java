package dev.mentor.discord;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
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
 * Turns the core's neutral markup (CommonMark) into Discord markdown. The two are close, but the
 * text is parsed and written again rather than passed through, so that learners' escaped words
 * stay literal under Discord's own rules and topic links become the command that opens them.
 */
final class DiscordMarkdown {

    private static final String TOPIC_LINK = "topic:";
    /** Characters Discord markdown gives a meaning to (mentions and channels start with '<'). */
    private static final String SPECIAL = "\\*_~`|[]<>#";

    private final Parser parser = Parser.builder().build();

    String render(String markup) {
        StringBuilder out = new StringBuilder();
        parser.parse(markup == null ? "" : markup).accept(new Writer(out));
        return out.toString().strip();
    }

    /** Backslash before each character Discord would read as markup. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static final class Writer extends AbstractVisitor {
        private final StringBuilder out;
        private String indent = "";

        Writer(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void visit(Paragraph paragraph) {
            visitChildren(paragraph);
            endBlock(paragraph);
        }

        @Override
        public void visit(Heading heading) {
            out.append("**");
            visitChildren(heading);
            out.append("**");
            endBlock(heading);
        }

        @Override
        public void visit(BulletList list) {
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                item(item, "- ");
            }
            endList(list);
        }

        @Override
        public void visit(OrderedList list) {
            int number = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                item(item, number++ + ". ");
            }
            endList(list);
        }

        private void item(Node item, String marker) {
            out.append(indent).append(marker);
            String saved = indent;
            indent = indent + " ".repeat(marker.length());
            boolean first = true;
            for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Paragraph paragraph) {
                    if (!first) {
                        out.append(indent);
                    }
                    visitChildren(paragraph);
                    out.append('\n');
                } else {
                    if (first) {
                        out.append('\n');
                    }
                    child.accept(this);
                }
                first = false;
            }
            indent = saved;
        }

        private void endList(Node list) {
            if (indent.isEmpty() && list.getNext() != null) {
                out.append('\n');
            }
        }

        @Override
        public void visit(ListItem item) {
            item(item, "- ");
        }

        @Override
        public void visit(StrongEmphasis strong) {
            out.append("**");
            visitChildren(strong);
            out.append("**");
        }

        @Override
        public void visit(Emphasis emphasis) {
            out.append('*');
            visitChildren(emphasis);
            out.append('*');
        }

        @Override
        public void visit(Code code) {
            String literal = code.getLiteral();
            String fence = literal.contains("`") ? "``" : "`";
            out.append(fence).append(literal.contains("`") ? " " + literal + " " : literal).append(fence);
        }

        @Override
        public void visit(FencedCodeBlock block) {
            codeBlock(block.getLiteral(), block);
        }

        @Override
        public void visit(IndentedCodeBlock block) {
            codeBlock(block.getLiteral(), block);
        }

        private void codeBlock(String literal, Node block) {
            out.append("```\n").append(literal.replace("```", "'''"));
            if (!literal.endsWith("\n")) {
                out.append('\n');
            }
            out.append("```");
            endBlock(block);
        }

        @Override
        public void visit(BlockQuote quote) {
            int start = out.length();
            visitChildren(quote);
            String quoted = out.substring(start).strip();
            out.setLength(start);
            quoted.lines().forEach(line -> out.append("> ").append(line).append('\n'));
            endBlock(quote);
        }

        @Override
        public void visit(Link link) {
            String destination = link.getDestination();
            if (destination.startsWith(TOPIC_LINK)) {
                // Discord has no links into the bot: show the command that opens the topic.
                visitChildren(link);
                out.append(" (`/topic ").append(destination.substring(TOPIC_LINK.length()).replace("`", "")).append("`)");
                return;
            }
            int start = out.length();
            visitChildren(link);
            String label = out.substring(start);
            if (label.isEmpty() || label.equals(escape(destination))) {
                out.setLength(start);
                out.append(destination);
            } else {
                out.append("](").append(destination.replace(")", "%29")).append(')');
                out.insert(start, '[');
            }
        }

        @Override
        public void visit(Text text) {
            out.append(escape(text.getLiteral()));
        }

        @Override
        public void visit(HtmlInline html) {
            out.append(escape(html.getLiteral()));
        }

        @Override
        public void visit(HtmlBlock html) {
            out.append(escape(html.getLiteral()));
            endBlock(html);
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            out.append('\n').append(indent);
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            out.append('\n').append(indent);
        }

        @Override
        public void visit(ThematicBreak thematicBreak) {
            out.append("———");
            endBlock(thematicBreak);
        }

        private void endBlock(Node block) {
            if (block.getParent() instanceof ListItem) {
                return;
            }
            out.append("\n\n");
        }
    }
}
