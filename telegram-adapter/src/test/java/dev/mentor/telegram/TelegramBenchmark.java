package dev.mentor.telegram;

import dev.mentor.communities.CommunityListener;
import dev.mentor.chat.Conversation;
import dev.mentor.conversation.ConversationEngine;
import dev.mentor.conversation.Engines;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.LearnerListener;
import dev.mentor.platforms.ProcessedEvents;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures the Telegram adapter through the real telegrambots client against the fake Bot API
 * server on 127.0.0.1, with the real engine on a temporary SQLite file:
 * <ul>
 *   <li>throughput: questions answered a second when many learners ask at once (rate limits off,
 *       so it measures the adapter and the engine, not Telegram's 30 a second);</li>
 *   <li>added latency: for one learner asking one question at a time, the time from the fake
 *       server handing out the update to it receiving sendMessage, minus the engine's own time.</li>
 * </ul>
 * Usage: TelegramBenchmark [LEARNERS (50)] [QUESTIONS_EACH (20)] [SEQUENTIAL (300)]
 */
public final class TelegramBenchmark {

    private static final List<String> QUESTIONS = List.of("what is docker", "how do indexes speed up queries",
            "what is a rest api", "explain git rebase", "what is dependency injection", "how does http caching work",
            "what is a transaction", "how do I write a unit test", "what is kubernetes", "what is sql injection");

    private TelegramBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int each = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int sequential = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Path folder = Files.createTempDirectory("telegram-bench");
        Roadmap roadmap = new RoadmapLoader().loadBundled();
        TopicSearch search = new TopicSearch(roadmap);
        try (Database database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
                FakeBotApi api = new FakeBotApi()) {
            ConversationEngine engine = Engines.on(database, roadmap, search, LearnerListener.NONE,
                    CommunityListener.NONE, Clock.systemUTC(), ZoneId.of("UTC"));
            // The engine's own time per chat, in the order the chat's messages were handled.
            ConcurrentHashMap<String, List<Long>> engineNanos = new ConcurrentHashMap<>();
            Conversation timed = message -> {
                long start = System.nanoTime();
                var reply = engine.handle(message);
                long took = System.nanoTime() - start;
                engineNanos.computeIfAbsent(message.conversationId(), id -> new ArrayList<>()).add(took);
                return reply;
            };
            TelegramSettings settings = TelegramSettings.of(FakeBotApi.TOKEN, api.url()).withLimits(RateLimits.NONE);
            try (TelegramPlatform platform = new TelegramPlatform(settings, new ProcessedEvents(database), Clock.systemUTC())) {
                platform.start(timed);

                // Warm-up: the JIT, the search caches, SQLite's pages.
                burst(api, 20, 10, 1_000_000);

                int sent = api.sentMessages().size();
                long start = System.nanoTime();
                burst(api, learners, each, 2_000_000);
                api.await("the burst's answers", Duration.ofMinutes(10),
                        () -> api.sentMessages().size() >= sent + learners * each);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "throughput: %d questions from %d learners answered in %.2f s = %.0f questions/s "
                                + "(%d workers, rate limits off, real engine and SQLite)%n", learners * each, learners, seconds,
                        learners * each / seconds, settings.workers());

                long chat = 3_000_000;
                List<Long> added = new ArrayList<>();
                List<Long> engineTimes = new ArrayList<>();
                for (int i = 0; i < sequential; i++) {
                    int before = api.sentMessages().size();
                    int update = api.privateMessage(chat, QUESTIONS.get(i % QUESTIONS.size()));
                    api.await("answer " + i, Duration.ofSeconds(30), () -> api.sentMessages().size() > before);
                    long received = api.calls("sendMessage").getLast().receivedNanos();
                    long engineTime = engineNanos.get(String.valueOf(chat)).get(i);
                    added.add(received - api.deliveredAt(update) - engineTime);
                    engineTimes.add(engineTime);
                }
                System.out.printf(Locale.ROOT, "added latency per message (one learner, %d questions one at a time): "
                                + "median %.2f ms, p90 %.2f ms, p99 %.2f ms; engine's own time median %.2f ms%n",
                        sequential, percentile(added, 50), percentile(added, 90), percentile(added, 99),
                        percentile(engineTimes, 50));
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static final AtomicLong ROUND = new AtomicLong();

    /** Every learner asks {@code each} questions at once; learner ids start at {@code firstId}. */
    private static void burst(FakeBotApi api, int learners, int each, long firstId) throws InterruptedException {
        int before = api.sentMessages().size();
        long round = ROUND.incrementAndGet();
        for (int q = 0; q < each; q++) {
            for (int l = 0; l < learners; l++) {
                api.privateMessage(firstId + round * 100_000 + l, QUESTIONS.get((q + l) % QUESTIONS.size()));
            }
        }
        api.await("answers", Duration.ofMinutes(10), () -> api.sentMessages().size() >= before + learners * each);
    }

    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
