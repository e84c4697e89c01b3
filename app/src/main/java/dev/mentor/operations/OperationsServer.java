package dev.mentor.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The small HTTP server for operators and load balancers, on the JDK's own server: {@code GET /health}
 * answers 200 while the process runs; {@code GET /ready} answers 200 when every check passes (the
 * database answers, the scheduler fires, each platform is connected) and 503 otherwise, naming the
 * failing checks. Each check gets at most {@link #CHECK_TIMEOUT}, so a hung database makes the instance
 * not ready rather than the probe hang. {@code GET /metrics} gives the counters in Prometheus's text
 * format, when the server is given them.
 */
public final class OperationsServer implements AutoCloseable {

    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    /** The largest POST body read; larger ones are refused unread. */
    static final int MAX_BODY = 1 << 20;
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, BooleanSupplier> checks;

    /**
     * Binds at once (a port in use fails here, naming it) and starts answering.
     *
     * @param checks what readiness needs, by name, in the order they are reported
     */
    public OperationsServer(HttpSettings settings, Map<String, BooleanSupplier> checks) {
        this(settings, checks, Map.of());
    }

    /** With POST endpoints too (a platform's webhook), by path. */
    public OperationsServer(HttpSettings settings, Map<String, BooleanSupplier> checks, Map<String, PostEndpoint> posts) {
        this(settings, checks, posts, null);
    }

    /**
     * With {@code GET /metrics} too.
     *
     * @param metrics the scrape in Prometheus's text format (version 0.0.4), or null for no /metrics
     */
    public OperationsServer(HttpSettings settings, Map<String, BooleanSupplier> checks, Map<String, PostEndpoint> posts,
            Supplier<String> metrics) {
        this.checks = new LinkedHashMap<>(checks);
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + HttpSettings.HOST + ", " + HttpSettings.PORT + "): " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"up\"}"));
        server.createContext("/ready", this::ready);
        if (metrics != null) {
            server.createContext("/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
        }
        posts.forEach((path, endpoint) -> server.createContext(path, exchange -> post(exchange, endpoint)));
        server.start();
    }

    /** The port it listens on (the one asked for, or the one given for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void ready(HttpExchange exchange) throws IOException {
        Map<String, CompletableFuture<Boolean>> running = new LinkedHashMap<>();
        checks.forEach((name, check) -> running.put(name, CompletableFuture.supplyAsync(check::getAsBoolean, executor)));
        StringBuilder body = new StringBuilder("{\"checks\":{");
        boolean ready = true;
        for (Map.Entry<String, CompletableFuture<Boolean>> check : running.entrySet()) {
            boolean passed;
            try {
                passed = check.getValue().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                passed = false; // failed, or too slow to count as ready
            }
            ready &= passed;
            if (body.charAt(body.length() - 1) != '{') {
                body.append(',');
            }
            body.append('"').append(check.getKey()).append("\":\"").append(passed ? "up" : "down").append('"');
        }
        body.append("},\"status\":\"").append(ready ? "ready" : "not ready").append("\"}");
        answer(exchange, ready ? 200 : 503, body.toString());
    }

    private static void post(HttpExchange exchange, PostEndpoint endpoint) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            int status = body.length > MAX_BODY ? 413 : endpoint.receive(exchange.getRequestHeaders(), body);
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        answer(exchange, status, "application/json", json);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, exchange.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
            if (!exchange.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
