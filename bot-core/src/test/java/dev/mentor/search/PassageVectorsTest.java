package dev.mentor.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The passage vectors shipped in the jar belong to the roadmap shipped beside them. When the
 * content changes, make them again with
 * {@code ./mvnw -q -pl bot-core -am test -Dtest=PassageVectorsTest#rewriteTheVectorFile -Dsurefire.failIfNoSpecifiedTests=false -Dmentor.passageVectors=rewrite}.
 */
class PassageVectorsTest {

    static final String REWRITE_COMMAND = "./mvnw -q -pl bot-core -am test -Dtest=PassageVectorsTest#rewriteTheVectorFile "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dmentor.passageVectors=rewrite";
    private static final Path SOURCE_FILE = Path.of("src/main/resources", PassageVectors.RESOURCE);

    private final Roadmap roadmap = new RoadmapLoader().loadBundled();

    @Test
    void everyPassageOfTheBundledRoadmapHasAStoredVectorAndNoOtherIsStored() {
        PassageVectors stored = PassageVectors.bundled();
        List<String> missing = PassageVectors.textsOf(roadmap).stream()
                .filter(text -> stored.vectorOf(text).isEmpty()).toList();

        assertThat(missing).as("passages without a stored vector: the vector file is stale; make it again with "
                + REWRITE_COMMAND).isEmpty();
        assertThat(stored.size()).as("vectors of passages that no longer exist; make the file again with "
                + REWRITE_COMMAND).isEqualTo(PassageVectors.textsOf(roadmap).size());
    }

    @Test
    void storedVectorsAreTheModelsOwnForThoseTexts() {
        PassageVectors stored = PassageVectors.bundled();
        List<String> texts = new ArrayList<>(PassageVectors.textsOf(roadmap));
        try (SentenceModel model = new SentenceModel(2, Runnable::run)) {
            for (int i = 0; i < texts.size(); i += texts.size() / 12) {
                String text = texts.get(i);
                assertThat(Vectors.cosine(model.embed(text), stored.vectorOf(text).orElseThrow()))
                        .as(text).isGreaterThan(0.995);
            }
        }
    }

    @Test
    void vectorsSurviveWritingAndReadingAtHalfPrecision() throws IOException {
        float[] vector = Vectors.normalized(randomVector());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PassageVectors.write(Map.of("a passage", vector), out);

        PassageVectors read = PassageVectors.read(new ByteArrayInputStream(out.toByteArray()));

        assertThat(read.vectorOf("a passage")).hasValueSatisfying(back ->
                assertThat(Vectors.cosine(back, vector)).isGreaterThan(0.9999));
        assertThat(read.vectorOf("another passage")).isEmpty();
    }

    /** Makes the vector file again from the bundled roadmap; runs only when asked for. */
    @Test
    @EnabledIfSystemProperty(named = "mentor.passageVectors", matches = "rewrite")
    void rewriteTheVectorFile() throws IOException {
        List<String> texts = new ArrayList<>(PassageVectors.textsOf(roadmap));
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        try (SentenceModel model = new SentenceModel(1, pool)) {
            List<float[]> embedded = model.embedAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                vectors.put(texts.get(i), embedded.get(i));
            }
        } finally {
            pool.shutdown();
        }
        Files.createDirectories(SOURCE_FILE.getParent());
        try (OutputStream out = Files.newOutputStream(SOURCE_FILE)) {
            PassageVectors.write(vectors, out);
        }
        assertThat(PassageVectors.read(Files.newInputStream(SOURCE_FILE)).size()).isEqualTo(texts.size());
    }

    private static float[] randomVector() {
        java.util.Random random = new java.util.Random(7);
        float[] vector = new float[SentenceModel.DIMENSIONS];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }
}
