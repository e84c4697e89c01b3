package dev.mentor.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Splits a topic's Markdown body into plain-text sections, the passages they are made of, and
 * the entries of its "Questions learners ask" section; collects its links to other topics.
 */
final class MarkdownBody {

    static final String TOPIC_LINK_SCHEME = "topic:";
    /** The section whose {@code ###} entries are the questions learners ask, each with its answer. */
    static final String QUESTIONS_HEADING = "Questions learners ask";

    private final Parser parser = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private final TextContentRenderer text = TextContentRenderer.builder().build();

    Parsed parse(String markdown) {
        String[] lines = markdown.split("\n", -1);
        Node document = parser.parse(markdown);
        List<Topic.Section> sections = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        List<QuestionAnswer> questions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String heading = "";
        int bodyEnd = -1;
        StringBuilder content = new StringBuilder();
        Entry entry = null;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading h && h.getLevel() <= 2) {
                addSection(sections, heading, content);
                addEntry(questions, entry, problems);
                entry = null;
                heading = text.render(h).strip();
                content.setLength(0);
                if (heading.equals(QUESTIONS_HEADING) && bodyEnd < 0) {
                    bodyEnd = firstLine(node);
                }
            } else if (heading.equals(QUESTIONS_HEADING)) {
                if (node instanceof Heading h && h.getLevel() == 3) {
                    addEntry(questions, entry, problems);
                    entry = new Entry(text.render(h).strip());
                } else if (entry == null) {
                    problems.add("'" + QUESTIONS_HEADING + "' has text before its first '###' question");
                } else if (node instanceof Heading) {
                    problems.add("'" + QUESTIONS_HEADING + "' may hold only '###' question headings");
                } else {
                    entry.add(source(lines, node), text.render(node).strip());
                }
            } else {
                if (!content.isEmpty()) {
                    content.append('\n');
                }
                String plain = text.render(node).strip();
                content.append(plain);
                addBlocks(blocks, heading, node, lines, plain);
            }
        }
        addSection(sections, heading, content);
        addEntry(questions, entry, problems);

        Set<String> links = new LinkedHashSet<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                String destination = link.getDestination();
                if (destination.startsWith(TOPIC_LINK_SCHEME)) {
                    links.add(destination.substring(TOPIC_LINK_SCHEME.length()));
                }
                visitChildren(link);
            }
        });
        String body = bodyEnd < 0 ? markdown : String.join("\n", List.of(lines).subList(0, bodyEnd));
        return new Parsed(sections, blocks, questions, links, body.strip(), problems);
    }

    /**
     * A paragraph is a passage, each item of a list is one, and a code block belongs to the
     * passage before it: it illustrates what that passage says.
     */
    private void addBlocks(List<Block> blocks, String heading, Node node, String[] lines, String plain) {
        if (node instanceof ListBlock list) {
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                String itemSource = stripListMarker(source(lines, item));
                blocks.add(new Block(heading, itemSource, renderChildren(item)));
            }
        } else if ((node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock) && !blocks.isEmpty()
                && blocks.getLast().section().equals(heading)) {
            Block previous = blocks.removeLast();
            blocks.add(new Block(heading, previous.markdown() + "\n\n" + source(lines, node),
                    previous.text() + "\n" + plain));
        } else if (!plain.isEmpty()) {
            blocks.add(new Block(heading, source(lines, node), plain));
        }
    }

    /** A list item's own text: the renderer leaves an item outside its list empty. */
    private String renderChildren(Node item) {
        StringBuilder out = new StringBuilder();
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            String plain = text.render(child).strip();
            if (!plain.isEmpty()) {
                out.append(out.isEmpty() ? "" : "\n").append(plain);
            }
        }
        return out.toString();
    }

    private static String stripListMarker(String item) {
        return item.replaceFirst("^\\s*(?:[-*+]|\\d+[.)])\\s+", "");
    }

    /** The node's own lines of the Markdown, as written. */
    private static String source(String[] lines, Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans.isEmpty()) {
            return "";
        }
        int first = spans.getFirst().getLineIndex();
        int last = spans.getLast().getLineIndex();
        StringBuilder out = new StringBuilder();
        for (int i = first; i <= last && i < lines.length; i++) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(lines[i]);
        }
        return out.toString().strip();
    }

    private static int firstLine(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().getFirst().getLineIndex();
    }

    private static void addSection(List<Topic.Section> sections, String heading, StringBuilder content) {
        if ((!heading.isEmpty() && !heading.equals(QUESTIONS_HEADING)) || !content.toString().isBlank()) {
            sections.add(new Topic.Section(heading, content.toString().strip()));
        }
    }

    private static void addEntry(List<QuestionAnswer> questions, Entry entry, List<String> problems) {
        if (entry == null) {
            return;
        }
        if (entry.question.isBlank()) {
            problems.add("'" + QUESTIONS_HEADING + "' has an empty '###' question");
        } else if (entry.text.isEmpty()) {
            problems.add("question '" + entry.question + "' has no answer");
        } else {
            questions.add(new QuestionAnswer(entry.question, entry.markdown.toString(), entry.text.toString()));
        }
    }

    /** An entry of the questions section while its answer is read. */
    private static final class Entry {
        final String question;
        final StringBuilder markdown = new StringBuilder();
        final StringBuilder text = new StringBuilder();

        Entry(String question) {
            this.question = question;
        }

        void add(String source, String plain) {
            if (!markdown.isEmpty()) {
                markdown.append("\n\n");
                text.append('\n');
            }
            markdown.append(source);
            text.append(plain);
        }
    }

    /** A paragraph or list item of the body, as written and as plain text. */
    record Block(String section, String markdown, String text) {
    }

    /**
     * @param body     the Markdown without the questions section (what {@code /topic} shows)
     * @param problems what is wrong with the questions section
     */
    record Parsed(List<Topic.Section> sections, List<Block> blocks, List<QuestionAnswer> questions,
                  Set<String> topicLinks, String body, List<String> problems) {
    }
}
