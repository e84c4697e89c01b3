package dev.mentor.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's knobs of the fake Bot API: the round trip, the fault mix, slim records. */
class FakeBotApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeBotApi api;

    FakeBotApiTest() throws Exception {
        api = new FakeBotApi();
    }

    @AfterEach
    void close() {
        api.close();
    }

    private HttpResponse<String> send(long chatId, String text) throws Exception {
        URI uri = URI.create(api.url() + "/bot" + FakeBotApi.TOKEN + "/sendMessage");
        String body = "{\"chat_id\":\"" + chatId + "\",\"text\":\"" + text + "\"}";
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersAfterTheRoundTripAndRecordsWhen() throws Exception {
        api.roundTrip(Duration.ofMillis(150));

        HttpResponse<String> response = send(7, "hello");

        FakeBotApi.Call call = api.calls("sendMessage").getFirst();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(call.answeredNanos() - call.receivedNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
        assertThat(call.accepted()).isTrue();
        assertThat(api.lastAcceptedAt(7)).isEqualTo(call.receivedNanos());
    }

    @Test
    void refusesAboutTheSharesTheMixNamesAndAlwaysTheBlockedChats() throws Exception {
        api.faultMix(new FakeBotApi.FaultMix(1, 0.2, 3, 0.1, Set.of(99L)));

        for (int i = 0; i < 400; i++) {
            send(1, "message " + i);
        }
        HttpResponse<String> blocked = send(99, "to a blocked chat");

        List<FakeBotApi.Call> calls = api.calls("sendMessage");
        long rateLimited = calls.stream().filter(c -> c.status() == 429).count();
        long serverErrors = calls.stream().filter(c -> c.status() == 502).count();
        assertThat(rateLimited).isBetween(50L, 110L);
        assertThat(serverErrors).isBetween(20L, 60L);
        assertThat(calls.stream().filter(FakeBotApi.Call::accepted).count()).isEqualTo(400 - rateLimited - serverErrors);
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(blocked.body()).contains("bot was blocked by the user");
        assertThat(api.lastAcceptedAt(99)).isNull();
    }

    @Test
    void theRateLimitedAnswerNamesItsRetryAfter() throws Exception {
        api.faultMix(new FakeBotApi.FaultMix(1, 1.0, 3, 0, Set.of()));

        HttpResponse<String> response = send(1, "hello");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).contains("\"retry_after\":3");
    }

    @Test
    void slimRecordsKeepTheChatAndTheStartOfTheText() throws Exception {
        api.slimRecords();

        send(5, "x".repeat(500));

        FakeBotApi.Call call = api.calls("sendMessage").getFirst();
        assertThat(call.chatId()).isEqualTo(5);
        assertThat(call.body().path("text").asText()).hasSize(80);
        assertThat(api.sentMessages()).hasSize(1);
    }
}
