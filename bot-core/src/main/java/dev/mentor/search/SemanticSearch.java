package dev.mentor.search;

import com.github.benmanes.caffeine.cache.LoadingCache;
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
    private static final int QUESTIONS_REMEMBERED = 10_000;

    private final List<Passage> passages = new ArrayList<>();
    private final Map<String, int[]> passageRangeOfTopic = new HashMap<>();
    /** Per passage: the vector of its text (question and answer for an entry), and of its question alone. */
    private final float[][] textVectors;
    private final float[][] questionVectors;
    private final Supplier<PassageVectors> vectors;
    private final Supplier<SentenceModel> loader;
    /** Learners ask the same things in the same words: each wording is embedded once. */
    private final LoadingCache<String, float[]> askedVectors = Caches.bounded(QUESTIONS_REMEMBERED,
            question -> model().embed(question));
    private volatile SentenceModel model;
    private volatile boolean closed;

    /**
     * @param vectors the passages' stored vectors, read with the model, when first needed
     * @param loader  loads the sentence model
     */
    public SemanticSearch(Roadmap roadmap, Supplier<PassageVectors> vectors, Supplier<SentenceModel> loader) {
        for (Topic topic : roadmap.topics()) {
            int first = passages.size();
            passages.addAll(topic.passages());
            passageRangeOfTopic.put(topic.id(), new int[] {first, passages.size()});
        }
        this.textVectors = new float[passages.size()][];
        this.questionVectors = new float[passages.size()][];
        this.vectors = vectors;
        this.loader = loader;
    }

    /** The bundled vectors and the bundled model with the given ONNX threads. */
    public static SemanticSearch bundled(Roadmap roadmap, int threads) {
        return new SemanticSearch(roadmap, PassageVectors::bundled, () -> new SentenceModel(threads, Runnable::run));
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
        return askedVectors.get(question);
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
                    attachVectors(loaded);
                    model = loaded;
                    log.info("Sentence model loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return loaded;
    }

    /**
     * Takes each passage's stored vector; passages edited since the vector file was made still
     * take part, at the cost of embedding them now.
     */
    private void attachVectors(SentenceModel loaded) {
        PassageVectors stored = vectors.get();
        int missing = 0;
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            textVectors[i] = stored.vectorOf(passage.searchableText()).orElse(null);
            if (textVectors[i] == null) {
                textVectors[i] = loaded.embed(passage.searchableText());
                missing++;
            }
            if (passage.question() != null) {
                questionVectors[i] = stored.vectorOf(passage.question()).orElse(null);
                if (questionVectors[i] == null) {
                    questionVectors[i] = loaded.embed(passage.question());
                    missing++;
                }
            }
        }
        if (missing > 0) {
            log.warn("{} passage texts had no stored vector (the roadmap changed since {} was made) and were "
                    + "embedded at start", missing, PassageVectors.RESOURCE);
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
