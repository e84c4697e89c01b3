package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the entry point reads before any command runs: the log level, when no launcher passed it. */
class MainTest {

    @Test
    void theLogLevelComesFromMentorLogLevelInAnyCase() {
        assertThat(Main.logLevel(Map.of("MENTOR_LOG_LEVEL", " INFO "))).contains("info");
        assertThat(Main.logLevel(Map.of("MENTOR_LOG_LEVEL", ""))).isEmpty();
        assertThat(Main.logLevel(Map.of())).isEmpty();
    }

    @Test
    void anUnknownLogLevelNamesTheSettingAndTheLevels() {
        assertThatThrownBy(() -> Main.logLevel(Map.of("MENTOR_LOG_LEVEL", "verbose")))
                .isInstanceOf(Settings.BadSetting.class)
                .hasMessage("MENTOR_LOG_LEVEL is 'verbose'; expected one of trace, debug, info, warn, error, off.");
    }
}
