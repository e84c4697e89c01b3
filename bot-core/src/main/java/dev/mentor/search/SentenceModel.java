package dev.mentor.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The embedded sentence model: a quantized all-MiniLM-L6-v2 (384 dimensions) shipped inside its
 * jar and run in this process by ONNX Runtime. No network, no download. Thread-safe.
 */
public final class SentenceModel implements AutoCloseable {

    /** Names the model in the vector file: vectors from another model must not be mixed in. */
    public static final String NAME = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    private final OrtSession session;
    private final Encoder encoder;

    /**
     * Loads the model (about a second).
     *
     * @param threads ONNX threads per sentence: 2 suit one caller at a time (chat), 1 suits one
     *                caller per core (batches); more callers than cores on 2 threads each only queue
     */
    public SentenceModel(int threads, Executor batchExecutor) {
        try (InputStream model = resource(MODEL_RESOURCE); InputStream tokenizer = resource(TOKENIZER_RESOURCE)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            this.session = environment.createSession(model.readAllBytes(), options);
            this.encoder = new Encoder(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN),
                    batchExecutor);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sentence model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot start the sentence model", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SentenceModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("The sentence model's " + name + " is not on the classpath");
        }
        return in;
    }

    /** The sentence's unit-length vector. */
    public float[] embed(String text) {
        return Vectors.normalized(encoder.embed(text).content().vector());
    }

    /** Many sentences' unit-length vectors, in order, spread over the batch executor. */
    public List<float[]> embedAll(List<String> texts) {
        return encoder.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> Vectors.normalized(embedding.vector())).toList();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot close the sentence model", e);
        }
    }

    /** langchain4j's in-process model over a session of our own, so we choose its threads. */
    private static final class Encoder extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder model;

        Encoder(OnnxBertBiEncoder model, Executor executor) {
            super(executor);
            this.model = model;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return model;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
