package dev.mentor.search;

import dev.mentor.knowledge.Passage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Every passage of the roadmap in its own Lucene document, to find which passages of a topic a
 * question's words point at (BM25, so a short passage full of the question's words wins).
 */
final class PassageIndex {

    private static final String TOPIC = "topic";
    private static final String ORDINAL = "ordinal";
    private static final String TEXT = "text";
    private static final String QUESTION = "question";
    /** The question of an entry says what the entry answers: its words count for more. */
    private static final float QUESTION_BOOST = 1.5f;

    private final IndexSearcher searcher;
    private final int[] ordinalOfDoc;

    PassageIndex(List<Passage> passages, SearchAnalysis analysis) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analysis.indexing))) {
            for (int i = 0; i < passages.size(); i++) {
                Passage passage = passages.get(i);
                Document doc = new Document();
                doc.add(new StringField(TOPIC, passage.topicId(), Field.Store.NO));
                doc.add(new StoredField(ORDINAL, i));
                doc.add(new TextField(TEXT, passage.text(), Field.Store.NO));
                if (passage.question() != null) {
                    doc.add(new TextField(QUESTION, passage.question(), Field.Store.NO));
                }
                writer.addDocument(doc);
            }
            writer.commit();
            DirectoryReader reader = DirectoryReader.open(directory);
            this.searcher = new IndexSearcher(reader);
            searcher.setQueryCache(null);
            this.ordinalOfDoc = new int[reader.maxDoc()];
            var stored = searcher.storedFields();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                ordinalOfDoc[doc] = stored.document(doc).getField(ORDINAL).numericValue().intValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the passage index", e);
        }
    }

    /**
     * The lexical score of each of the topic's passages for the question's word groups (each
     * group weighed by its specificity), by passage ordinal; passages with none of the words are absent.
     */
    Map<Integer, Double> scores(String topicId, List<List<String>> groups, Map<String, Double> weightOfTerm) {
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        boolean any = false;
        for (List<String> group : groups) {
            List<String> known = group.stream().distinct().filter(weightOfTerm::containsKey).toList();
            if (known.isEmpty()) {
                continue;
            }
            double weight = known.stream().mapToDouble(weightOfTerm::get).min().orElse(0);
            List<Query> forms = new java.util.ArrayList<>();
            for (String term : known) {
                forms.add(new TermQuery(new Term(TEXT, term)));
                forms.add(new BoostQuery(new TermQuery(new Term(QUESTION, term)), QUESTION_BOOST));
            }
            words.add(new BoostQuery(new DisjunctionMaxQuery(forms, 0.3f), (float) weight), Occur.SHOULD);
            any = true;
        }
        if (!any) {
            return Map.of();
        }
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TOPIC, topicId)), Occur.FILTER)
                .add(words.build(), Occur.MUST)
                .build();
        try {
            Map<Integer, Double> scores = new java.util.HashMap<>();
            for (ScoreDoc hit : searcher.search(query, 200).scoreDocs) {
                scores.put(ordinalOfDoc[hit.doc], (double) hit.score);
            }
            return scores;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
