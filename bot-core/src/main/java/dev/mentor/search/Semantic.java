package dev.mentor.search;

import java.util.List;

/**
 * What the sentence model did for a question.
 *
 * @param action what it changed
 * @param topics the topics closest in meaning, best first, with their best passage's cosine
 */
public record Semantic(Action action, List<TopicCosine> topics) {

    public static final Semantic NOT_USED = new Semantic(Action.NOT_USED, List.of());

    public Semantic {
        topics = List.copyOf(topics);
    }

    public enum Action {
        /** The lexical path was sure: the model was not asked. */
        NOT_USED,
        /** Asked, and it agreed with the lexical ranking and decision. */
        KEPT,
        /** It changed which topic comes first. */
        RERANKED,
        /** The lexical path declined; the model was close enough to a topic the words point at to answer. */
        RESCUED,
        /**
         * The words were barely enough, or all have other meanings ("container" in CSS), and the
         * model did not see the topic in the question either.
         */
        DECLINED
    }

    public record TopicCosine(String topicId, double cosine) {
    }
}
