package dev.mentor.search;

/** One ranked topic for a question. */
public record Hit(String topicId, String title, float score) {
}
