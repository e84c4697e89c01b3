package dev.mentor.search;

/**
 * A community FAQ entry that answers a question.
 *
 * @param share how closely the entry's question matches, 0 to 1 (see FaqIndex)
 */
public record FaqMatch(FaqEntry entry, double share) {
}
