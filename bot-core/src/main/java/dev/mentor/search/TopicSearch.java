package dev.mentor.search;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Answers a learner's free-text question with ranked roadmap topics and an honest confidence
 * decision. Thread-safe: build one at start-up and share it.
 */
public final class TopicSearch {

    public static final int MAX_RESULTS = 5;
    /** The share of a question's weight the roadmap must know before the mentor answers. */
    public static final double MIN_COVERAGE = 0.42;
    /** Words past this many are ignored: they add nothing but query clauses. */
    static final int MAX_WORDS = 40;

    private static final Map<String, Float> FIELD_BOOSTS = Map.of(
            KnowledgeIndex.ALIASES, 4f,
            KnowledgeIndex.TITLE, 3f,
            KnowledgeIndex.SUMMARY, 1.5f,
            KnowledgeIndex.BODY, 1f);
    /** A word known only from topic bodies counts this much towards coverage. */
    private static final double BODY_ONLY_CREDIT = 0.5;
    private static final float ALIAS_PAIR_BOOST = 3f;
    private static final float EXACT_BOOST = 20f;

    private final SearchAnalysis analysis;
    private final KnowledgeIndex index;
    private final SpellingCorrector corrector;
    private final Confidence confidence;

    public TopicSearch(Roadmap roadmap) {
        this.analysis = new SearchAnalysis();
        this.index = new KnowledgeIndex(roadmap, analysis, analysis.synonymWords());
        this.corrector = new SpellingCorrector(index);
        this.confidence = new Confidence();
    }

    public SearchResult search(String question) {
        List<String> words = SearchAnalysis.tokens(analysis.surface, question);
        if (words.size() > MAX_WORDS) {
            words = words.subList(0, MAX_WORDS);
        }
        List<String> corrected = new ArrayList<>(words.size());
        boolean changed = false;
        for (String word : words) {
            Optional<String> correction = isKnown(word) ? Optional.empty() : corrector.correct(word);
            changed |= correction.isPresent();
            corrected.add(correction.orElse(word));
        }
        String text = String.join(" ", corrected);
        List<Hit> hits = rank(text);
        boolean answered = !hits.isEmpty() && confidence.isConfident(coverage(corrected));
        return new SearchResult(question, hits, answered, changed ? Optional.of(text) : Optional.empty());
    }

    /** A word is known when it is a stop word, in the spelling dictionary, or anywhere in the index. */
    private boolean isKnown(String word) {
        if (analysis.isStopWord(word) || index.isSpellingWord(word)) {
            return true;
        }
        List<String> stems = SearchAnalysis.tokens(analysis.indexing, word);
        return stems.isEmpty() || stems.stream().anyMatch(s -> index.isStrongTerm(s) || index.isBodyTerm(s));
    }

    /**
     * How much of the question the roadmap knows, each word weighted by how specific it is:
     * "docker" counts for much, "backend" for little, and an unknown word ("pizza") weighs the
     * most while matching nothing. The input of the confidence decision.
     */
    private Coverage coverage(List<String> words) {
        List<WordWeight> weights = new ArrayList<>();
        for (String word : words) {
            if (analysis.isStopWord(word)) {
                continue;
            }
            List<String> expanded = SearchAnalysis.tokens(analysis.querying, word);
            if (expanded.isEmpty()) {
                continue;
            }
            double strong = expanded.stream().filter(index::isStrongTerm)
                    .mapToDouble(index::specificity).max().orElse(-1);
            double body = expanded.stream().filter(index::isBodyTerm)
                    .mapToDouble(index::specificity).max().orElse(-1);
            if (strong >= 0) {
                weights.add(new WordWeight(word, Known.STRONG, strong));
            } else if (body >= 0) {
                weights.add(new WordWeight(word, Known.BODY_ONLY, body));
            } else if (!word.chars().allMatch(Character::isDigit)) {
                // A number the roadmap does not know ("3 seconds") says nothing either way.
                weights.add(new WordWeight(word, Known.UNKNOWN, index.specificity(word)));
            }
        }
        return new Coverage(weights);
    }

    /** Why the mentor would answer or decline: each content word, how it is known, its weight. */
    public Coverage explain(String question) {
        return coverage(SearchAnalysis.tokens(analysis.surface, search(question).correction().orElse(question)));
    }

    private List<Hit> rank(String text) {
        Query query = query(text);
        if (query == null) {
            return List.of();
        }
        try {
            TopDocs top = index.searcher().search(query, MAX_RESULTS + 1);
            List<Hit> hits = new ArrayList<>(MAX_RESULTS);
            for (ScoreDoc scored : top.scoreDocs) {
                Topic topic = index.topicAt(scored.doc);
                if (topic != null && hits.size() < MAX_RESULTS) {
                    hits.add(new Hit(topic.id(), topic.title(), scored.score));
                }
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each question term (synonyms included) is looked for in every field with the field's
     * boost, and weighted by its specificity, so the words that tell topics apart decide.
     */
    private Query query(String text) {
        Set<String> terms = new LinkedHashSet<>(SearchAnalysis.tokens(analysis.querying, text));
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean any = false;
        for (String term : terms) {
            if (!index.isStrongTerm(term) && !index.isBodyTerm(term)) {
                continue;
            }
            BooleanQuery.Builder fields = new BooleanQuery.Builder();
            FIELD_BOOSTS.forEach((field, boost) ->
                    fields.add(new BoostQuery(new TermQuery(new Term(field, term)), boost), Occur.SHOULD));
            builder.add(new BoostQuery(fields.build(), (float) index.specificity(term)), Occur.SHOULD);
            any = true;
        }
        if (!any) {
            return null;
        }
        List<String> stems = SearchAnalysis.tokens(analysis.indexing, text);
        for (int i = 0; i + 1 < stems.size(); i++) {
            Query pair = new PhraseQuery(KnowledgeIndex.ALIASES, stems.get(i), stems.get(i + 1));
            float weight = (float) (index.specificity(stems.get(i)) + index.specificity(stems.get(i + 1))) / 2;
            builder.add(new BoostQuery(pair, ALIAS_PAIR_BOOST * weight), Occur.SHOULD);
        }
        Query exact = new TermQuery(new Term(KnowledgeIndex.EXACT, String.join(" ", stems)));
        builder.add(new BoostQuery(exact, EXACT_BOOST), Occur.SHOULD);
        return builder.build();
    }

    /** How a content word of a question is known to the roadmap. */
    public enum Known {
        /** In some topic's title, aliases or summary. */
        STRONG,
        /** Only in topic bodies: counts half. */
        BODY_ONLY,
        /** Nowhere: counts against the question being in scope. */
        UNKNOWN
    }

    /** A content word, how it is known, and how specific it is (its weight). */
    public record WordWeight(String word, Known known, double specificity) {
    }

    /** The content words of a question with their weights: the input of the confidence decision. */
    public record Coverage(List<WordWeight> words) {

        public Coverage {
            words = List.copyOf(words);
        }

        /** The share of the question's weight that the roadmap knows, 0 to 1. */
        public double covered() {
            double total = 0;
            double known = 0;
            for (WordWeight word : words) {
                total += word.specificity();
                known += switch (word.known()) {
                    case STRONG -> word.specificity();
                    case BODY_ONLY -> BODY_ONLY_CREDIT * word.specificity();
                    case UNKNOWN -> 0;
                };
            }
            return total == 0 ? 0 : known / total;
        }

        public boolean hasRoadmapWord() {
            return words.stream().anyMatch(word -> word.known() == Known.STRONG);
        }
    }

    /**
     * Answer only when a word is roadmap vocabulary and most of what the question is about is
     * known, so "how far is the moon" is declined rather than matched to a random topic.
     */
    static final class Confidence {

        boolean isConfident(Coverage coverage) {
            return coverage.hasRoadmapWord() && coverage.covered() >= MIN_COVERAGE;
        }
    }
}
