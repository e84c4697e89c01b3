package dev.mentor.knowledge;

/**
 * A piece of a topic small enough to answer one question: the summary, a paragraph, a list item
 * or one of the questions learners ask with its answer.
 *
 * @param topicId  the topic it belongs to
 * @param section  the heading of the section it sits in ("Summary" for the topic's summary)
 * @param question for an entry of "Questions learners ask", its question; otherwise null
 * @param markdown the passage as written (CommonMark; links to topics use {@code topic:ID})
 * @param text     the passage as plain text
 */
public record Passage(String topicId, String section, String question, String markdown, String text) {

    public static final String SUMMARY = "Summary";

    /** What a learner's question is compared with: the question and its answer, or the text. */
    public String searchableText() {
        return question == null ? text : question + "\n" + text;
    }
}
