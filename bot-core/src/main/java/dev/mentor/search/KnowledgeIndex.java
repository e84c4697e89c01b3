package dev.mentor.search;

import dev.mentor.knowledge.QuestionAnswer;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;

/**
 * The in-memory Lucene index over the roadmap's topics, and the vocabulary facts the search
 * pipeline asks of it (is a word part of what the mentor knows, and how strongly).
 */
final class KnowledgeIndex {

    static final String ID = "id";
    static final String TITLE = "title";
    static final String ALIASES = "aliases";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    /** The questions learners ask that the topic answers, as asked. */
    static final String QUESTIONS = "questions";
    /** Each title and alias whole, analysed and joined by spaces: what a question can mention. */
    static final String EXACT = "exact";
    /** Everything a topic says, for how specific a term is across the roadmap. */
    static final String ALL = "all";
    /** Unstemmed words of the topics, the synonyms and the stop words: the spelling dictionary. */
    static final String SPELLING = "spelling";

    /** Each file as one byte array: the cheapest for the many small reads of a tiny index. */
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
            ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_BYTE_ARRAY);
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<Integer, Topic> topicByDocId = new HashMap<>();
    /** Every term of each searched field. */
    private final Map<String, Set<String>> termsByField = new HashMap<>();
    /** Terms' looked-up states, per field: the index never changes, so queries reuse them. */
    private final Map<String, Map<String, TermStates>> statesByField = new HashMap<>();
    private final Set<String> namingTerms;
    private final Map<String, List<List<String>>> longAliasesByTerm = new HashMap<>();
    private final Set<String> knownTerms;
    private final Set<String> spellingWords;
    private final int topicCount;
    private final Map<String, Double> specificityOfTerms = new HashMap<>();

    KnowledgeIndex(Roadmap roadmap, SearchAnalysis analysis, Set<String> synonymWords) {
        Analyzer perField = new PerFieldAnalyzerWrapper(analysis.indexing, Map.of(SPELLING, analysis.surface));
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(perField))) {
            for (Topic topic : roadmap.topics()) {
                writer.addDocument(document(topic, analysis));
            }
            // Learner words known only from the synonym map, and the filler words of questions
            // ("differnce"), deserve spelling correction too.
            Document vocabulary = new Document();
            vocabulary.add(new TextField(SPELLING, String.join(" ", synonymWords), Field.Store.NO));
            for (Object stopWord : analysis.stopWords) {
                vocabulary.add(new TextField(SPELLING, new String((char[]) stopWord), Field.Store.NO));
            }
            writer.addDocument(vocabulary);
            writer.commit();
            this.reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the knowledge index", e);
        }
        this.searcher = new IndexSearcher(reader);
        // Caching pays off for costly filters over big indexes; here it only adds bookkeeping.
        searcher.setQueryCache(null);
        Map<String, Topic> byId = new HashMap<>();
        roadmap.topics().forEach(topic -> byId.put(topic.id(), topic));
        this.topicCount = byId.size();
        try {
            var stored = searcher.storedFields();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                String id = stored.document(doc).get(ID);
                if (id != null) {
                    topicByDocId.put(doc, byId.get(id));
                }
            }
            for (String field : List.of(TITLE, ALIASES, SUMMARY, BODY, QUESTIONS, EXACT)) {
                termsByField.put(field, Set.copyOf(terms(field)));
                statesByField.put(field, new ConcurrentHashMap<>());
            }
            // A title word or a one-word alias names a topic by itself; summaries, bodies and the
            // words inside longer aliases also use everyday words ("laptop", "six months").
            Set<String> naming = new HashSet<>(termsByField.get(TITLE));
            termsByField.get(EXACT).stream().filter(key -> !key.contains(" ")).forEach(naming::add);
            this.namingTerms = Set.copyOf(naming);
            for (String key : termsByField.get(EXACT)) {
                List<String> words = List.of(key.split(" "));
                if (words.size() > 1) {
                    words.stream().distinct().forEach(word ->
                            longAliasesByTerm.computeIfAbsent(word, w -> new ArrayList<>()).add(words));
                }
            }
            Set<String> known = new HashSet<>();
            for (String field : List.of(TITLE, ALIASES, SUMMARY, BODY, QUESTIONS)) {
                known.addAll(termsByField.get(field));
            }
            this.knownTerms = Set.copyOf(known);
            this.spellingWords = Set.copyOf(terms(SPELLING));
            TermsEnum all = MultiTerms.getTerms(reader, ALL).iterator();
            for (BytesRef term = all.next(); term != null; term = all.next()) {
                specificityOfTerms.put(term.utf8ToString(), idf(all.docFreq()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the knowledge index", e);
        }
    }

    private static Document document(Topic topic, SearchAnalysis analysis) {
        Document doc = new Document();
        doc.add(new StringField(ID, topic.id(), Field.Store.YES));
        doc.add(new TextField(TITLE, topic.title(), Field.Store.NO));
        for (String alias : topic.aliases()) {
            doc.add(new TextField(ALIASES, alias, Field.Store.NO));
            doc.add(new StringField(EXACT, exactKey(analysis, alias), Field.Store.NO));
        }
        doc.add(new StringField(EXACT, exactKey(analysis, topic.title()), Field.Store.NO));
        doc.add(new TextField(SUMMARY, topic.summary(), Field.Store.NO));
        String answers = String.join("\n", topic.questions().stream().map(QuestionAnswer::text).toList());
        String questions = String.join("\n", topic.questions().stream().map(QuestionAnswer::question).toList());
        doc.add(new TextField(BODY, topic.plainText() + "\n" + answers, Field.Store.NO));
        doc.add(new TextField(QUESTIONS, questions, Field.Store.NO));
        String all = String.join("\n", topic.title(), String.join("\n", topic.aliases()), topic.summary(),
                topic.plainText(), questions, answers);
        doc.add(new TextField(ALL, all, Field.Store.NO));
        String spelling = String.join(" ", topic.title(), String.join(" ", topic.aliases()), topic.summary(),
                topic.plainText(), questions, answers);
        doc.add(new TextField(SPELLING, spelling, Field.Store.NO));
        return doc;
    }

    /** The analysed words of a phrase joined by spaces: equal keys mean the same question. */
    static String exactKey(SearchAnalysis analysis, String text) {
        return String.join(" ", SearchAnalysis.tokens(analysis.indexing, text));
    }

    private Set<String> terms(String field) throws IOException {
        Set<String> words = new HashSet<>();
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
            return words;
        }
        TermsEnum iterator = terms.iterator();
        for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
            words.add(term.utf8ToString());
        }
        return words;
    }

    IndexSearcher searcher() {
        return searcher;
    }

    DirectoryReader reader() {
        return reader;
    }

    /** The topic a Lucene document holds, or null for the vocabulary document. */
    Topic topicAt(int doc) {
        return topicByDocId.get(doc);
    }

    /**
     * How specific a stemmed term is to a few topics (BM25's idf over all topic text): high for
     * "docker", low for "backend", which every topic mentions, and highest for unknown words.
     */
    double specificity(String term) {
        Double known = specificityOfTerms.get(term);
        return known != null ? known : idf(0);
    }

    private double idf(int docFreq) {
        return Math.log(1 + (topicCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    /** A query for the term in the field, or null when no topic has it there (nothing to look up). */
    TermQuery termQuery(String field, String term) {
        if (!termsByField.get(field).contains(term)) {
            return null;
        }
        // Looked up on first use rather than at start-up, where thousands of terms would wait.
        TermStates states = statesByField.get(field).computeIfAbsent(term, t -> {
            try {
                return TermStates.build(searcher, new Term(field, t), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new TermQuery(new Term(field, term), states);
    }

    /** Is this stemmed term a title word or a whole alias of some topic? */
    boolean isNamingTerm(String term) {
        return namingTerms.contains(term);
    }

    /** Is this stemmed term anywhere in what the topics say? */
    boolean isKnownTerm(String term) {
        return knownTerms.contains(term);
    }

    /** Is this stemmed word, alone, a whole alias or title of some topic? */
    boolean isOneWordAlias(String term) {
        return termsByField.get(EXACT).contains(term);
    }

    /** The aliases and titles of two or more words that have this stemmed word in them. */
    List<List<String>> longAliasesWith(String term) {
        return longAliasesByTerm.getOrDefault(term, List.of());
    }

    /** Is this unstemmed word in the spelling dictionary? */
    boolean isSpellingWord(String word) {
        return spellingWords.contains(word);
    }
}
