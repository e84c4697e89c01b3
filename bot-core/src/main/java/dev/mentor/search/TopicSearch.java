package dev.mentor.search;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
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
    private static final int WORDS_REMEMBERED = 50_000;

    private static final Map<String, Float> FIELD_BOOSTS = Map.of(
            KnowledgeIndex.ALIASES, 4f,
            KnowledgeIndex.TITLE, 3f,
            KnowledgeIndex.SUMMARY, 1.5f,
            KnowledgeIndex.BODY, 1f);
    /** A word known only from topic bodies counts this much towards coverage. */
    private static final double BODY_ONLY_CREDIT = 0.5;
    private static final float ALIAS_MENTION_BOOST = 20f;
    private static final int MAX_ALIAS_WORDS = 4;

    private final SearchAnalysis analysis;
    private final KnowledgeIndex index;
    private final SpellingCorrector corrector;
    private final Confidence confidence;
    /** Per word: its stems as indexed, and its stems with synonyms as asked. */
    private final BoundedCache<String, List<String>> stems;
    private final BoundedCache<String, List<String>> expansions;

    public TopicSearch(Roadmap roadmap) {
        this.analysis = new SearchAnalysis();
        this.index = new KnowledgeIndex(roadmap, analysis, analysis.synonymWords());
        this.corrector = new SpellingCorrector(index);
        this.confidence = new Confidence();
        this.stems = new BoundedCache<>(WORDS_REMEMBERED, word -> SearchAnalysis.tokens(analysis.indexing, word));
        this.expansions = new BoundedCache<>(WORDS_REMEMBERED, word -> SearchAnalysis.tokens(analysis.querying, word));
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
        List<String> wordStems = stems.get(word);
        return wordStems.isEmpty() || wordStems.stream().anyMatch(s -> index.isStrongTerm(s) || index.isBodyTerm(s));
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
            List<String> expanded = expansions.get(word);
            if (expanded.isEmpty()) {
                continue;
            }
            // A word weighs what its most widely used form weighs: "node" is as common as "node.js".
            double weight = expanded.stream().filter(term -> index.isStrongTerm(term) || index.isBodyTerm(term))
                    .mapToDouble(index::specificity).min().orElse(-1);
            if (expanded.stream().anyMatch(index::isStrongTerm)) {
                weights.add(new WordWeight(word, Known.STRONG, weight));
            } else if (weight >= 0) {
                weights.add(new WordWeight(word, Known.BODY_ONLY, weight));
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
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean any = false;
        for (List<String> group : SearchAnalysis.tokenGroups(analysis.querying, text)) {
            List<String> known = group.stream().distinct()
                    .filter(term -> index.isStrongTerm(term) || index.isBodyTerm(term)).toList();
            // A word and its synonyms are one concept, weighed by its most widely used form.
            double weight = known.stream().mapToDouble(index::specificity).min().orElse(0);
            for (String term : known) {
                for (Map.Entry<String, Float> field : FIELD_BOOSTS.entrySet()) {
                    Query query = index.termQuery(field.getKey(), term);
                    if (query != null) {
                        builder.add(new BoostQuery(query, (float) (field.getValue() * weight)), Occur.SHOULD);
                        any = true;
                    }
                }
            }
        }
        if (!any) {
            return null;
        }
        // A question that mentions a whole alias or title ("get a job", "learn first") says which
        // topic it means more clearly than its single words do: each run of up to four words
        // that equals one counts by how specific its words are.
        List<String> textStems = SearchAnalysis.tokens(analysis.indexing, text);
        for (int start = 0; start < textStems.size(); start++) {
            double weight = 0;
            for (int end = start + 1; end <= Math.min(textStems.size(), start + MAX_ALIAS_WORDS); end++) {
                weight += index.specificity(textStems.get(end - 1));
                Query alias = index.termQuery(KnowledgeIndex.EXACT, String.join(" ", textStems.subList(start, end)));
                if (alias != null) {
                    builder.add(new BoostQuery(new ConstantScoreQuery(alias), (float) (ALIAS_MENTION_BOOST * weight)),
                            Occur.SHOULD);
                }
            }
        }
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
