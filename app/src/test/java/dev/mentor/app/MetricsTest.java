package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.telegram.FakeBotApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on a serving mentor (Telegram against the fake Bot API, SQLite), scraped and parsed
 * as Prometheus's text format: the mentor's own counters move with what learners do, beside the pool's
 * and the JVM's.
 */
class MetricsTest {

    /** One sample line of the text format: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final long LEARNER = 4242;

    record Sample(String name, Map<String, String> labels, double value) {
    }

    @TempDir
    Path folder;
    private FakeBotApi api;
    private Mentor.Serving serving;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void serve() throws Exception {
        api = new FakeBotApi();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> environment = new HashMap<>();
        environment.put(Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("mentor.db"));
        environment.put("MENTOR_TELEGRAM_TOKEN", FakeBotApi.TOKEN);
        environment.put("MENTOR_TELEGRAM_API_URL", api.url().toString());
        environment.put("MENTOR_HTTP_PORT", String.valueOf(port));
        serving = new Mentor().openServing(Settings.from(environment), ServeSettings.fromEnvironment(environment),
                Clock.systemUTC());
        serving.start();
    }

    @AfterEach
    void stop() {
        if (serving != null) {
            serving.close();
        }
        api.close();
    }

    private List<Sample> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return response.body().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    Matcher sample = SAMPLE.matcher(line);
                    assertThat(sample.matches()).as("a sample line: " + line).isTrue();
                    Map<String, String> labels = new HashMap<>();
                    if (sample.group(3) != null) {
                        Matcher label = LABEL.matcher(sample.group(3));
                        while (label.find()) {
                            labels.put(label.group(1), label.group(2));
                        }
                    }
                    return new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4)));
                })
                .toList();
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    private void say(String text, int answers) throws InterruptedException {
        api.privateMessage(LEARNER, text);
        api.await(answers + " answers", Duration.ofSeconds(30), () -> api.calls("sendMessage").stream()
                .filter(call -> call.body().path("chat_id").asLong() == LEARNER && call.body().has("accepted"))
                .count() >= answers);
    }

    @Test
    void countsUpdatesQuestionsAndRefusalsInPrometheusTextFormat() throws Exception {
        List<Sample> before = scrape();
        assertThat(value(before, "mentor_learners", Map.of())).isZero();

        say("/start", 1);
        say("what is docker?", 2);
        say("how do I bake sourdough bread at home?", 3);
        api.rateLimitChat(LEARNER, 1, 1);
        say("/progress", 4);

        List<Sample> after = scrape();
        assertThat(value(after, "mentor_updates_received_total", Map.of("platform", "telegram"))).isEqualTo(4);
        assertThat(value(after, "mentor_questions_total", Map.of("outcome", "answered"))).isEqualTo(1);
        assertThat(value(after, "mentor_questions_total", Map.of("outcome", "declined"))).isEqualTo(1);
        assertThat(value(after, "mentor_answer_latency_seconds_count", Map.of())).isEqualTo(2);
        assertThat(after).anyMatch(sample -> sample.name().equals("mentor_answer_latency_seconds_bucket")
                && sample.labels().containsKey("le"));
        assertThat(value(after, "mentor_platform_errors_total", Map.of("platform", "telegram", "kind", "rate_limited")))
                .isEqualTo(1);
        assertThat(value(after, "mentor_platform_errors_total", Map.of("platform", "telegram", "kind", "forbidden")))
                .isZero();
        assertThat(value(after, "mentor_learners", Map.of())).isEqualTo(1);
        // Reminders are counted by outcome from the start, at zero until one is due.
        assertThat(after).anyMatch(sample -> sample.name().equals("mentor_reminders_total")
                && "sent".equals(sample.labels().get("outcome")));
        // The pool's and the JVM's own.
        assertThat(after).anyMatch(sample -> sample.name().startsWith("hikaricp_connections"));
        assertThat(value(after, "jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        assertThat(after).anyMatch(sample -> sample.name().equals("process_uptime_seconds"));
    }
}
