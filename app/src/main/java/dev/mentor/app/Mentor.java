package dev.mentor.app;

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
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learner;
import dev.mentor.learners.Learners;
import dev.mentor.reminders.DeliveryPort;
import dev.mentor.reminders.ReminderComposer;
import dev.mentor.reminders.ReminderDispatcher;
import dev.mentor.reminders.ReminderScheduler;
import dev.mentor.scheduling.Scheduling;
import dev.mentor.search.FaqIndex;
import dev.mentor.search.SemanticSearch;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that builds the mentor's parts and hands them to each other. */
final class Mentor {

    private static final Logger log = LoggerFactory.getLogger(Mentor.class);

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

    /** Whom a server schedules reminders for: every learner of its platforms. */
    static final Predicate<Learner> EVERYONE = learner -> true;

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
        return openJourney(settings, ports, EVERYONE, defaultZone, clock);
    }

    /** As above, scheduling reminders only for the learners {@code serves} accepts. */
    Journey openJourney(Settings settings, Map<String, DeliveryPort> ports, Predicate<Learner> serves, ZoneId defaultZone,
            Clock clock) {
        Database database = Database.open(settings.database());
        return openJourney(database, new Communities(database), settings, ports, serves, defaultZone, clock);
    }

    /**
     * As above, on a database already open and with the communities the platforms were given (they need
     * both before the journey exists): one of each for the whole process. The journey closes the database.
     */
    Journey openJourney(Database database, Communities communities, Settings settings, Map<String, DeliveryPort> ports,
            Predicate<Learner> serves, ZoneId defaultZone, Clock clock) {
        try {
            Learners learners = new Learners(database);
            ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(roadmap),
                    ports, settings.reminders(), clock);
            // One scheduler for reminders and digests. Serving everyone on PostgreSQL, it is the schedule every
            // instance shares; serving some (the console's learner), it is this process's own.
            int threads = settings.reminders().threads();
            Scheduling scheduling = serves == EVERYONE && database.settings().isPostgres()
                    ? Scheduling.shared(database, threads, Scheduling.DEFAULT_MISFIRE_THRESHOLD)
                    : Scheduling.inMemory(threads, Scheduling.DEFAULT_MISFIRE_THRESHOLD);
            ReminderScheduler scheduler = new ReminderScheduler(database, learners, dispatcher, serves, scheduling);
            LearnerCommands commands = new LearnerCommands(roadmap, learners, scheduler, clock, defaultZone);
            FaqIndex faqIndex = new FaqIndex();
            FaqEntries faq = new FaqEntries(database, faqIndex);
            QuestionLog questions = new QuestionLog(database);
            questions.purgeOlderThan(settings.questionRetention(), clock.instant());
            Digests digests = new Digests(database, roadmap, communities, questions, faq, ports,
                    settings.reminders().grace(), clock);
            DigestScheduler digestScheduler = new DigestScheduler(communities, digests, scheduling);
            Answers communityAnswers = new Answers(roadmap, search, faqIndex, questions, clock);
            CommunityCommands admin = new CommunityCommands(communities, faq, questions, communityAnswers,
                    digestScheduler, clock, defaultZone);
            return new Journey(database, learners, scheduler, digestScheduler, faqIndex, new FaqSync(faq), communities,
                    new ConversationEngine(roadmap, search, communityAnswers, commands, admin, clock));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The learners' and communities' side of the mentor, open on a database; closing stops
     * reminders and digests, then the database.
     */
    record Journey(Database database, Learners learners, ReminderScheduler reminders, DigestScheduler digests,
            FaqIndex faqIndex, FaqSync faqSync, Communities communities, ConversationEngine conversation)
            implements AutoCloseable {

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
