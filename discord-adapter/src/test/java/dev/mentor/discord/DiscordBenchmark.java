package dev.mentor.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.communities.Communities;
import dev.mentor.communities.CommunityListener;
import dev.mentor.chat.Conversation;
import dev.mentor.conversation.ConversationEngine;
import dev.mentor.conversation.Engines;
import dev.mentor.chat.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.platforms.ProcessedEvents;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.LearnerListener;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Interactions through the real Discord4J client against the fake Discord on 127.0.0.1 (run by
 * bench/discord.sh):
 * <ul>
 *   <li>throughput: N {@code /ask} interactions sent at once, answered per second, with a conversation
 *       that answers at once (the adapter and Discord4J alone) and with the real engine;</li>
 *   <li>added latency: one interaction at a time, from the gateway event sent to the interaction
 *       callback received, minus the time the conversation itself took (median, p95, p99).</li>
 * </ul>
 * Usage: DiscordBenchmark [INTERACTIONS (2000)] [SEQUENTIAL (500)]
 */
public final class DiscordBenchmark {

    private static final List<String> QUESTIONS = List.of("what is docker", "how do indexes speed up queries",
            "what is rest", "how does git branching work", "what is a load balancer", "sql vs nosql",
            "what is an orm", "how does https work", "what is caching", "what is ci cd");

    public static void main(String[] args) throws Exception {
        int burst = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int sequential = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path folder = Files.createTempDirectory("discord-bench");
        Roadmap roadmap = new RoadmapLoader().loadBundled();
        try (Database database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
             FakeDiscord discord = new FakeDiscord()) {
            ConversationEngine engine = Engines.on(database, roadmap, new TopicSearch(roadmap), LearnerListener.NONE,
                    CommunityListener.NONE, Clock.systemUTC(), ZoneOffset.UTC);
            Conversation trivial = message -> Reply.of("You asked **" + message.text() + "**");
            System.out.printf("Discord adapter benchmark: %d interactions at once, then %d one at a time (%d cores)%n",
                    burst, sequential, Runtime.getRuntime().availableProcessors());
            for (var entry : List.of(Map.entry("instant conversation", trivial), Map.entry("real engine, /ask", engine))) {
                Timed timed = new Timed(entry.getValue());
                DiscordPlatform platform = new DiscordPlatform(DiscordSettings.fromEnvironment(discord.environment()), roadmap,
                        new Communities(database), new ProcessedEvents(database), null, ZoneOffset.UTC, Clock.systemUTC());
                try {
                    platform.start(timed);
                    // Warm-up as long as the measure: JIT, connections, search caches.
                    run(discord, burst, 200_000);
                    addedLatency(discord, timed, sequential);
                    timed.reset();
                    double perSecond = throughput(discord, burst);
                    timed.reset();
                    double[] added = addedLatency(discord, timed, sequential);
                    System.out.printf("%-22s %8.0f interactions/s   added latency ms: median %.2f  p95 %.2f  p99 %.2f"
                                    + "   (conversation median %.2f ms)%n",
                            entry.getKey(), perSecond, percentile(added, 50), percentile(added, 95), percentile(added, 99),
                            percentile(timed.durations(), 50));
                } finally {
                    platform.close();
                    discord.forgetRequests();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** The conversation, timing each answer. */
    private static final class Timed implements Conversation {
        private final Conversation inner;
        private final Map<String, Long> nanosByText = new ConcurrentHashMap<>();
        private final List<Long> all = new java.util.concurrent.CopyOnWriteArrayList<>();

        Timed(Conversation inner) {
            this.inner = inner;
        }

        @Override
        public Reply handle(dev.mentor.chat.IncomingMessage message) {
            long start = System.nanoTime();
            try {
                return inner.handle(message);
            } finally {
                long took = System.nanoTime() - start;
                nanosByText.put(message.userId(), took);
                all.add(took);
            }
        }

        long took(String userId) {
            Long took = nanosByText.get(userId);
            return took == null ? 0 : took;
        }

        void reset() {
            all.clear();
        }

        double[] durations() {
            return all.stream().mapToDouble(nanos -> nanos / 1e6).toArray();
        }
    }

    private static double throughput(FakeDiscord discord, int count) throws InterruptedException {
        long start = System.nanoTime();
        run(discord, count, 0);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Sends {@code count} interactions at once and waits for all their callbacks. */
    private static void run(FakeDiscord discord, int count, int offset) throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(count);
        discord.onRequest(request -> {
            if (request.path().endsWith("/callback")) {
                answered.countDown();
            }
        });
        for (int i = 0; i < count; i++) {
            discord.dispatch("INTERACTION_CREATE", ask(discord, i + offset));
        }
        if (!answered.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(answered.getCount() + " interactions unanswered");
        }
        discord.forgetRequests();
    }

    /** Milliseconds each interaction spent outside the conversation: the adapter, Discord4J and the loopback. */
    private static double[] addedLatency(FakeDiscord discord, Timed timed, int count) throws InterruptedException {
        double[] added = new double[count];
        AtomicLong arrived = new AtomicLong();
        for (int i = 0; i < count; i++) {
            CountDownLatch answered = new CountDownLatch(1);
            discord.onRequest(request -> {
                if (request.path().endsWith("/callback")) {
                    arrived.set(System.nanoTime());
                    answered.countDown();
                }
            });
            JsonNode interaction = ask(discord, 100_000 + i);
            long sent = System.nanoTime();
            discord.dispatch("INTERACTION_CREATE", interaction);
            if (!answered.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("interaction " + i + " unanswered");
            }
            String userId = interaction.path("member").path("user").path("id").asText();
            added[i] = (arrived.get() - sent - timed.took(userId)) / 1e6;
        }
        discord.forgetRequests();
        return added;
    }

    private static JsonNode ask(FakeDiscord discord, int i) {
        String user = Long.toString(600_000_000_000_000_000L + i);
        return discord.slashCommand("ask", discord.member(user, "Learner " + i, FakeDiscord.EVERYONE),
                discord.stringOption("question", QUESTIONS.get(i % QUESTIONS.size())));
    }

    private static double percentile(double[] values, double percent) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private DiscordBenchmark() {
    }
}
