package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.logging.LearnerLogContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** Logs as text or as one JSON object a line on stderr, at the level asked; bad values are named. */
class LogSetupTest {

    @TempDir
    Path folder;

    /** What a fresh logging set-up with these settings writes to stderr while {@code logging} runs. */
    private static List<String> stderrLines(Map<String, String> environment, Consumer<Logger> logging) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one SLF4J's MDC writes to, as in a real start
        try {
            LogSetup.apply(context, environment);
            logging.accept(context.getLogger("dev.mentor.reminders.ReminderDispatcher"));
        } finally {
            context.stop();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void jsonLogsAreOneObjectALineNamingThePlatformAndAHashedLearner() throws Exception {
        List<String> lines = stderrLines(Map.of("MENTOR_LOG_FORMAT", "json", "MENTOR_LOG_LEVEL", "info"), log -> {
            LearnerLogContext.run("telegram", "555000111", () -> log.info(
                    "Reminder for learner {} failed for now: \"{}\"", "abc", "502 Bad Gateway\nretrying"));
            log.debug("not at info");
            log.warn("outside any learner's context");
        });

        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("loggerName").asText()).isEqualTo("dev.mentor.reminders.ReminderDispatcher");
        assertThat(first.path("formattedMessage").asText())
                .isEqualTo("Reminder for learner abc failed for now: \"502 Bad Gateway\nretrying\"");
        assertThat(first.path("timestamp").asLong()).isPositive();
        assertThat(first.path("mdc").path("platform").asText()).isEqualTo("telegram");
        assertThat(first.path("mdc").path("learner").asText()).matches("[0-9a-f]{12}");
        assertThat(lines.get(0)).doesNotContain("555000111");
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.path("level").asText()).isEqualTo("WARN");
        assertThat(second.path("mdc").path("learner").isMissingNode() || second.path("mdc").isEmpty()).isTrue();
    }

    @Test
    void textIsTheDefaultAtWarn() {
        List<String> lines = stderrLines(Map.of(), log -> {
            log.info("quiet by default");
            log.warn("Telegram: getUpdates refused with 409");
        });

        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains(" WARN dev.mentor.reminders.ReminderDispatcher - Telegram: getUpdates refused with 409")
                .doesNotStartWith("{"));
    }

    @Test
    void anUnknownFormatOrLevelIsNamedBeforeAnyCommandRuns() {
        CommandLineRun format = CommandLineRun.run(Map.of("MENTOR_LOG_FORMAT", "xml",
                Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("m.db")), "", "ask", "what is git");
        CommandLineRun level = CommandLineRun.run(Map.of("MENTOR_LOG_LEVEL", "loud",
                Settings.DB_URL, "jdbc:sqlite:" + folder.resolve("m.db")), "", "--version");

        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("MENTOR_LOG_FORMAT is 'xml'").contains("text").contains("json");
        assertThat(format.out()).isEmpty();
        assertThat(level.exitCode()).isEqualTo(2);
        assertThat(level.err()).contains("MENTOR_LOG_LEVEL is 'loud'").contains("trace, debug, info, warn, error, off");
    }
}
