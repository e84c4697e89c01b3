package dev.mentor.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private final TelegramSettings settings = TelegramSettings.of("123:secret-token", URI.create("http://127.0.0.1:1"));

    @Test
    void aCauseChainThatLoopsIsWalkedOnce() {
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalArgumentException inner = new IllegalArgumentException("inner");
        outer.initCause(inner);
        inner.initCause(outer);

        assertThat(Failures.causes(outer)).containsExactly(outer, inner);
        assertThat(Failures.describe(outer, settings))
                .isEqualTo("IllegalStateException outer: IllegalArgumentException inner");
        assertThat(UnansweredRequest.in(outer)).isFalse();
    }

    @Test
    void findsAnUnansweredRequestDeepInTheChain() {
        RuntimeException failure = new RuntimeException("POST /bot123:secret-token/sendMessage failed",
                new IllegalStateException("wrapped", new UnansweredRequest(new SocketTimeoutException("timeout"))));

        assertThat(UnansweredRequest.in(failure)).isTrue();
        assertThat(Failures.describe(failure, settings)).contains("/bot<token>/sendMessage")
                .doesNotContain("secret-token");
    }
}
