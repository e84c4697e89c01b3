package dev.mentor.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/** Splits a topic's Markdown body into plain-text sections and collects its links to other topics. */
final class MarkdownBody {

    static final String TOPIC_LINK_SCHEME = "topic:";

    private final Parser parser = Parser.builder().build();
    private final TextContentRenderer text = TextContentRenderer.builder().build();

    Parsed parse(String markdown) {
        Node document = parser.parse(markdown);
        List<Topic.Section> sections = new ArrayList<>();
        String heading = "";
        StringBuilder content = new StringBuilder();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading h && h.getLevel() <= 2) {
                addSection(sections, heading, content);
                heading = text.render(h).strip();
                content.setLength(0);
            } else {
                if (!content.isEmpty()) {
                    content.append('\n');
                }
                content.append(text.render(node).strip());
            }
        }
        addSection(sections, heading, content);

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
        return new Parsed(sections, links);
    }

    private static void addSection(List<Topic.Section> sections, String heading, StringBuilder content) {
        if (!heading.isEmpty() || !content.toString().isBlank()) {
            sections.add(new Topic.Section(heading, content.toString().strip()));
        }
    }

    record Parsed(List<Topic.Section> sections, Set<String> topicLinks) {
    }
}
