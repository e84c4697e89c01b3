package dev.mentor.search;

import com.github.benmanes.caffeine.cache.LoadingCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * Suggests a known word for an unknown one ("dokcer" to "docker"). Short words get one edit at
 * most, so everyday words ("moon", "bake") are not bent into roadmap words.
 */
final class SpellingCorrector {

    private static final int MIN_LENGTH = 5;
    private static final int TWO_EDITS_FROM_LENGTH = 8;

    /** Corrections already worked out: a look-up costs far more than the rest of a search. */
    private static final int MAX_REMEMBERED = 50_000;

    private final KnowledgeIndex index;
    private final LoadingCache<String, Optional<String>> remembered = Caches.bounded(MAX_REMEMBERED, this::lookUp);
    private final DirectSpellChecker oneEdit = checker(1);
    private final DirectSpellChecker twoEdits = checker(2);

    SpellingCorrector(KnowledgeIndex index) {
        this.index = index;
    }

    private static DirectSpellChecker checker(int maxEdits) {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(maxEdits);
        checker.setMinPrefix(1);
        checker.setMinQueryLength(MIN_LENGTH);
        checker.setAccuracy(0.6f);
        return checker;
    }

    /** The closest dictionary word to {@code word}, if one is close enough. */
    Optional<String> correct(String word) {
        if (word.length() < MIN_LENGTH || !word.chars().allMatch(Character::isLetter)) {
            return Optional.empty();
        }
        return remembered.get(word);
    }

    private Optional<String> lookUp(String word) {
        DirectSpellChecker checker = word.length() >= TWO_EDITS_FROM_LENGTH ? twoEdits : oneEdit;
        try {
            SuggestWord[] suggestions = checker.suggestSimilar(
                    new Term(KnowledgeIndex.SPELLING, word), 1, index.reader(), SuggestMode.SUGGEST_ALWAYS);
            return suggestions.length == 0 ? Optional.empty() : Optional.of(suggestions[0].string);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
