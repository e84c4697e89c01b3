package dev.mentor.console;

import dev.mentor.chat.Attachment;
import dev.mentor.chat.Button;
import dev.mentor.chat.Reply;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import picocli.CommandLine;

/**
 * Renders a neutral reply for a terminal: ANSI styles when writing to one, plain text when
 * piped. Buttons become the commands to type, since a terminal has nothing to click.
 */
public final class ConsoleRenderer {

    private static final String BOLD = "\u001b[1m";
    private static final String ITALIC = "\u001b[3m";
    private static final String CYAN = "\u001b[36m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";
    private static final String TOPIC_LINK = "topic:";

    private final Parser parser = Parser.builder().build();
    private final boolean colour;

    public ConsoleRenderer(boolean colour) {
        this.colour = colour;
    }

    /** Colour only on a terminal, and never when NO_COLOR is set or the user asked for plain text. */
    public static boolean useColour(boolean noColorRequested) {
        String noColor = System.getenv("NO_COLOR");
        return !noColorRequested && (noColor == null || noColor.isEmpty()) && CommandLine.Help.Ansi.AUTO.enabled();
    }

    public String prompt() {
        return style(BOLD, "you> ");
    }

    public String render(Reply reply) {
        String text = renderText(reply.text());
        StringBuilder buttons = new StringBuilder();
        for (List<Button> row : reply.buttons()) {
            buttons.append('\n').append(style(DIM, "→ "))
                    .append(String.join(style(DIM, " · "), row.stream().map(this::button).toList()));
        }
        return buttons.isEmpty() ? text : text + "\n" + buttons;
    }

    /** The reply, then a line per file it carried: where it was saved, or why it could not be. */
    public String render(Reply reply, ConsoleFiles files) {
        StringBuilder out = new StringBuilder(render(reply));
        for (Attachment attachment : reply.attachments()) {
            String what = attachment.caption().isEmpty() ? attachment.fileName() : attachment.caption();
            out.append('\n').append(style(DIM, "📎 ")).append(what).append(" (").append(attachment.readableSize())
                    .append("): ");
            try {
                out.append(style(CYAN, files.save(attachment).toAbsolutePath().toString()));
            } catch (java.io.IOException | RuntimeException e) {
                out.append("could not be saved in ").append(files.folder().toAbsolutePath()).append(" (")
                        .append(e.getMessage()).append("); set MENTOR_FILES_DIR to a folder you can write to");
            }
        }
        return out.toString();
    }

    /** The neutral markup as the console shows it, without buttons. */
    public String renderText(String markup) {
        StringBuilder out = new StringBuilder();
        parser.parse(markup).accept(new Writer(out));
        return out.toString().strip();
    }

    private String button(Button button) {
        return button.label() + " " + style(CYAN, button.command());
    }

    private String style(String ansi, String text) {
        return colour ? ansi + text + RESET : text;
    }

    /** Walks the CommonMark tree and writes text with a little layout. */
    private final class Writer extends AbstractVisitor {
        private final StringBuilder out;
        private String listPrefix = "";
        private int orderedNumber;

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
            out.append(colour ? BOLD : "");
            visitChildren(heading);
            out.append(colour ? RESET : "");
            out.append("\n\n");
        }

        @Override
        public void visit(BulletList list) {
            String saved = listPrefix;
            listPrefix = "- ";
            visitChildren(list);
            listPrefix = saved;
            endList(list);
        }

        @Override
        public void visit(OrderedList list) {
            String saved = listPrefix;
            int savedNumber = orderedNumber;
            listPrefix = null;
            orderedNumber = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
            visitChildren(list);
            listPrefix = saved;
            orderedNumber = savedNumber;
            endList(list);
        }

        @Override
        public void visit(ListItem item) {
            out.append(listPrefix != null ? "  " + listPrefix : "  " + orderedNumber++ + ". ");
            for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Paragraph paragraph) {
                    visitChildren(paragraph);
                    out.append("\n");
                } else {
                    child.accept(this);
                }
            }
        }

        @Override
        public void visit(StrongEmphasis strong) {
            wrap(BOLD, strong);
        }

        @Override
        public void visit(Emphasis emphasis) {
            wrap(ITALIC, emphasis);
        }

        @Override
        public void visit(Code code) {
            out.append(style(CYAN, code.getLiteral()));
        }

        @Override
        public void visit(FencedCodeBlock block) {
            code(block.getLiteral(), block);
        }

        @Override
        public void visit(IndentedCodeBlock block) {
            code(block.getLiteral(), block);
        }

        @Override
        public void visit(BlockQuote quote) {
            visitChildren(quote);
        }

        @Override
        public void visit(Link link) {
            visitChildren(link);
            String destination = link.getDestination();
            if (destination.startsWith(TOPIC_LINK)) {
                out.append(" (").append(style(CYAN, "/topic " + destination.substring(TOPIC_LINK.length()))).append(")");
            } else {
                out.append(" (").append(destination).append(")");
            }
        }

        @Override
        public void visit(Text text) {
            out.append(text.getLiteral());
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            out.append("\n");
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            out.append("\n");
        }

        private void code(String literal, Node block) {
            literal.lines().forEach(line -> out.append("    ").append(style(CYAN, line)).append("\n"));
            endBlock(block);
        }

        private void wrap(String ansi, Node node) {
            out.append(colour ? ansi : "");
            visitChildren(node);
            out.append(colour ? RESET : "");
        }

        private void endBlock(Node node) {
            if (node.getParent() instanceof ListItem) {
                return;
            }
            out.append("\n\n");
        }

        private void endList(Node list) {
            if (!(list.getParent() instanceof ListItem)) {
                out.append("\n");
            }
        }
    }
}
