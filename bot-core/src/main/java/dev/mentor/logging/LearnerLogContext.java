package dev.mentor.logging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Names the platform and the learner on every log line written while their message or reminder is
 * handled (the {@code mdc} of JSON logs). The learner is a short hash: lines of one learner can be
 * followed, and the log never holds their platform id.
 */
public final class LearnerLogContext implements AutoCloseable {

    static final String PLATFORM = "platform";
    static final String LEARNER = "learner";

    private final String previousPlatform;
    private final String previousLearner;

    private LearnerLogContext(String platform, String learner) {
        previousPlatform = MDC.get(PLATFORM);
        previousLearner = MDC.get(LEARNER);
        MDC.put(PLATFORM, platform);
        MDC.put(LEARNER, learner);
    }

    /** Until closed, log lines on this thread name this platform and the hash of this user there. */
    private static LearnerLogContext of(String platform, String userId) {
        return new LearnerLogContext(platform, hash(platform + ":" + userId));
    }

    /** Runs the work with log lines on this thread naming this platform and the hash of this user there. */
    public static <T> T call(String platform, String userId, Supplier<T> work) {
        LearnerLogContext context = of(platform, userId);
        try {
            return work.get();
        } finally {
            context.close();
        }
    }

    /** As {@link #call}, for work without a result. */
    public static void run(String platform, String userId, Runnable work) {
        call(platform, userId, () -> {
            work.run();
            return null;
        });
    }

    /** The first 12 hex digits of the SHA-256 of the value: enough to tell learners apart in a log. */
    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() {
        restore(PLATFORM, previousPlatform);
        restore(LEARNER, previousLearner);
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
