package dev.mentor.search;

import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.mentor.knowledge.Passage;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Answers a learner's free-text question with ranked roadmap topics and an honest confidence
 * decision. Thread-safe: build one at start-up and share it.
 */
public final class TopicSearch {

    public static final int MAX_RESULTS = 5;
    /** The share of a question's weight the roadmap must know before the mentor answers. */
    public static final double MIN_COVERAGE = 0.4;
    /** Words past this many are ignored: they add nothing but query clauses. */
    static final int MAX_WORDS = 60;
    /** A long post is cut to about this many words, its questions first. */
    static final int FOCUS_WORDS = 60;
    private static final int WORDS_REMEMBERED = 50_000;

    private static final Map<String, Float> FIELD_BOOSTS = Map.of(
            KnowledgeIndex.ALIASES, 4f,
            KnowledgeIndex.TITLE, 3f,
            KnowledgeIndex.SUMMARY, 1.5f,
            KnowledgeIndex.QUESTIONS, 1.5f,
            KnowledgeIndex.BODY, 1f);
    /** A word the roadmap knows without it naming a topic counts this much towards coverage. */
    private static final double WEAK_CREDIT = 0.6;
    private static final float ALIAS_MENTION_BOOST = 20f;
    /** How many other words may stand between the words of an alias the question mentions. */
    private static final int MENTION_SLACK = 3;
    /** What a mention in another order or with words between counts, against one word for word. */
    private static final double LOOSE_MENTION = 0.5;

    /** The lexical runner-up scoring at least this share of the winner leaves the ranking open. */
    static final double CLOSE_RUNNER_UP = 0.75;
    /**
     * A declined question is answered when the words point at the topic too, the roadmap knows
     * at least this share of them...
     */
    static final double RESCUE_COVERAGE = 0.15;
    /** ... and the topic's closest passage is at least this close in meaning. */
    static final double RESCUE_COSINE = 0.5;
    /** An answer whose words the roadmap knows less than this share of is checked by meaning... */
    static final double MARGINAL_COVERAGE = 0.75;
    /** ... and declined when no passage of the topic comes this close. */
    static final double MARGINAL_COSINE = 0.35;
    /** A question whose roadmap words all have other meanings is answered only when this close. */
    static final double HOMONYM_COSINE = 0.42;
    /** How much the sentence model weighs against the words when the two rankings are fused. */
    static final double SEMANTIC_WEIGHT = 0.7;
    /** Passages: how much the cosine weighs against the words' match. */
    static final double PASSAGE_SEMANTIC_WEIGHT = 0.5;

    private final Roadmap roadmap;
    private final SearchAnalysis analysis;
    private final KnowledgeIndex index;
    private final PassageIndex passages;
    private final List<Passage> allPassages;
    private final Map<String, Integer> firstPassageOfTopic = new HashMap<>();
    /** Null when the search is lexical only. */
    private final SemanticSearch semantic;
    private final Set<String> homonyms;
    private final Languages languages;
    /** A question that asks what something is, not how two things differ. */
    private static final java.util.regex.Pattern DEFINITION = java.util.regex.Pattern.compile(
            "^(?i)(?:eli5\\W*)?(?:wtf|what)(?: is|'s| are| exactly is)\\b(?!.*\\b(?:difference|vs|versus)\\b)");
    private static final int MAX_OTHER_WORDS_IN_DEFINITION = 3;
    /** Words of a question that compares two things: it names more than the topic. */
    private static final Set<String> COMPARING = Set.of("vs", "versus", "difference", "differences", "compare",
            "compared", "comparison", "between", "or", "better", "than");
    private final Map<String, Set<String>> namingTermsOf = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Integer, List<String>> definitionTermsOf = new java.util.concurrent.ConcurrentHashMap<>();
    private final SpellingCorrector corrector;
    private final Confidence confidence;
    /** Per word: its stems as indexed, and its stems with synonyms as asked. */
    private final LoadingCache<String, List<String>> stems;
    private final LoadingCache<String, List<String>> expansions;

    /** Lexical search with the bundled sentence model, loaded when a question first needs it. */
    public TopicSearch(Roadmap roadmap) {
        this(roadmap, SemanticSearch.bundled(roadmap, 2));
    }

    /**
     * @param semantic the semantic side, or null for lexical search alone
     */
    public TopicSearch(Roadmap roadmap, SemanticSearch semantic) {
        this.roadmap = roadmap;
        this.semantic = semantic;
        this.analysis = new SearchAnalysis();
        this.allPassages = new ArrayList<>();
        for (Topic topic : roadmap.topics()) {
            firstPassageOfTopic.put(topic.id(), allPassages.size());
            allPassages.addAll(topic.passages());
        }
        // The two indexes are built side by side: start-up waits for both.
        CompletableFuture<PassageIndex> passageIndex =
                CompletableFuture.supplyAsync(() -> new PassageIndex(allPassages, analysis));
        this.index = new KnowledgeIndex(roadmap, analysis, analysis.synonymWords());
        this.passages = passageIndex.join();
        this.homonyms = analysis.homonyms();
        this.languages = new Languages(analysis.stopWords);
        this.corrector = new SpellingCorrector(index);
        this.confidence = new Confidence();
        this.stems = Caches.bounded(WORDS_REMEMBERED, word -> SearchAnalysis.tokens(analysis.indexing, word));
        this.expansions = Caches.bounded(WORDS_REMEMBERED, word -> SearchAnalysis.tokens(analysis.querying, word));
    }

    public SearchResult search(String question) {
        String focused = QuestionText.focus(QuestionText.plain(question), FOCUS_WORDS);
        List<String> words = SearchAnalysis.tokens(analysis.surface, focused);
        boolean notEnglish = languages.isForeign(focused, words);
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
        List<List<String>> groups = SearchAnalysis.tokenGroups(analysis.querying, text);
        List<AliasMention> mentions = mentions(groups, SearchAnalysis.tokens(analysis.indexing, text));
        List<Hit> hits = rank(groups, mentions);
        Coverage coverage = coverage(corrected, mentions);
        boolean answered = !notEnglish && !hits.isEmpty() && confidence.isConfident(coverage);
        Semantic meaning = Semantic.NOT_USED;
        double[] cosines = null;
        boolean homonymsOnly = answered && coverage.words().stream()
                .filter(word -> word.known() == Known.STRONG).allMatch(word -> homonyms.contains(word.word()));
        boolean marginal = answered && coverage.covered() < MARGINAL_COVERAGE;
        // A decline the words barely support could not be rescued: the model is not asked.
        boolean rescuable = !answered && coverage.covered() >= RESCUE_COVERAGE;
        if (semantic != null && !notEnglish && !hits.isEmpty()
                && (rescuable || homonymsOnly || marginal || isClose(hits))) {
            cosines = semantic.cosines(semantic.embed(focused));
            List<Semantic.TopicCosine> closest = closestTopics(cosines);
            Fused fused = fuse(hits, closest, answered, homonymsOnly, marginal, coverage);
            hits = fused.hits();
            answered = fused.answered();
            meaning = new Semantic(fused.action(), closest);
        }
        Optional<PassageHit> passage = answered
                ? Optional.of(bestPassage(hits.getFirst().topicId(), groups, corrected, cosines))
                : Optional.empty();
        return new SearchResult(question, hits, answered, changed ? Optional.of(text) : Optional.empty(), coverage,
                passage, meaning, notEnglish);
    }

    /**
     * Does the question say nothing but the topic's name ("what is docker", "explain REST APIs")?
     * Then the topic's summary, its short answer, is the answer.
     */
    private boolean onlyNamesTopic(String topicId, List<List<String>> groups, List<String> surfaceWords) {
        if (surfaceWords.stream().anyMatch(COMPARING::contains)) {
            return false;
        }
        Set<String> names = namingTermsOf.computeIfAbsent(topicId, id -> {
            Topic topic = roadmap.topic(id).orElseThrow();
            Set<String> terms = new HashSet<>(SearchAnalysis.tokens(analysis.indexing, topic.title()));
            topic.aliases().forEach(alias -> terms.addAll(SearchAnalysis.tokens(analysis.indexing, alias)));
            return terms;
        });
        return !groups.isEmpty() && groups.stream().allMatch(group -> group.stream().anyMatch(names::contains));
    }

    /**
     * For a question that only names the topic: the entry of its questions that asks what that
     * thing is ("WTF is Docker and what problem does it solve?"), with the fewest other words; or
     * else the topic's summary.
     */
    private int definitionOf(int first, List<Passage> ofTopic, List<List<String>> groups) {
        int best = first;
        int fewestOthers = MAX_OTHER_WORDS_IN_DEFINITION + 1;
        for (int i = 0; i < ofTopic.size(); i++) {
            List<String> terms = definitionTerms(first + i);
            if (terms.isEmpty()) {
                continue;
            }
            boolean asksAboutIt = groups.stream().allMatch(group -> group.stream().anyMatch(terms::contains));
            long others = terms.stream().filter(term -> groups.stream().noneMatch(group -> group.contains(term)))
                    .count();
            if (asksAboutIt && others < fewestOthers) {
                best = first + i;
                fewestOthers = (int) others;
            }
        }
        return best;
    }

    /**
     * The analysed words of a passage's question when it asks what something is, else none;
     * worked out once per passage rather than on every question.
     */
    private List<String> definitionTerms(int ordinal) {
        return definitionTermsOf.computeIfAbsent(ordinal, at -> {
            String question = allPassages.get(at).question();
            return question == null || !DEFINITION.matcher(question).find() ? List.of()
                    : SearchAnalysis.tokens(analysis.indexing, question);
        });
    }

    /** Is the lexical runner-up close enough to the winner that meaning should decide? */
    private static boolean isClose(List<Hit> hits) {
        return hits.size() > 1 && hits.get(1).score() >= CLOSE_RUNNER_UP * hits.getFirst().score();
    }

    private List<Semantic.TopicCosine> closestTopics(double[] cosines) {
        List<Semantic.TopicCosine> topics = new ArrayList<>();
        for (Topic topic : roadmap.topics()) {
            topics.add(new Semantic.TopicCosine(topic.id(), semantic.topicCosine(cosines, topic.id())));
        }
        topics.sort(Comparator.comparingDouble(Semantic.TopicCosine::cosine).reversed());
        return topics.subList(0, Math.min(MAX_RESULTS, topics.size()));
    }

    private record Fused(List<Hit> hits, boolean answered, Semantic.Action action) {
    }

    /**
     * Fuses the two rankings (each topic's lexical score against the best, and its cosine against
     * the closest) and decides again: the model never answers alone, only for a topic the words
     * point at too, and never declines alone, only when the words are all homonyms.
     */
    private Fused fuse(List<Hit> lexical, List<Semantic.TopicCosine> closest, boolean answered, boolean homonymsOnly,
                       boolean marginal, Coverage coverage) {
        // Each ranking is spread over 0..1 (its last counts 0, its first 1) before they are weighed.
        double lowLexical = lexical.getLast().score();
        double highLexical = lexical.getFirst().score();
        double lowCosine = closest.getLast().cosine();
        double highCosine = closest.getFirst().cosine();
        Map<String, Double> fusedScores = new HashMap<>();
        Map<String, String> titles = new HashMap<>();
        Map<String, Double> cosineOf = new HashMap<>();
        closest.forEach(topic -> cosineOf.put(topic.topicId(), topic.cosine()));
        for (Hit hit : lexical) {
            titles.put(hit.topicId(), hit.title());
            fusedScores.merge(hit.topicId(), (1 - SEMANTIC_WEIGHT) * spread(hit.score(), lowLexical, highLexical),
                    Double::sum);
        }
        for (Semantic.TopicCosine topic : closest) {
            titles.putIfAbsent(topic.topicId(), roadmap.topic(topic.topicId()).orElseThrow().title());
            fusedScores.merge(topic.topicId(), SEMANTIC_WEIGHT * spread(topic.cosine(), lowCosine, highCosine),
                    Double::sum);
        }
        List<Hit> fused = fusedScores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(MAX_RESULTS)
                .map(entry -> new Hit(entry.getKey(), titles.get(entry.getKey()), entry.getValue().floatValue()))
                .toList();
        String top = fused.getFirst().topicId();
        Set<String> lexicalTopics = new HashSet<>();
        lexical.forEach(hit -> lexicalTopics.add(hit.topicId()));
        double topCosine = cosineOf.getOrDefault(top, 0.0);
        if (!answered) {
            boolean rescued = lexicalTopics.contains(top) && topCosine >= RESCUE_COSINE
                    && coverage.covered() >= RESCUE_COVERAGE;
            return new Fused(fused, rescued, rescued ? Semantic.Action.RESCUED : Semantic.Action.KEPT);
        }
        if ((homonymsOnly && topCosine < HOMONYM_COSINE) || (marginal && topCosine < MARGINAL_COSINE)) {
            return new Fused(fused, false, Semantic.Action.DECLINED);
        }
        Semantic.Action action = top.equals(lexical.getFirst().topicId()) ? Semantic.Action.KEPT
                : Semantic.Action.RERANKED;
        return new Fused(fused, true, action);
    }

    private static double spread(double value, double low, double high) {
        return high > low ? (value - low) / (high - low) : 1;
    }

    /**
     * The passage of the topic that answers the question best: by its words (BM25 within the
     * topic) and, when the model was asked, by meaning. A question that only names the topic
     * ("what is docker") gets the topic's summary, its short answer.
     */
    private PassageHit bestPassage(String topicId, List<List<String>> groups, List<String> surfaceWords,
                                   double[] cosines) {
        int first = firstPassageOfTopic.get(topicId);
        List<Passage> ofTopic = roadmap.topic(topicId).orElseThrow().passages();
        if (onlyNamesTopic(topicId, groups, surfaceWords)) {
            int definition = definitionOf(first, ofTopic, groups);
            return new PassageHit(allPassages.get(definition), 1,
                    cosines == null ? Double.NaN : cosines[definition]);
        }
        Map<String, Double> weights = new HashMap<>();
        for (List<String> group : groups) {
            for (String term : group) {
                if (index.isKnownTerm(term)) {
                    weights.put(term, index.specificity(term));
                }
            }
        }
        Map<Integer, Double> lexical = passages.scores(topicId, groups, weights);
        double bestLexical = lexical.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int best = first;
        double bestScore = -1;
        for (int i = 0; i < ofTopic.size(); i++) {
            int ordinal = first + i;
            double words = bestLexical == 0 ? 0 : lexical.getOrDefault(ordinal, 0.0) / bestLexical;
            double score = cosines == null ? words
                    : (1 - PASSAGE_SEMANTIC_WEIGHT) * words + PASSAGE_SEMANTIC_WEIGHT * cosines[ordinal];
            if (score > bestScore) {
                best = ordinal;
                bestScore = score;
            }
        }
        double words = bestLexical == 0 ? 0 : lexical.getOrDefault(best, 0.0) / bestLexical;
        return new PassageHit(allPassages.get(best), words, cosines == null ? Double.NaN : cosines[best]);
    }

    /** A word is known when it is a stop word, in the spelling dictionary, or anywhere in the index. */
    private boolean isKnown(String word) {
        if (analysis.isStopWord(word) || index.isSpellingWord(word)) {
            return true;
        }
        List<String> wordStems = stems.get(word);
        return wordStems.isEmpty() || wordStems.stream().anyMatch(index::isKnownTerm);
    }

    /**
     * How much of the question the roadmap knows, each word weighted by how specific it is:
     * "docker" counts for much, "backend" for little, and an unknown word ("pizza") weighs the
     * most while matching nothing. The input of the confidence decision.
     */
    private Coverage coverage(List<String> words, List<AliasMention> mentions) {
        Set<String> mentionedAliasWords = new HashSet<>();
        mentions.forEach(mention -> mentionedAliasWords.addAll(mention.words()));
        List<WordWeight> weights = new ArrayList<>();
        for (String word : words) {
            if (analysis.isStopWord(word) || isSmallNumber(word)) {
                continue;
            }
            List<String> expanded = expansions.get(word);
            if (expanded.isEmpty()) {
                continue;
            }
            // A word weighs what its most widely used form weighs: "node" is as common as "node.js".
            double weight = expanded.stream().filter(index::isKnownTerm)
                    .mapToDouble(index::specificity).min().orElse(-1);
            if (expanded.stream().anyMatch(term -> index.isNamingTerm(term) || mentionedAliasWords.contains(term))) {
                weights.add(new WordWeight(word, Known.STRONG, weight));
            } else if (weight >= 0) {
                weights.add(new WordWeight(word, Known.WEAK, weight));
            } else {
                weights.add(new WordWeight(word, Known.UNKNOWN, index.specificity(word)));
            }
        }
        return new Coverage(weights);
    }

    /**
     * The aliases and titles the question mentions whole: one-word ones as they are, longer
     * ones with all their words close together in any order ("mongodb compared to postgres"
     * mentions "mongodb vs postgres").
     */
    private List<AliasMention> mentions(List<List<String>> groups, List<String> stems) {
        List<AliasMention> mentions = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        // One-word aliases count through synonyms too ("db" mentions "database"), once a word:
        // "node" mentions node, nodejs and node.js, which must not triple its weight ...
        for (List<String> group : groups) {
            List<String> aliases = group.stream().distinct().filter(index::isOneWordAlias)
                    .filter(alias -> seen.add(List.of(alias))).toList();
            if (!aliases.isEmpty()) {
                double weight = aliases.stream().mapToDouble(index::specificity).min().orElseThrow();
                mentions.add(new AliasMention(aliases, aliases, weight));
            }
        }
        // ... longer ones only through the words as asked, which a multi-word synonym would blur;
        // word for word counts fully, the words close together in another order counts half.
        for (String stem : stems) {
            for (List<String> alias : index.longAliasesWith(stem)) {
                if (seen.contains(alias)) {
                    continue;
                }
                double closeness = Collections.indexOfSubList(stems, alias) >= 0 ? 1
                        : isCloseTogether(alias, stems) ? LOOSE_MENTION : 0;
                if (closeness > 0) {
                    seen.add(alias);
                    double weight = alias.stream().mapToDouble(index::specificity).sum();
                    mentions.add(new AliasMention(List.of(String.join(" ", alias)), alias, closeness * weight));
                }
            }
        }
        return mentions;
    }

    /** Are all the words of the alias in the question, within a few words of each other? */
    private static boolean isCloseTogether(List<String> alias, List<String> stems) {
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (String word : alias) {
            int at = stems.indexOf(word);
            if (at < 0) {
                return false;
            }
            first = Math.min(first, at);
            last = Math.max(last, at);
        }
        return last - first < alias.size() + MENTION_SLACK;
    }

    /**
     * A whole alias found in a question, weighted by how specific its words are.
     *
     * @param keys the alias as indexed; several when a word's synonyms are each an alias
     */
    private record AliasMention(List<String> keys, List<String> words, double weight) {
    }

    /** "3 seconds", "week 7", "world war 1": small numbers say nothing; status codes (404) do. */
    private static boolean isSmallNumber(String word) {
        return word.length() < 3 && word.chars().allMatch(Character::isDigit);
    }

    private List<Hit> rank(List<List<String>> groups, List<AliasMention> mentions) {
        Query query = query(groups, mentions);
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
    private Query query(List<List<String>> groups, List<AliasMention> mentions) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean any = false;
        for (List<String> group : groups) {
            List<String> known = group.stream().distinct()
                    .filter(index::isKnownTerm).toList();
            // A word and its synonyms are one concept, weighed by its most widely used form.
            double weight = known.stream().mapToDouble(index::specificity).min().orElse(0);
            // In each field a topic scores for the word's best-matching form, not for each of them.
            for (Map.Entry<String, Float> field : FIELD_BOOSTS.entrySet()) {
                List<Query> forms = known.stream().map(term -> (Query) index.termQuery(field.getKey(), term))
                        .filter(query -> query != null).toList();
                if (!forms.isEmpty()) {
                    Query query = forms.size() == 1 ? forms.getFirst() : new DisjunctionMaxQuery(forms, 0);
                    builder.add(new BoostQuery(query, (float) (field.getValue() * weight)), Occur.SHOULD);
                    any = true;
                }
            }
        }
        if (!any) {
            return null;
        }
        // A question that mentions a whole alias or title ("get a job", "learn first") says which
        // topic it means more clearly than its single words do.
        for (AliasMention mention : mentions) {
            List<Query> keys = mention.keys().stream()
                    .<Query>map(key -> new ConstantScoreQuery(index.termQuery(KnowledgeIndex.EXACT, key))).toList();
            Query alias = keys.size() == 1 ? keys.getFirst() : new DisjunctionMaxQuery(keys, 0);
            builder.add(new BoostQuery(alias, (float) (ALIAS_MENTION_BOOST * mention.weight())), Occur.SHOULD);
        }
        return builder.build();
    }

    /** How a content word of a question is known to the roadmap. */
    public enum Known {
        /** A title word, a one-word alias, or part of a longer alias the question mentions whole. */
        STRONG,
        /** Known otherwise (a word inside an alias, a summary, a body): counts for less. */
        WEAK,
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
                    case WEAK -> WEAK_CREDIT * word.specificity();
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
