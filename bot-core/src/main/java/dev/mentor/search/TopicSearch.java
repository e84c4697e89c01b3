package dev.mentor.search;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.QueryBuilder;

/**
 * Answers a learner's free-text question with ranked roadmap topics and an honest confidence
 * decision. Thread-safe: build one at start-up and share it.
 */
public final class TopicSearch {

    public static final int MAX_RESULTS = 5;
    /** Words past this many are ignored: they add nothing but query clauses. */
    static final int MAX_WORDS = 40;

    private static final float ALIASES_BOOST = 4f;
    private static final float TITLE_BOOST = 3f;
    private static final float SUMMARY_BOOST = 1.5f;
    private static final float BODY_BOOST = 1f;
    private static final float ALIAS_PAIR_BOOST = 3f;
    private static final float EXACT_BOOST = 20f;

    private final SearchAnalysis analysis;
    private final KnowledgeIndex index;
    private final SpellingCorrector corrector;
    private final QueryBuilder queries;
    private final Confidence confidence;

    public TopicSearch(Roadmap roadmap) {
        this.analysis = new SearchAnalysis();
        this.index = new KnowledgeIndex(roadmap, analysis, analysis.synonymWords());
        this.corrector = new SpellingCorrector(index);
        this.queries = new QueryBuilder(analysis.querying);
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

    /** How much of the question's content the roadmap knows: the input of the confidence decision. */
    private Coverage coverage(List<String> words) {
        int content = 0;
        int strong = 0;
        int bodyOnly = 0;
        for (String word : words) {
            if (analysis.isStopWord(word) || word.chars().allMatch(Character::isDigit)) {
                continue;
            }
            List<String> expanded = SearchAnalysis.tokens(analysis.querying, word);
            if (expanded.isEmpty()) {
                continue;
            }
            content++;
            if (expanded.stream().anyMatch(index::isStrongTerm)) {
                strong++;
            } else if (expanded.stream().anyMatch(index::isBodyTerm)) {
                bodyOnly++;
            }
        }
        return new Coverage(content, strong, bodyOnly);
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

    private Query query(String text) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean any = false;
        any |= addField(builder, KnowledgeIndex.ALIASES, text, ALIASES_BOOST);
        any |= addField(builder, KnowledgeIndex.TITLE, text, TITLE_BOOST);
        any |= addField(builder, KnowledgeIndex.SUMMARY, text, SUMMARY_BOOST);
        any |= addField(builder, KnowledgeIndex.BODY, text, BODY_BOOST);
        if (!any) {
            return null;
        }
        List<String> stems = SearchAnalysis.tokens(analysis.indexing, text);
        for (int i = 0; i + 1 < stems.size(); i++) {
            Query pair = new PhraseQuery(KnowledgeIndex.ALIASES, stems.get(i), stems.get(i + 1));
            builder.add(new BoostQuery(pair, ALIAS_PAIR_BOOST), Occur.SHOULD);
        }
        Query exact = new TermQuery(new Term(KnowledgeIndex.EXACT, String.join(" ", stems)));
        builder.add(new BoostQuery(exact, EXACT_BOOST), Occur.SHOULD);
        return builder.build();
    }

    private boolean addField(BooleanQuery.Builder builder, String field, String text, float boost) {
        Query query = queries.createBooleanQuery(field, text);
        if (query == null) {
            return false;
        }
        builder.add(new BoostQuery(query, boost), Occur.SHOULD);
        return true;
    }

    /** Counts of the question's content words: all, known from titles/aliases/summaries, known from bodies only. */
    record Coverage(int content, int strong, int bodyOnly) {
    }

    /**
     * Answer only when at least one word is roadmap vocabulary and most of the question is
     * covered, so "how far is the moon" is declined instead of matched to a random topic.
     */
    static final class Confidence {
        static final double MIN_COVERAGE = 0.4;
        static final double BODY_WEIGHT = 0.5;

        boolean isConfident(Coverage coverage) {
            if (coverage.content() == 0 || coverage.strong() == 0) {
                return false;
            }
            double covered = coverage.strong() + BODY_WEIGHT * coverage.bodyOnly();
            return covered / coverage.content() >= MIN_COVERAGE;
        }
    }
}
