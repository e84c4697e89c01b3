package dev.mentor.search;

import dev.mentor.knowledge.Passage;

/**
 * The passage an answer leads with.
 *
 * @param lexical how well the question's words match it, 0 to 1 against the topic's best passage
 * @param cosine  its cosine with the question, or NaN when the sentence model was not asked
 */
public record PassageHit(Passage passage, double lexical, double cosine) {
}
