package dev.mentor.search;

import dev.mentor.knowledge.Passage;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic side of search: every passage's vector (read from the bundled file) and the
 * sentence model that embeds questions, loaded on first use (or ahead of time with
 * {@link #warmUp()}) so questions the lexical path settles never pay for it. Thread-safe.
 */
public final class SemanticSearch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SemanticSearch.class);

    private final List<Passage> passages = new ArrayList<>();
    private final Map<String, int[]> passageRangeOfTopic = new HashMap<>();
    /** Per passage: the vector of its text (question and answer for an entry), and of its question alone. */
    private final float[][] textVectors;
    private final float[][] questionVectors;
    private final Supplier<SentenceModel> loader;
    private volatile SentenceModel model;
    private volatile boolean closed;

    public SemanticSearch(Roadmap roadmap, PassageVectors vectors, Supplier<SentenceModel> loader) {
        for (Topic topic : roadmap.topics()) {
            int first = passages.size();
            passages.addAll(topic.passages());
            passageRangeOfTopic.put(topic.id(), new int[] {first, passages.size()});
        }
        this.textVectors = new float[passages.size()][];
        this.questionVectors = new float[passages.size()][];
        int missing = 0;
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            textVectors[i] = vectors.vectorOf(passage.searchableText()).orElse(null);
            questionVectors[i] = passage.question() == null ? null : vectors.vectorOf(passage.question()).orElse(null);
            if (textVectors[i] == null || passage.question() != null && questionVectors[i] == null) {
                missing++;
            }
        }
        this.missingAtStart = missing;
        this.loader = loader;
    }

    private final int missingAtStart;

    /** The bundled vectors and the bundled model with the given ONNX threads. */
    public static SemanticSearch bundled(Roadmap roadmap, int threads) {
        return new SemanticSearch(roadmap, PassageVectors.bundled(), () -> new SentenceModel(threads, Runnable::run));
    }

    /** Loads the model now, on a background thread, so the first question that needs it does not wait. */
    public void warmUp() {
        Thread thread = new Thread(() -> {
            try {
                model();
            } catch (RuntimeException e) {
                log.warn("The sentence model could not be loaded; questions are answered without it", e);
            }
        }, "sentence-model-loader");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isLoaded() {
        return model != null;
    }

    /** The question's unit-length vector (loads the model the first time). */
    float[] embed(String question) {
        return model().embed(question);
    }

    private SentenceModel model() {
        SentenceModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    if (closed) {
                        throw new IllegalStateException("semantic search is closed");
                    }
                    long start = System.nanoTime();
                    loaded = loader.get();
                    embedMissing(loaded);
                    model = loaded;
                    log.info("Sentence model loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return loaded;
    }

    /** Passages edited since the vector file was made still take part, at the cost of embedding them now. */
    private void embedMissing(SentenceModel loaded) {
        if (missingAtStart == 0) {
            return;
        }
        log.warn("{} passages have no stored vector (the roadmap changed since {} was made); embedding them now",
                missingAtStart, PassageVectors.RESOURCE);
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            if (textVectors[i] == null) {
                textVectors[i] = loaded.embed(passage.searchableText());
            }
            if (passage.question() != null && questionVectors[i] == null) {
                questionVectors[i] = loaded.embed(passage.question());
            }
        }
    }

    List<Passage> passages() {
        return passages;
    }

    /** The indices of the topic's passages: from {@code [0]} inclusive to {@code [1]} exclusive. */
    int[] passageRange(String topicId) {
        return passageRangeOfTopic.get(topicId);
    }

    /** Each passage's cosine with the question: of its text, or of its question when that is closer. */
    double[] cosines(float[] question) {
        double[] cosines = new double[passages.size()];
        for (int i = 0; i < cosines.length; i++) {
            double text = textVectors[i] == null ? 0 : Vectors.cosine(question, textVectors[i]);
            double asked = questionVectors[i] == null ? 0 : Vectors.cosine(question, questionVectors[i]);
            cosines[i] = Math.max(text, asked);
        }
        return cosines;
    }

    /** A topic's cosine: that of its closest passage. */
    double topicCosine(double[] cosines, String topicId) {
        int[] range = passageRange(topicId);
        double best = 0;
        for (int i = range[0]; i < range[1]; i++) {
            best = Math.max(best, cosines[i]);
        }
        return best;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
