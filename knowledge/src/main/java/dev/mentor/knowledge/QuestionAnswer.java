package dev.mentor.knowledge;

/**
 * One entry of a topic's "Questions learners ask" section.
 *
 * @param question the question as learners ask it (the entry's {@code ###} heading)
 * @param markdown the answer as written
 * @param text     the answer as plain text
 */
public record QuestionAnswer(String question, String markdown, String text) {
}
