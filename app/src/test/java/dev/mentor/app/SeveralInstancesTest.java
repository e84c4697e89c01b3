package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mentor.learners.Learner;
import dev.mentor.learners.Learners;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import dev.mentor.telegram.FakeBotApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two real {@code mentor serve} processes on one PostgreSQL, one bot, in webhook mode behind a "load
 * balancer" (this test, posting each update to either instance), against a fake Bot API on 127.0.0.1:
 * each message is answered once even when Telegram repeats it to the other instance; a reminder time
 * changed through one instance fires at the new time from whichever holds it; a burst of reminders loses
 * none when one instance is killed with SIGKILL mid-burst; and both together stay within Telegram's 30
 * messages a second. In polling mode, where Telegram lets one poller at a time hold getUpdates, each
 * message is still answered once and the instance refused says what to do. Skipped when no PostgreSQL
 * answers (CI starts one). Most of its time is spent waiting for the reminders' minute, so it runs beside
 * the other classes.
 */
@Execution(ExecutionMode.CONCURRENT)
class SeveralInstancesTest {

    private static final String URL = System.getenv().getOrDefault("MENTOR_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("MENTOR_TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("MENTOR_TEST_POSTGRES_PASSWORD", "");
    private static final String SECRET = "several-instances_secret-0123";
    private static final int BURST = 200;
    private static final long FIRST_LEARNER = 5_000;

    @TempDir
    Path folder;
    private final String schema = "mentor_e2e_" + UUID.randomUUID().toString().replace("-", "");
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> instances = new ArrayList<>();
    private FakeBotApi api;
    private String databaseUrl;

    @BeforeEach
    void createSchema() throws IOException {
        try (Connection connection = DriverManager.getConnection(URL + "?connectTimeout=2", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "no PostgreSQL server at " + URL + ": " + e.getMessage());
        }
        databaseUrl = URL + "?currentSchema=" + schema;
        api = new FakeBotApi();
    }

    @AfterEach
    void stop() throws SQLException {
        instances.forEach(Process::destroyForcibly);
        if (api != null) {
            api.close();
            try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema " + schema + " cascade");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A real instance: this JVM's classpath, the command line's entry point, settings by environment. */
    private Process start(int ordinal, int port) throws IOException {
        return start(ordinal, port, "webhook");
    }

    private Process start(int ordinal, int port, String telegramMode) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve");
        Map<String, String> environment = builder.environment();
        environment.put("MENTOR_DB_URL", databaseUrl);
        environment.put("MENTOR_DB_USER", USER);
        environment.put("MENTOR_DB_PASSWORD", PASSWORD);
        environment.put("MENTOR_TELEGRAM_TOKEN", FakeBotApi.TOKEN);
        environment.put("MENTOR_TELEGRAM_API_URL", api.url().toString());
        environment.put("MENTOR_TELEGRAM_MODE", telegramMode);
        environment.put("MENTOR_TELEGRAM_WEBHOOK_SECRET", SECRET);
        environment.put("MENTOR_HTTP_PORT", String.valueOf(port));
        environment.put("MENTOR_INSTANCE_COUNT", "2");
        environment.put("MENTOR_INSTANCE_ORDINAL", String.valueOf(ordinal));
        environment.put("MENTOR_REMINDER_CLAIM_LEASE", "15s");
        environment.put("MENTOR_LOG_LEVEL", "info");
        builder.redirectErrorStream(true).redirectOutput(folder.resolve("instance-" + ordinal + ".log").toFile());
        Process process = builder.start();
        instances.add(process);
        return process;
    }

    private String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            Path log = folder.resolve("instance-" + i + ".log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                all.append("--- instance ").append(i).append(" (last lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))).append('\n');
            }
        }
        return all.toString();
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instance on port " + port + " never became ready\n" + logs());
    }

    /** Telegram posting an update to one instance's webhook, as the load balancer routes it. */
    private int post(int port, int updateId, long user, String text) throws Exception {
        String update = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":"
                + Instant.now().getEpochSecond() + ",\"chat\":{\"id\":" + user + ",\"type\":\"private\"},\"from\":{\"id\":"
                + user + ",\"is_bot\":false,\"first_name\":\"Learner\"},\"text\":\"" + text + "\"}}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram/webhook"))
                .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private List<FakeBotApi.Call> sentTo(long chat) {
        return api.calls("sendMessage").stream()
                .filter(call -> call.body().has("accepted") && call.body().path("chat_id").asLong() == chat).toList();
    }

    private List<FakeBotApi.Call> reminders() {
        return api.calls("sendMessage").stream()
                .filter(call -> call.body().has("accepted") && isReminder(call))
                .toList();
    }

    /** A weekly reminder opens with its week: "Week 1 reminder: ...". */
    private static boolean isReminder(FakeBotApi.Call call) {
        return java.util.regex.Pattern.compile("Week \\d+ reminder:").matcher(call.body().path("text").asText()).find();
    }

    @Test
    void twoInstancesShareOneBotOneScheduleAndOneSendBudget() throws Exception {
        // A burst due at one minute, set before the instances start: their start-up schedules it.
        ZonedDateTime due = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(100).truncatedTo(ChronoUnit.MINUTES);
        try (Database database = Database.open(new DatabaseSettings(databaseUrl, USER, PASSWORD))) {
            Learners learners = new Learners(database);
            for (int i = 0; i < BURST; i++) {
                Learner learner = learners.enroll("telegram", String.valueOf(FIRST_LEARNER + i), "Learner " + i,
                        ZoneOffset.UTC, Instant.now().minus(Duration.ofDays(30))).learner();
                learners.update(learner.withReminder(due.getDayOfWeek(), due.toLocalTime()));
            }
        }
        int[] ports = {freePort(), freePort()};
        Process first = start(0, ports[0]);
        start(1, ports[1]);
        awaitReady(ports[0]);
        awaitReady(ports[1]);

        // Telegram repeats an update to the other instance when it missed the 200: answered once.
        assertThat(post(ports[0], 1, 101, "/start")).isEqualTo(200);
        assertThat(post(ports[1], 1, 101, "/start")).isEqualTo(200);
        assertThat(post(ports[1], 2, 101, "/progress")).isEqualTo(200);
        api.await("two answers to learner 101", Duration.ofSeconds(30), () -> sentTo(101).size() >= 2);

        // Learner 102 enrolls through one instance and moves the reminder to the burst's minute through the other.
        assertThat(post(ports[0], 3, 102, "/start")).isEqualTo(200);
        api.await("the welcome of learner 102", Duration.ofSeconds(30), () -> sentTo(102).size() >= 1);
        String day = due.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
        assertThat(post(ports[1], 4, 102, "/remind " + day + " " + due.toLocalTime())).isEqualTo(200);
        api.await("the reminder change confirmed", Duration.ofSeconds(30), () -> sentTo(102).size() >= 2);
        Instant setUp = Instant.now();
        assertThat(setUp).as("the test set up before the reminders fell due").isBefore(due.toInstant());
        long dueNanos = System.nanoTime() + Duration.between(setUp, due.toInstant()).toNanos();

        // The burst: kill one instance once a third has gone out; the other finishes, its claims included.
        api.await("a third of the reminders out", Duration.ofSeconds(150), () -> reminders().size() >= BURST / 3);
        first.destroyForcibly();
        first.waitFor();
        api.await("every reminder out", Duration.ofSeconds(150), () -> {
            java.util.Set<Long> chats = new java.util.HashSet<>();
            reminders().forEach(call -> chats.add(call.body().path("chat_id").asLong()));
            return chats.size() == BURST + 1;
        });
        Thread.sleep(2_000); // room for a duplicate still on its way, which must not come beyond the bound
        List<FakeBotApi.Call> reminders = reminders();
        Map<Long, Integer> perChat = new HashMap<>();
        reminders.forEach(call -> perChat.merge(call.body().path("chat_id").asLong(), 1, Integer::sum));
        long duplicated = perChat.values().stream().filter(count -> count > 1).count();

        String context = logs();
        assertThat(sentTo(101)).as(context).hasSize(2);
        assertThat(perChat).as(context).hasSize(BURST + 1).containsKey(102L);
        // Learner 102's reminder came at the time set through the other instance, not before.
        FakeBotApi.Call moved = sentTo(102).stream().filter(SeveralInstancesTest::isReminder)
                .findFirst().orElseThrow();
        assertThat(moved.receivedNanos()).isGreaterThan(dueNanos - Duration.ofMillis(500).toNanos());
        // Only reminders the killed instance had in flight may have gone twice.
        assertThat(duplicated).as(context).isLessThanOrEqualTo(64);
        // Both instances together kept within 30 messages a second (a burst of 5 on top at most).
        List<Long> times = api.calls("sendMessage").stream().filter(call -> call.body().has("accepted"))
                .map(FakeBotApi.Call::receivedNanos).sorted().toList();
        int busiestSecond = 0;
        for (int start = 0, end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= Duration.ofSeconds(1).toNanos()) {
                start++;
            }
            busiestSecond = Math.max(busiestSecond, end - start + 1);
        }
        assertThat(busiestSecond).as(context).isLessThanOrEqualTo(30 + 5 + 1);
    }

    @Test
    void twoPollingInstancesAnswerEachMessageOnceAndTheRefusedOneSaysWhatToDo() throws Exception {
        api.onePollerAtATime();
        int[] ports = {freePort(), freePort()};
        start(0, ports[0], "polling");
        start(1, ports[1], "polling");
        awaitReady(ports[0]);
        awaitReady(ports[1]);

        // The pollers end each other's getUpdates with 409 and back off; whichever holds the poll answers.
        int learners = 12;
        for (int i = 0; i < learners; i++) {
            api.privateMessage(300 + i, "/start");
            Thread.sleep(250);
        }
        api.await("a welcome for every learner", Duration.ofSeconds(90), () -> {
            for (int i = 0; i < learners; i++) {
                if (sentTo(300 + i).isEmpty()) {
                    return false;
                }
            }
            return true;
        });
        Thread.sleep(2_000); // room for a second answer still on its way

        String context = logs();
        for (int i = 0; i < learners; i++) {
            assertThat(sentTo(300 + i)).as("learner " + (300 + i) + "\n" + context).hasSize(1);
        }
        int explained = 0;
        for (int i = 0; i < 2; i++) {
            long times = Files.readAllLines(folder.resolve("instance-" + i + ".log")).stream()
                    .filter(line -> line.contains("getUpdates refused with 409") && line.contains("MENTOR_TELEGRAM_MODE=webhook"))
                    .count();
            assertThat(times).as("said once at most by instance " + i).isLessThanOrEqualTo(1);
            explained += (int) times;
        }
        assertThat(explained).as("the conflict is explained\n" + context).isPositive();
    }
}
