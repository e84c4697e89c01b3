package dev.mentor.app;

import dev.mentor.communities.Communities;
import dev.mentor.discord.DiscordPlatform;
import dev.mentor.discord.DiscordSettings;
import dev.mentor.operations.HttpSettings;
import dev.mentor.operations.OperationsServer;
import dev.mentor.operations.PostEndpoint;
import dev.mentor.platforms.ChatPlatform;
import dev.mentor.platforms.PlatformStartException;
import dev.mentor.platforms.ProcessedEvents;
import dev.mentor.platforms.SendBudget;
import dev.mentor.platforms.SharedSendBudget;
import dev.mentor.reminders.DeliveryPort;
import dev.mentor.storage.Database;
import dev.mentor.telegram.TelegramPlatform;
import dev.mentor.telegram.TelegramSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mentor serve}: runs the mentor on every chat platform whose token is set, with the
 * database, reminders and digests, until SIGTERM or Ctrl-C; then it stops taking messages,
 * lets replies and reminders in flight finish, and closes the database.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve learners on Telegram and Discord: every platform whose token is set "
                + "(MENTOR_TELEGRAM_TOKEN, MENTOR_DISCORD_TOKEN). Stops cleanly on SIGTERM."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    /** Where Telegram posts updates in webhook mode; the URL given to telegram-webhook set ends with it. */
    static final String TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";
    /** Discord's global limit on a bot's REST requests (interaction responses do not count). */
    private static final int DISCORD_REQUESTS_PER_SECOND = 50;

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Counted down once everything is closed, so the main thread may end. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = parent.settings();
        Clock clock = Clock.systemUTC();
        Map<String, String> environment = parent.environment;
        Platforms configured = configured(environment);
        if (configured.isEmpty()) {
            throw new Settings.BadSetting("no platform to serve: set MENTOR_TELEGRAM_TOKEN, MENTOR_DISCORD_TOKEN or "
                    + "both to a bot token (./mentor chat needs none).");
        }
        Optional<HttpSettings> http;
        try {
            http = HttpSettings.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            throw new Settings.BadSetting(e.getMessage());
        }
        if (configured.telegram().filter(TelegramSettings::webhook).isPresent() && http.isEmpty()) {
            throw new Settings.BadSetting(TelegramSettings.MODE_SETTING + " is 'webhook', which needs "
                    + HttpSettings.PORT + ": the port the webhook endpoint (" + TELEGRAM_WEBHOOK_PATH + ") listens on.");
        }
        Mentor mentor = new Mentor();
        // A server has time at start: the first unsure question should not wait for the model.
        mentor.semantic().warmUp();
        Database database = Database.open(settings.database());
        List<ChatPlatform> platforms = new ArrayList<>();
        Communities communities = new Communities(database);
        Mentor.Journey journey;
        try {
            configured.telegram().ifPresent(telegram ->
                    platforms.add(new TelegramPlatform(telegram, new ProcessedEvents(database), clock,
                            sharedBudget(database, telegram))));
            configured.discord().ifPresent(discord -> platforms.add(new DiscordPlatform(discord, mentor.roadmap(),
                    communities, new ProcessedEvents(database), sharedBudget(database, discord), settings.defaultTimeZone(),
                    clock)));
            Map<String, DeliveryPort> ports = new LinkedHashMap<>();
            platforms.forEach(platform -> ports.put(platform.name(), platform.deliveryPort()));
            journey = mentor.openJourney(database, communities, settings, ports, Mentor.EVERYONE,
                    settings.defaultTimeZone(), clock);
        } catch (RuntimeException e) {
            platforms.forEach(ChatPlatform::close);
            database.close();
            throw e;
        }
        OperationsServer operations = null;
        try {
            // Up before the platforms start, so /health answers and /ready says what is still missing.
            if (http.isPresent()) {
                operations = new OperationsServer(http.get(), readinessChecks(database, journey, platforms),
                        webhooks(platforms));
                log.info("Operations: http://{}:{}/health and /ready", http.get().host(), operations.port());
            }
            for (ChatPlatform platform : platforms) {
                platform.start(journey.conversation());
                log.info("Serving {}", platform.name());
            }
            journey.start();
        } catch (PlatformStartException | RuntimeException e) {
            if (operations != null) {
                operations.close();
            }
            stop(journey, platforms);
            err.println("mentor: " + e.getMessage());
            return MentorCommand.FAILURE;
        }
        OperationsServer started = operations;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing replies and reminders in flight");
            if (started != null) {
                started.close();
            }
            stop(journey, platforms);
            stopped.countDown();
        }, "mentor-shutdown"));
        err.println("mentor: serving " + String.join(" and ", platforms.stream().map(ChatPlatform::name).toList())
                + "; stop with Ctrl-C or SIGTERM.");
        err.flush();
        stopped.await();
        return 0;
    }

    /**
     * On PostgreSQL, where several instances may serve one bot, its budget over all chats (30 messages a
     * second) is shared through the database; on SQLite, one instance, the adapter keeps it itself.
     */
    private static SendBudget sharedBudget(Database database, TelegramSettings telegram) {
        if (!database.settings().isPostgres() || telegram.limits().perSecond() == 0) {
            return null;
        }
        // One bucket per bot, named by the bot's id (the token's part before the colon, no secret).
        String token = telegram.token();
        String bot = token.indexOf(':') > 0 ? token.substring(0, token.indexOf(':')) : "";
        return new SharedSendBudget(database, ("telegram:" + bot).hashCode(), telegram.limits().perSecond());
    }

    /** Discord's global REST limit, 50 requests a second per bot, shared the same way on PostgreSQL. */
    private static SendBudget sharedBudget(Database database, DiscordSettings discord) {
        if (!database.settings().isPostgres()) {
            return null;
        }
        // The token's first part is the bot's id in base64: public, and the same on every instance.
        String token = discord.token();
        String bot = token.indexOf('.') > 0 ? token.substring(0, token.indexOf('.')) : "";
        return new SharedSendBudget(database, ("discord:" + bot).hashCode(), DISCORD_REQUESTS_PER_SECOND);
    }

    /** The webhook endpoints of the platforms that receive that way (Telegram in webhook mode). */
    private static Map<String, PostEndpoint> webhooks(List<ChatPlatform> platforms) {
        Map<String, PostEndpoint> endpoints = new LinkedHashMap<>();
        for (ChatPlatform platform : platforms) {
            if (platform instanceof TelegramPlatform telegram && telegram.receivesByWebhook()) {
                endpoints.put(TELEGRAM_WEBHOOK_PATH, (headers, body) ->
                        telegram.receiveWebhook(headers.getFirst(TelegramPlatform.SECRET_HEADER), body));
            }
        }
        return endpoints;
    }

    /** What /ready checks: the database answers, reminders fire, each platform is connected. */
    private static Map<String, BooleanSupplier> readinessChecks(Database database, Mentor.Journey journey,
            List<ChatPlatform> platforms) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("database", database::answers);
        checks.put("reminders", journey.reminders()::isRunning);
        platforms.forEach(platform -> checks.put(platform.name(), platform::isServing));
        return checks;
    }

    /** Reminders first (none goes to a closed platform), then the platforms' replies, then the database. */
    private static void stop(Mentor.Journey journey, List<ChatPlatform> platforms) {
        journey.reminders().close();
        journey.digests().close();
        for (ChatPlatform platform : platforms) {
            try {
                platform.close();
            } catch (RuntimeException e) {
                log.warn("{} did not close cleanly: {}", platform.name(), e.getMessage());
            }
        }
        journey.close();
    }

    /** The platforms whose settings are given, each validated (a bad value names its setting). */
    record Platforms(Optional<TelegramSettings> telegram, Optional<DiscordSettings> discord) {
        boolean isEmpty() {
            return telegram.isEmpty() && discord.isEmpty();
        }
    }

    static Platforms configured(Map<String, String> environment) {
        try {
            return new Platforms(TelegramSettings.fromEnvironment(environment),
                    DiscordSettings.isConfigured(environment) ? Optional.of(DiscordSettings.fromEnvironment(environment))
                            : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new Settings.BadSetting(e.getMessage());
        }
    }
}
