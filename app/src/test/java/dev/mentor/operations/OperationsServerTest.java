package dev.mentor.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /health and /ready over real HTTP on 127.0.0.1, as a load balancer's probes see them. */
class OperationsServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean remindersRunning = new AtomicBoolean(false);
    private final CountDownLatch never = new CountDownLatch(1);
    private OperationsServer server;

    @AfterEach
    void close() {
        never.countDown();
        if (server != null) {
            server.close();
        }
    }

    private OperationsServer start(Map<String, BooleanSupplier> checks) {
        server = new OperationsServer(new HttpSettings("127.0.0.1", 0), checks);
        return server;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersWhileReadinessWaitsForEveryCheck() throws Exception {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("database", () -> true);
        checks.put("reminders", remindersRunning::get);
        start(checks);

        assertThat(get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> notYet = get("/ready");
        assertThat(notYet.statusCode()).isEqualTo(503);
        assertThat(notYet.body()).contains("\"database\":\"up\"").contains("\"reminders\":\"down\"");

        remindersRunning.set(true);
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"ready\"");
    }

    @Test
    void aCheckThatHangsOrFailsMakesTheInstanceNotReady() throws Exception {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("database", () -> {
            try {
                never.await(); // a database that never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });
        checks.put("telegram", () -> {
            throw new IllegalStateException("boom");
        });
        start(checks);

        HttpResponse<String> response = get("/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"database\":\"down\"").contains("\"telegram\":\"down\"");
    }

    @Test
    void onlyReadsAreAnswered() throws Exception {
        start(Map.of());

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/health")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void settingsAreOffWithoutAPortAndLocalByDefault() {
        assertThat(HttpSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(HttpSettings.fromEnvironment(Map.of(HttpSettings.PORT, "8080")))
                .isEqualTo(Optional.of(new HttpSettings("127.0.0.1", 8080)));
        assertThatThrownBy(() -> HttpSettings.fromEnvironment(Map.of(HttpSettings.PORT, "70000")))
                .hasMessageContaining(HttpSettings.PORT).hasMessageContaining("1 to 65535");
    }
}
