package dev.mentor.search;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
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
    /** The whole title or one whole alias, analysed and joined: an exact-question match. */
    static final String EXACT = "exact";
    /** Everything a topic says, for how specific a term is across the roadmap. */
    static final String ALL = "all";
    /** Unstemmed words of titles, aliases, summaries and synonyms: the spelling dictionary. */
    static final String SPELLING = "spelling";

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<String, Topic> topicsByDoc;
    private final Map<Integer, Topic> topicByDocId = new HashMap<>();
    private final Set<String> strongTerms;
    private final Set<String> bodyTerms;
    private final Set<String> spellingWords;
    private final int topicCount;

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
        Map<String, Topic> byId = new HashMap<>();
        roadmap.topics().forEach(topic -> byId.put(topic.id(), topic));
        this.topicsByDoc = byId;
        this.topicCount = byId.size();
        try {
            var stored = searcher.storedFields();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                String id = stored.document(doc).get(ID);
                if (id != null) {
                    topicByDocId.put(doc, topicsByDoc.get(id));
                }
            }
            Set<String> strong = new HashSet<>();
            for (String field : List.of(TITLE, ALIASES, SUMMARY)) {
                strong.addAll(terms(field));
            }
            this.strongTerms = Set.copyOf(strong);
            this.bodyTerms = Set.copyOf(terms(BODY));
            this.spellingWords = Set.copyOf(terms(SPELLING));
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
        doc.add(new TextField(BODY, topic.plainText(), Field.Store.NO));
        String all = String.join("\n", topic.title(), String.join("\n", topic.aliases()), topic.summary(),
                topic.plainText());
        doc.add(new TextField(ALL, all, Field.Store.NO));
        doc.add(new StoredField("title_stored", topic.title()));
        String spelling = topic.title() + " " + String.join(" ", topic.aliases()) + " " + topic.summary();
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
        try {
            int df = reader.docFreq(new Term(ALL, term));
            return Math.log(1 + (topicCount - df + 0.5) / (df + 0.5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Is this stemmed term in some topic's title, aliases or summary? */
    boolean isStrongTerm(String term) {
        return strongTerms.contains(term);
    }

    /** Is this stemmed term anywhere in a topic body? */
    boolean isBodyTerm(String term) {
        return bodyTerms.contains(term);
    }

    /** Is this unstemmed word in the spelling dictionary? */
    boolean isSpellingWord(String word) {
        return spellingWords.contains(word);
    }
}
