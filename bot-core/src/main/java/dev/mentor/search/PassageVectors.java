package dev.mentor.search;

import dev.mentor.knowledge.Passage;
import dev.mentor.knowledge.Roadmap;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sentence model's vectors of the roadmap's passages, computed when the content changes
 * rather than at every start (embedding them all takes many seconds). Each vector is filed under
 * a hash of the text it embeds, so a passage whose text changed finds no vector and a test
 * fails until the file is made again. Vectors are stored as half-precision floats.
 */
public final class PassageVectors {

    /** Where the bundled file lives on the classpath. */
    public static final String RESOURCE = "search/passage-vectors.bin";
    private static final int MAGIC = 0x4D564543; // "MVEC"
    private static final int VERSION = 1;

    private final Map<Long, float[]> byKey;

    private PassageVectors(Map<Long, float[]> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /** Every text of the roadmap that needs a vector: each passage, and each question on its own. */
    public static Set<String> textsOf(Roadmap roadmap) {
        Set<String> texts = new LinkedHashSet<>();
        for (var topic : roadmap.topics()) {
            for (Passage passage : topic.passages()) {
                texts.add(passage.searchableText());
                if (passage.question() != null) {
                    texts.add(passage.question());
                }
            }
        }
        return texts;
    }

    public static PassageVectors bundled() {
        InputStream in = PassageVectors.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            return new PassageVectors(Map.of());
        }
        try (in) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    public static PassageVectors read(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(input));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a passage vector file of version " + VERSION);
        }
        String model = in.readUTF();
        int dimensions = in.readInt();
        if (!model.equals(SentenceModel.NAME) || dimensions != SentenceModel.DIMENSIONS) {
            throw new IOException("vectors of model " + model + " (" + dimensions + " dimensions), expected "
                    + SentenceModel.NAME);
        }
        int count = in.readInt();
        Map<Long, float[]> byKey = new HashMap<>(count * 2);
        byte[] raw = new byte[dimensions * 2];
        for (int i = 0; i < count; i++) {
            long key = in.readLong();
            in.readFully(raw);
            ByteBuffer buffer = ByteBuffer.wrap(raw);
            float[] vector = new float[dimensions];
            for (int d = 0; d < dimensions; d++) {
                vector[d] = Float.float16ToFloat(buffer.getShort());
            }
            byKey.put(key, vector);
        }
        return new PassageVectors(byKey);
    }

    /** Writes the vectors of these texts, in a stable order (so an unchanged roadmap gives the same bytes). */
    public static void write(Map<String, float[]> vectors, OutputStream output) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(output));
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(SentenceModel.NAME);
        out.writeInt(SentenceModel.DIMENSIONS);
        out.writeInt(vectors.size());
        var sorted = new java.util.TreeMap<Long, float[]>();
        vectors.forEach((text, vector) -> sorted.put(key(text), vector));
        for (var entry : sorted.entrySet()) {
            out.writeLong(entry.getKey());
            for (float v : entry.getValue()) {
                out.writeShort(Float.floatToFloat16(v));
            }
        }
        out.flush();
    }

    public Optional<float[]> vectorOf(String text) {
        return Optional.ofNullable(byKey.get(key(text)));
    }

    public int size() {
        return byKey.size();
    }

    /** The first 8 bytes of the text's SHA-256. */
    static long key(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
