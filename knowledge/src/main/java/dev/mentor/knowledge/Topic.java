package dev.mentor.knowledge;

import java.util.List;

/**
 * One topic of the roadmap.
 *
 * @param markdown the body as written, in Markdown (links to other topics use {@code topic:ID})
 * @param sections the body's {@code ##} sections as plain text, in order (the questions learners ask
 *                 are kept apart, in {@code questions})
 * @param questions the entries of the body's "Questions learners ask" section
 * @param passages  the summary, each paragraph and list item of the sections, and each question with
 *                  its answer: the pieces an answer can lead with
 */
public record Topic(
        String id,
        String title,
        int stage,
        String summary,
        List<String> aliases,
        List<String> related,
        String markdown,
        List<Section> sections,
        List<QuestionAnswer> questions,
        List<Passage> passages) {

    public Topic {
        aliases = List.copyOf(aliases);
        related = List.copyOf(related);
        sections = List.copyOf(sections);
        questions = List.copyOf(questions);
        passages = List.copyOf(passages);
    }

    /** The whole body as plain text, sections separated by blank lines. */
    public String plainText() {
        StringBuilder text = new StringBuilder();
        for (Section section : sections) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(section.heading()).append("\n").append(section.text());
        }
        return text.toString();
    }

    /** Words in the body's sections, headings included: the measure the 150-400 word rule uses. */
    public int wordCount() {
        String text = plainText().strip();
        return text.isEmpty() ? 0 : text.split("\\s+").length;
    }

    /** A titled part of the topic body. */
    public record Section(String heading, String text) {
    }
}
