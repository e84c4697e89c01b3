package dev.mentor.app;

import dev.mentor.operations.HttpSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mentor health}: asks a running {@code serve} over its operations port whether it is ready, for a
 * container's or orchestrator's health check (the image has no curl).
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Ask a running serve whether it is ready (GET /ready) or, with --live, running (GET /health). "
                + "Exits 0 when it answered 200, 1 otherwise, with a short message.",
                "Asks the operations server at MENTOR_HTTP_HOST and MENTOR_HTTP_PORT (0.0.0.0 is asked at 127.0.0.1) "
                        + "unless --url says where."})
final class HealthCommand implements Callable<Integer> {

    /** How long the whole answer may take: /ready gives each check 2 seconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_BODY_SHOWN = 300;

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "The operations server, e.g. http://127.0.0.1:8080 (default: from MENTOR_HTTP_HOST and "
                    + "MENTOR_HTTP_PORT).")
    String url;

    @Option(names = "--live", description = "Ask only whether the process runs (GET /health), not whether it is ready.")
    boolean live;

    @Override
    public Integer call() throws InterruptedException {
        URI target = base().resolve(live ? "/health" : "/ready");
        String state = live ? "running" : "ready";
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()) {
            response = client.send(HttpRequest.newBuilder(target).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            spec.commandLine().getErr().println("mentor: not " + state + ": " + target + " did not answer ("
                    + reason(e) + ").");
            return MentorCommand.FAILURE;
        }
        if (response.statusCode() == 200) {
            spec.commandLine().getOut().println(state + ": " + target + " answered 200.");
            return 0;
        }
        String body = response.body().strip().replaceAll("\\s+", " ");
        spec.commandLine().getErr().println("mentor: not " + state + ": " + target + " answered "
                + response.statusCode() + (body.isEmpty() ? "" : " " + abbreviate(body)) + ".");
        return MentorCommand.FAILURE;
    }

    /** Scheme, host and port of the operations server: --url, or the settings serve listens with. */
    private URI base() {
        if (url != null) {
            URI uri = null;
            try {
                uri = new URI(url.strip());
            } catch (URISyntaxException e) {
                // said below
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--url is '" + url
                        + "'; expected http://HOST:PORT, such as http://127.0.0.1:8080");
            }
            return uri;
        }
        Optional<HttpSettings> settings;
        try {
            settings = HttpSettings.fromEnvironment(parent.environment);
        } catch (IllegalArgumentException e) {
            throw new Settings.BadSetting(e.getMessage());
        }
        HttpSettings http = settings.orElseThrow(() -> new Settings.BadSetting(HttpSettings.PORT
                + " is not set, so there is no operations server to ask; set it as serve has it, or pass "
                + "--url http://HOST:PORT."));
        return URI.create("http://" + reachable(http.host()) + ":" + http.port());
    }

    /** The address to ask for one serve listens on: a wildcard is asked on this machine. */
    static String reachable(String host) {
        return switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }

    private static String reason(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused: is serve running with " + HttpSettings.PORT + " set?";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_BODY_SHOWN ? text : text.substring(0, MAX_BODY_SHOWN) + "…";
    }
}
