package dev.mentor.app;

import dev.mentor.charts.ChartRenderer;
import dev.mentor.communities.Communities;
import dev.mentor.communities.DigestScheduler;
import dev.mentor.communities.Digests;
import dev.mentor.communities.FaqEntries;
import dev.mentor.communities.FaqSync;
import dev.mentor.communities.QuestionLog;
import dev.mentor.conversation.Answers;
import dev.mentor.conversation.CommunityCommands;
import dev.mentor.conversation.ConversationEngine;
import dev.mentor.conversation.LearnerCommands;
import dev.mentor.discord.DiscordPlatform;
import dev.mentor.discord.DiscordSettings;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learner;
import dev.mentor.learners.LearnerData;
import dev.mentor.learners.Learners;
import dev.mentor.operations.OperationsServer;
import dev.mentor.operations.PostEndpoint;
import dev.mentor.platforms.ChatPlatform;
import dev.mentor.platforms.PlatformStartException;
import dev.mentor.platforms.ProcessedEvents;
import dev.mentor.platforms.SendBudget;
import dev.mentor.platforms.SharedSendBudget;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.reminders.ReminderComposer;
import dev.mentor.reminders.ReminderDispatcher;
import dev.mentor.reminders.ReminderScheduler;
import dev.mentor.scheduling.Scheduling;
import dev.mentor.search.FaqIndex;
import dev.mentor.search.SemanticSearch;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import dev.mentor.telegram.TelegramPlatform;
import dev.mentor.telegram.TelegramSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that builds the mentor's parts and hands them to each other. */
final class Mentor {

    private static final Logger log = LoggerFactory.getLogger(Mentor.class);
    /** Discord's global limit on a bot's REST requests (interaction responses do not count). */
    private static final int DISCORD_REQUESTS_PER_SECOND = 50;

    private final Roadmap roadmap;
    static final int CONVERSATION_THREADS = 2;
    static final int BATCH_THREADS = 1;

    private final SemanticSearch semantic;
    private final TopicSearch search;
    private final Answers answers;

    /** The knowledge and its search, for one question at a time (chat, serve). */
    Mentor() {
        this(CONVERSATION_THREADS);
    }

    /**
     * The knowledge and its search: all that answering questions needs (no database).
     *
     * @param modelThreads ONNX threads per question for the sentence model: 2 for one question at
     *                     a time, 1 when every core answers its own question (batches)
     */
    Mentor(int modelThreads) {
        long start = System.nanoTime();
        this.roadmap = new RoadmapLoader().loadBundled();
        long loaded = System.nanoTime();
        this.semantic = SemanticSearch.bundled(roadmap, modelThreads);
        this.search = new TopicSearch(roadmap, semantic);
        long indexed = System.nanoTime();
        this.answers = new Answers(roadmap, search);
        log.info("Roadmap of {} topics and {} weeks loaded in {} ms, search index built in {} ms",
                roadmap.topics().size(), roadmap.weeks().size(), (loaded - start) / 1_000_000,
                (indexed - loaded) / 1_000_000);
    }

    Roadmap roadmap() {
        return roadmap;
    }

    TopicSearch search() {
        return search;
    }

    /** The sentence model's side of search: loaded on first use, or ahead with {@code warmUp()}. */
    SemanticSearch semantic() {
        return semantic;
    }

    /**
     * Whom a process schedules reminders for: every learner of its platforms (a server), or only those a
     * predicate accepts (the console's learner). Serving everyone on PostgreSQL, the schedule is shared.
     */
    record Audience(Predicate<Learner> accepts, boolean everyone) {
        static final Audience EVERYONE = new Audience(learner -> true, true);

        static Audience only(Predicate<Learner> accepts) {
            return new Audience(accepts, false);
        }
    }

    Answers answers() {
        return answers;
    }

    /**
     * Opens the database and builds the learners' side: the conversation with every command, and
     * the reminder scheduler for the platforms given (not started).
     *
     * @param ports       how each platform served here delivers reminders
     * @param defaultZone the time zone of new learners
     */
    Journey openJourney(Settings settings, Map<String, DeliveryPort> ports, ZoneId defaultZone, Clock clock) {
        return openJourney(settings, ports, Audience.EVERYONE, defaultZone, clock);
    }

    /** As above, scheduling reminders only for the learners {@code serves} accepts. */
    Journey openJourney(Settings settings, Map<String, DeliveryPort> ports, Audience serves, ZoneId defaultZone,
            Clock clock) {
        Database database = Database.open(settings.database());
        return openJourney(database, new Communities(database), settings, ports, serves, defaultZone, clock);
    }

    /**
     * As above, on a database already open and with the communities the platforms were given (they need
     * both before the journey exists): one of each for the whole process. The journey closes the database.
     */
    Journey openJourney(Database database, Communities communities, Settings settings, Map<String, DeliveryPort> ports,
            Audience serves, ZoneId defaultZone, Clock clock) {
        try {
            Learners learners = new Learners(database);
            ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(roadmap),
                    ports, settings.reminders(), clock);
            // One scheduler for reminders and digests. Serving everyone on PostgreSQL, it is the schedule every
            // instance shares; serving some (the console's learner), it is this process's own.
            int threads = settings.reminders().threads();
            Scheduling scheduling = serves.everyone() && database.settings().isPostgres()
                    ? Scheduling.shared(database, threads, Scheduling.DEFAULT_MISFIRE_THRESHOLD)
                    : Scheduling.inMemory(threads, Scheduling.DEFAULT_MISFIRE_THRESHOLD);
            ReminderScheduler scheduler = new ReminderScheduler(database, learners, dispatcher, serves.accepts(),
                    scheduling);
            ChartRenderer charts = new ChartRenderer();
            LearnerCommands commands = new LearnerCommands(roadmap, learners, new LearnerData(database), charts, scheduler,
                    clock, defaultZone);
            FaqIndex faqIndex = new FaqIndex();
            FaqEntries faq = new FaqEntries(database, faqIndex);
            QuestionLog questions = new QuestionLog(database);
            questions.purgeOlderThan(settings.questionRetention(), clock.instant());
            Digests digests = new Digests(database, roadmap, communities, questions, faq, ports,
                    settings.reminders().grace(), clock);
            DigestScheduler digestScheduler = new DigestScheduler(communities, digests, scheduling);
            Answers communityAnswers = new Answers(roadmap, search, faqIndex, questions, clock);
            CommunityCommands admin = new CommunityCommands(roadmap, communities, faq, questions, communityAnswers,
                    learners, charts, digestScheduler, clock, defaultZone);
            return new Journey(database, learners, scheduler, digestScheduler, faqIndex, new FaqSync(faq), communities,
                    new ConversationEngine(roadmap, search, communityAnswers, commands, admin, clock),
                    List.of(database, communityAnswers, dispatcher));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Answers that also look in the communities' FAQ entries, read from the database (for {@code ask
     * --community}); nothing is logged as asked. Closing it closes the database.
     */
    FaqAnswers openFaqAnswers(Settings settings, Clock clock) {
        Database database = Database.open(settings.database());
        FaqIndex faqIndex = new FaqIndex();
        try {
            new FaqEntries(database, faqIndex);
            return new FaqAnswers(database, faqIndex, new Answers(roadmap, search, faqIndex, null, clock));
        } catch (RuntimeException e) {
            faqIndex.close();
            database.close();
            throw e;
        }
    }

    record FaqAnswers(Database database, FaqIndex faqIndex, Answers answers) implements AutoCloseable {
        @Override
        public void close() {
            faqIndex.close();
            database.close();
        }
    }

    /**
     * Everything {@code serve} runs, built and not started: the database, the platforms whose settings are
     * given, the learners' and communities' side, and the operations server (listening already, so
     * {@code /health} answers while the platforms connect). Closing it closes every part.
     */
    Serving openServing(Settings settings, ServeSettings serve, Clock clock) {
        Database database = Database.open(settings.database());
        List<ChatPlatform> platforms = new ArrayList<>();
        Journey journey;
        try {
            Communities communities = new Communities(database);
            ProcessedEvents processedEvents = new ProcessedEvents(database);
            serve.telegram().ifPresent(telegram -> platforms.add(new TelegramPlatform(telegram, processedEvents, clock,
                    sharedBudget(database, telegram))));
            serve.discord().ifPresent(discord -> platforms.add(new DiscordPlatform(discord, roadmap, communities,
                    processedEvents, sharedBudget(database, discord), settings.defaultTimeZone(), clock)));
            Map<String, DeliveryPort> ports = new LinkedHashMap<>();
            platforms.forEach(platform -> ports.put(platform.name(), platform.deliveryPort()));
            journey = openJourney(database, communities, settings, ports, Audience.EVERYONE, settings.defaultTimeZone(),
                    clock);
        } catch (RuntimeException e) {
            platforms.forEach(ChatPlatform::close);
            database.close();
            throw e;
        }
        OperationsServer operations = null;
        try {
            if (serve.http().isPresent()) {
                PrometheusMeterRegistry metrics = metrics(journey, platforms);
                operations = new OperationsServer(serve.http().get(), readinessChecks(database, journey, platforms),
                        webhooks(platforms), metrics::scrape);
                log.info("Operations: http://{}:{}/health and /ready", serve.http().get().host(), operations.port());
            }
        } catch (RuntimeException e) {
            new Serving(journey, platforms, null).close();
            throw e;
        }
        return new Serving(journey, List.copyOf(platforms), operations);
    }

    /**
     * What {@code /metrics} shows: the mentor's own counters (questions, reminders, each platform's updates
     * and refusals), learners enrolled, the connection pool, and the JVM.
     */
    private static PrometheusMeterRegistry metrics(Journey journey, List<ChatPlatform> platforms) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        journey.meters().forEach(binder -> binder.bindTo(registry));
        platforms.forEach(platform -> platform.bindTo(registry));
        Gauge.builder("mentor.learners", journey.learners(), Learners::count)
                .description("Learners enrolled")
                .strongReference(true)
                .register(registry);
        for (MeterBinder jvm : List.of(new JvmMemoryMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics())) {
            jvm.bindTo(registry);
        }
        // Listens to the JVM's collections for as long as the process runs: never closed.
        new JvmGcMetrics().bindTo(registry);
        return registry;
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
                endpoints.put(ServeSettings.TELEGRAM_WEBHOOK_PATH, (headers, body) ->
                        telegram.receiveWebhook(headers.getFirst(TelegramPlatform.SECRET_HEADER), body));
            }
        }
        return endpoints;
    }

    /** What /ready checks: the database answers, reminders fire, each platform is connected. */
    private static Map<String, BooleanSupplier> readinessChecks(Database database, Journey journey,
            List<ChatPlatform> platforms) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("database", database::answers);
        checks.put("reminders", journey.reminders()::isRunning);
        platforms.forEach(platform -> checks.put(platform.name(), platform::isServing));
        return checks;
    }

    /** What {@code serve} runs; {@code operations} is null when no HTTP port is set. */
    record Serving(Journey journey, List<ChatPlatform> platforms, OperationsServer operations) {

        /** Connects each platform, then starts reminders and digests. */
        void start() throws PlatformStartException {
            for (ChatPlatform platform : platforms) {
                platform.start(journey.conversation());
                log.info("Serving {}", platform.name());
            }
            journey.start();
        }

        /**
         * The operations server, then reminders (none goes to a closed platform), then the platforms'
         * replies in flight, then the database.
         */
        void close() {
            if (operations != null) {
                operations.close();
            }
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
    }

    /**
     * The learners' and communities' side of the mentor, open on a database; closing stops
     * reminders and digests, then the database.
     */
    record Journey(Database database, Learners learners, ReminderScheduler reminders, DigestScheduler digests,
            FaqIndex faqIndex, FaqSync faqSync, Communities communities, ConversationEngine conversation,
            List<MeterBinder> meters) implements AutoCloseable {

        /**
         * Starts reminders and digests (missed ones within the grace window go out now) and follows FAQ
         * changes made on other instances.
         */
        void start() {
            reminders.start();
            digests.start();
            faqSync.start();
        }

        @Override
        public void close() {
            faqSync.close();
            reminders.close();
            digests.close();
            faqIndex.close();
            database.close();
        }
    }
}
