package dev.mentor.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The communities' own FAQ entries in a Lucene index that changes while the mentor runs: an entry
 * is searchable as soon as {@link #add} returns (near-real-time reopen), and each question only
 * ever sees the entries of its own community.
 *
 * <p>It is kept apart from the roadmap's index on purpose: the roadmap's term statistics drive
 * the confidence decision, and one community's entries must not shift how another community's
 * questions are weighed. Both indexes share the same analysis (stemming, learner synonyms).
 */
public final class FaqIndex implements AutoCloseable {

    /** An entry answers when its question holds at least this share of the question's words. */
    public static final double MIN_SHARE = 0.6;
    private static final String ID = "id";
    private static final String SCOPE = "scope";
    private static final String QUESTION = "question";
    private static final String ANSWER = "answer";
    private static final int CANDIDATES = 5;

    private final SearchAnalysis analysis = new SearchAnalysis();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, FaqEntry> entries = new ConcurrentHashMap<>();

    public FaqIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analysis.indexing));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the FAQ index", e);
        }
    }

    /** Adds (or replaces) entries and makes them searchable before returning. */
    public void addAll(List<FaqEntry> added) {
        try {
            for (FaqEntry entry : added) {
                Document doc = new Document();
                doc.add(new StringField(ID, entry.id(), Field.Store.YES));
                doc.add(new StringField(SCOPE, scope(entry.platform(), entry.communityId()), Field.Store.NO));
                doc.add(new TextField(QUESTION, entry.question(), Field.Store.NO));
                doc.add(new TextField(ANSWER, entry.answer(), Field.Store.NO));
                writer.updateDocument(new Term(ID, entry.id()), doc);
                entries.put(entry.id(), entry);
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index FAQ entries", e);
        }
    }

    /** The ids of the entries indexed now. */
    public java.util.Set<String> ids() {
        return java.util.Set.copyOf(entries.keySet());
    }

    public void add(FaqEntry entry) {
        addAll(List.of(entry));
    }

    public void remove(String id) {
        try {
            writer.deleteDocuments(new Term(ID, id));
            entries.remove(id);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove an FAQ entry", e);
        }
    }

    /** The community's entry that best answers the question, if one covers enough of it. */
    public Optional<FaqMatch> best(String platform, String communityId, String question) {
        if (communityId == null || entries.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> words = SearchAnalysis.tokenGroups(analysis.querying, question).stream()
                .filter(group -> !group.isEmpty()).toList();
        if (words.isEmpty()) {
            return Optional.empty();
        }
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        Set<String> seen = new HashSet<>();
        for (List<String> group : words) {
            for (String term : group) {
                if (seen.add(term)) {
                    terms.add(new BoostQuery(new TermQuery(new Term(QUESTION, term)), 2f), Occur.SHOULD);
                    terms.add(new TermQuery(new Term(ANSWER, term)), Occur.SHOULD);
                }
            }
        }
        BooleanQuery query = new BooleanQuery.Builder()
                .add(terms.build(), Occur.MUST)
                .add(new TermQuery(new Term(SCOPE, scope(platform, communityId))), Occur.FILTER)
                .build();
        // Released by the try, after the search; a failure to release is added to the search's own failure.
        try (Acquired acquired = new Acquired(searchers.acquire())) {
            IndexSearcher searcher = acquired.searcher();
            FaqMatch best = null;
            var stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(query, CANDIDATES).scoreDocs) {
                FaqEntry entry = entries.get(stored.document(hit.doc).get(ID));
                if (entry == null) {
                    continue;
                }
                double share = share(words, entry.question());
                if (share >= MIN_SHARE && (best == null || share > best.share())) {
                    best = new FaqMatch(entry, share);
                }
            }
            return Optional.ofNullable(best);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A searcher taken from the manager, given back on close. */
    private final class Acquired implements AutoCloseable {
        private final IndexSearcher searcher;

        Acquired(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        IndexSearcher searcher() {
            return searcher;
        }

        @Override
        public void close() throws IOException {
            searchers.release(searcher);
        }
    }

    /**
     * How well the entry's question matches: the harmonic mean of the share of the question's
     * words (any synonym of each) the entry has and the share of the entry's words the question
     * asks about, so "what is docker" does not match a long entry that merely mentions docker.
     */
    private double share(List<List<String>> words, String entryQuestion) {
        Set<String> entryTerms = new HashSet<>(SearchAnalysis.tokens(analysis.indexing, entryQuestion));
        if (entryTerms.isEmpty()) {
            return 0;
        }
        double ofQuestion = (double) words.stream().filter(group -> group.stream().anyMatch(entryTerms::contains))
                .count() / words.size();
        double ofEntry = (double) entryTerms.stream()
                .filter(term -> words.stream().anyMatch(group -> group.contains(term))).count() / entryTerms.size();
        return ofQuestion + ofEntry == 0 ? 0 : 2 * ofQuestion * ofEntry / (ofQuestion + ofEntry);
    }

    /** The words of a question as the FAQ and unanswered lists compare them: stemmed, sorted, distinct. */
    public String wordingKey(String question) {
        return String.join(" ", new java.util.TreeSet<>(SearchAnalysis.tokens(analysis.indexing, question)));
    }

    private static String scope(String platform, String communityId) {
        return platform + "\u001f" + communityId;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
