package dev.mentor.search;

import java.util.List;
import java.util.Optional;

/**
 * What the search made of a question.
 *
 * @param hits       ranked topics, best first (may be non-empty even when not answered)
 * @param answered   the confidence decision: true when the best hit really answers the question
 * @param correction the question with unknown words corrected, when a correction was made
 * @param coverage   why it was answered or not: how each word of the question is known
 * @param passage    for an answered question, the passage of the answering topic that answers it best
 * @param semantic   what the sentence model did
 * @param notEnglish the question looks written in another language: not answered, though its
 *                   technical words may still point at a topic
 */
public record SearchResult(String question, List<Hit> hits, boolean answered, Optional<String> correction,
                           TopicSearch.Coverage coverage, Optional<PassageHit> passage, Semantic semantic,
                           boolean notEnglish) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    /** The answering topic, present only when the mentor is confident. */
    public Optional<Hit> answer() {
        return answered && !hits.isEmpty() ? Optional.of(hits.getFirst()) : Optional.empty();
    }
}
