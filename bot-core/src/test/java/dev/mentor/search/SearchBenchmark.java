package dev.mentor.search;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Engine time per question, one question at a time as in a chat: the hybrid search (words, the
 * sentence model when unsure, the passage choice) over question files, each question measured
 * once after the JIT has warmed up on reworded copies (so the model's cache of wordings does not
 * flatter the figures). Prints p50/p95/p99/max, and how often the model was asked.
 * Usage: SearchBenchmark FILE... (lines "topic TAB question" or plain questions; '#' comments)
 */
public final class SearchBenchmark {

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> questions = new ArrayList<>();
        for (String file : args) {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    questions.add(line.contains("\t") ? line.substring(line.indexOf('\t') + 1) : line);
                }
            }
        }
        long start = System.nanoTime();
        Roadmap roadmap = new RoadmapLoader().loadBundled();
        SemanticSearch semantic = SemanticSearch.bundled(roadmap, 2);
        TopicSearch search = new TopicSearch(roadmap, semantic);
        System.out.printf("roadmap and indexes: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        for (int round = 0; round < 3; round++) {
            for (String question : questions) {
                search.search("so " + round + " " + question);
            }
        }
        long[] nanos = new long[questions.size()];
        Map<Semantic.Action, Integer> actions = new EnumMap<>(Semantic.Action.class);
        for (int i = 0; i < questions.size(); i++) {
            long before = System.nanoTime();
            SearchResult result = search.search(questions.get(i));
            nanos[i] = System.nanoTime() - before;
            actions.merge(result.semantic().action(), 1, Integer::sum);
        }
        Arrays.sort(nanos);
        int asked = questions.size() - actions.getOrDefault(Semantic.Action.NOT_USED, 0);
        System.out.printf("%d questions, one at a time: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                nanos.length, millis(nanos, 0.50), millis(nanos, 0.95), millis(nanos, 0.99),
                nanos[nanos.length - 1] / 1e6);
        System.out.printf("sentence model asked for %d of them (%.0f%%): %s%n", asked,
                100.0 * asked / questions.size(), actions);
        semantic.close();
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))] / 1e6;
    }
}
