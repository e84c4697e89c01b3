package dev.mentor.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Logging for every command, set up by Logback when the first logger is asked for: to stderr (stdout is the
 * command's own output), at {@code MENTOR_LOG_LEVEL} (warn by default), as text, or as one JSON object a
 * line with {@code MENTOR_LOG_FORMAT=json} (time, level, logger, thread, message, and the platform and
 * hashed learner the line is about). A value it does not know leaves the default here; {@link Main}
 * refuses it with a clear message before any command runs.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String LEVEL = "MENTOR_LOG_LEVEL";
    static final String FORMAT = "MENTOR_LOG_FORMAT";
    static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
    static final Set<String> FORMATS = Set.of("text", "json");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        apply(context, System.getenv());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** What is wrong with the logging settings, naming the setting and what it expects; empty when nothing. */
    static Optional<String> problemWith(Map<String, String> environment) {
        String level = value(environment, LEVEL, "warn");
        if (!LEVELS.contains(level)) {
            return Optional.of(LEVEL + " is '" + level + "'; expected one of trace, debug, info, warn, error, off.");
        }
        String format = value(environment, FORMAT, "text");
        if (!FORMATS.contains(format)) {
            return Optional.of(FORMAT + " is '" + format + "'; expected text (the default) or json (one JSON object "
                    + "a line).");
        }
        return Optional.empty();
    }

    static void apply(LoggerContext context, Map<String, String> environment) {
        String level = value(environment, LEVEL, "warn");
        boolean json = "json".equals(value(environment, FORMAT, "text"));
        context.reset();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(LEVELS.contains(level) ? level : "warn", Level.WARN));
        root.addAppender(stderr);
        // The sentence model's tokenizer probes for a GPU it never uses, and says so.
        context.getLogger("ai.djl.util.cuda").setLevel(Level.ERROR);
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} [%thread] %level %logger - %msg%n");
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    /** A setting as the checks compare it: trimmed, lower case, the default when unset. */
    private static String value(Map<String, String> environment, String name, String fallback) {
        return environment.getOrDefault(name, fallback).strip().toLowerCase(Locale.ROOT);
    }
}
