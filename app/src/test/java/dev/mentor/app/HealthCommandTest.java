package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.operations.HttpSettings;
import dev.mentor.operations.OperationsServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code mentor health} against the real operations server on 127.0.0.1, as a container's health check runs it. */
class HealthCommandTest {

    private final AtomicBoolean remindersRunning = new AtomicBoolean(false);
    private OperationsServer server;

    @BeforeEach
    void start() {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("database", () -> true);
        checks.put("reminders", remindersRunning::get);
        server = new OperationsServer(new HttpSettings("127.0.0.1", 0), checks);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private static CommandLineRun health(Map<String, String> environment, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "health";
        System.arraycopy(args, 0, all, 1, args.length);
        return CommandLineRun.run(environment, "", all);
    }

    @Test
    void exitsZeroOnceTheServerIsReadyAndOneWithTheFailingCheckBefore() {
        CommandLineRun notReady = health(Map.of(), "--url", url());

        assertThat(notReady.exitCode()).isEqualTo(1);
        assertThat(notReady.err()).contains("not ready: " + url() + "/ready answered 503")
                .contains("\"reminders\":\"down\"");

        remindersRunning.set(true);
        CommandLineRun ready = health(Map.of(), "--url", url());

        assertThat(ready.exitCode()).as(ready.err()).isZero();
        assertThat(ready.out()).contains("ready: " + url() + "/ready answered 200");
    }

    @Test
    void liveAsksOnlyWhetherTheProcessRuns() {
        CommandLineRun live = health(Map.of(), "--live", "--url", url() + "/");

        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(live.out()).contains("running: " + url() + "/health answered 200");
    }

    @Test
    void withoutUrlItAsksWhereServeListensAndAWildcardAddressOnThisMachine() {
        remindersRunning.set(true);
        CommandLineRun run = health(Map.of(HttpSettings.HOST, "0.0.0.0", HttpSettings.PORT,
                String.valueOf(server.port())));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("http://127.0.0.1:" + server.port() + "/ready answered 200");
    }

    @Test
    void nothingListeningIsNotReadyWithAShortReason() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        CommandLineRun run = health(Map.of(), "--url", "http://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not ready: http://127.0.0.1:" + port + "/ready did not answer")
                .contains("connection refused");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void withoutUrlOrPortOrWithABadUrlItSaysWhatItNeeds() {
        CommandLineRun noPort = health(Map.of());
        CommandLineRun badUrl = health(Map.of(), "--url", "127.0.0.1:8080");
        CommandLineRun badPort = health(Map.of(HttpSettings.PORT, "eighty"));

        assertThat(noPort.exitCode()).isEqualTo(2);
        assertThat(noPort.err()).contains("MENTOR_HTTP_PORT is not set").contains("--url");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--url is '127.0.0.1:8080'; expected http://HOST:PORT");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("MENTOR_HTTP_PORT is 'eighty'");
    }
}
