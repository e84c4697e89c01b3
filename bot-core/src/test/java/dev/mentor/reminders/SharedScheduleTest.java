package dev.mentor.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learner;
import dev.mentor.learners.Learners;
import dev.mentor.storage.Database;
import dev.mentor.storage.TestPostgres;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders on PostgreSQL, where the schedule is Quartz's clustered JDBC store that every instance shares:
 * the triggers are rows every instance sees, and a restarted instance finds them there. Runs against the
 * server in MENTOR_TEST_POSTGRES_URL (default: a local one), in a schema of its own; skipped when none answers.
 */
class SharedScheduleTest {

    private static final Roadmap ROADMAP = new RoadmapLoader().loadBundled();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private TestPostgres postgres;
    private final List<ReminderScheduler> runs = new ArrayList<>();
    private Database database;
    private Learners learners;

    @BeforeEach
    void createSchema() {
        postgres = TestPostgres.schemaOrSkip();
        database = Database.open(postgres.settings());
        learners = new Learners(database);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        runs.forEach(ReminderScheduler::close);
        if (database != null) {
            database.close();
            postgres.close();
        }
    }

    private ReminderScheduler start(RecordingPort port) {
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("console", port), ReminderSettings.DEFAULTS, Clock.systemUTC());
        ReminderScheduler scheduler = new ReminderScheduler(database, learners, dispatcher);
        runs.add(scheduler);
        scheduler.start();
        return scheduler;
    }

    private Learner learnerAt(String user, ZonedDateTime at) {
        Learner learner = learners.enroll("console", user, user, BERLIN, Instant.now().minus(Duration.ofDays(30))).learner()
                .withReminder(at.getDayOfWeek(), at.toLocalTime());
        learners.update(learner);
        return learner;
    }

    /** The next fire time the shared store holds for the learner's weekly trigger, as every instance reads it. */
    private Long storedNextFire(Learner learner) {
        return storedNextFire(learner, ReminderTriggers.WEEKLY);
    }

    private Long storedNextFire(Learner learner, String group) {
        return database.read(handle -> handle.createQuery("select next_fire_time from qrtz_triggers "
                        + "where sched_name = :name and trigger_name = :learner and trigger_group = :group")
                .bind("name", dev.mentor.scheduling.Scheduling.SHARED_NAME)
                .bind("learner", learner.id())
                .bind("group", group)
                .mapTo(Long.class)
                .findOne()
                .orElse(null));
    }

    @Test
    void aChangedSettingMovesTheTriggerInTheStoreEveryInstanceReads() {
        ZonedDateTime inHalfAnHour = ZonedDateTime.now(BERLIN).plusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
        Learner ada = learnerAt("ada", inHalfAnHour);
        ReminderScheduler scheduler = start(new RecordingPort());
        // Reconciled with the database in the background: the instance fires from the store meanwhile.
        RecordingPort.await("the trigger in the store", Duration.ofSeconds(20), () -> storedNextFire(ada) != null);
        assertThat(storedNextFire(ada)).isEqualTo(inHalfAnHour.toInstant().toEpochMilli());

        ZonedDateTime inFortyMinutes = inHalfAnHour.plusMinutes(10);
        Learner later = ada.withReminder(inFortyMinutes.getDayOfWeek(), inFortyMinutes.toLocalTime());
        learners.update(later);
        scheduler.learnerChanged(later);

        assertThat(storedNextFire(ada)).isEqualTo(inFortyMinutes.toInstant().toEpochMilli());
    }

    @Test
    void aRestartedInstanceFindsTheScheduleInTheStoreAndRemindsOnce() {
        // A snooze: weekly times are whole minutes, and this one is due in seconds.
        Learner ada = learnerAt("ada", ZonedDateTime.now(BERLIN).plusDays(3).truncatedTo(ChronoUnit.MINUTES));
        Instant soon = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        learners.update(ada.withSnoozedUntil(soon));
        ReminderScheduler stopped = start(new RecordingPort()); // an instance that stops before the reminder is due
        RecordingPort.await("the snooze in the store", Duration.ofSeconds(20),
                () -> storedNextFire(ada, ReminderTriggers.SNOOZE) != null);
        stopped.close();
        assertThat(storedNextFire(ada, ReminderTriggers.SNOOZE)).isEqualTo(soon.toEpochMilli());

        RecordingPort port = new RecordingPort();
        start(port);

        RecordingPort.await("the reminder", Duration.ofSeconds(20), () -> port.delivered.size() == 1);
        RecordingPort.await("the fired trigger gone from the store", Duration.ofSeconds(20),
                () -> storedNextFire(ada, ReminderTriggers.SNOOZE) == null);
        assertThat(port.deliveredTo()).containsExactly("ada");
    }

    @Test
    void remindersAndDigestsShareOneSchedulerAndItsStore() {
        ZonedDateTime inHalfAnHour = ZonedDateTime.now(BERLIN).plusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
        Learner ada = learnerAt("ada", inHalfAnHour);
        dev.mentor.communities.Communities communities = new dev.mentor.communities.Communities(database);
        communities.update(communities.findOrCreate("console", "-100", "Study group", BERLIN, Instant.now())
                .withDigest(true, "-100").withDigestTime(inHalfAnHour.getDayOfWeek(), inHalfAnHour.toLocalTime()));
        dev.mentor.scheduling.Scheduling scheduling = dev.mentor.scheduling.Scheduling.shared(database, 4,
                dev.mentor.scheduling.Scheduling.DEFAULT_MISFIRE_THRESHOLD);
        RecordingPort port = new RecordingPort();
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("console", port), ReminderSettings.DEFAULTS, Clock.systemUTC());
        ReminderScheduler reminders = new ReminderScheduler(database, learners, dispatcher, learner -> true, scheduling);
        runs.add(reminders);
        dev.mentor.communities.Digests digests = new dev.mentor.communities.Digests(database, ROADMAP, communities,
                new dev.mentor.communities.QuestionLog(database), new dev.mentor.communities.FaqEntries(database,
                new dev.mentor.search.FaqIndex()), Map.of("console", port), Duration.ofHours(24), Clock.systemUTC());
        try (dev.mentor.communities.DigestScheduler digestScheduler = new dev.mentor.communities.DigestScheduler(
                communities, digests, scheduling)) {
            reminders.start();
            digestScheduler.start();

            RecordingPort.await("the trigger in the store", Duration.ofSeconds(20), () -> storedNextFire(ada) != null);
            assertThat(storedNextFire(ada)).isEqualTo(inHalfAnHour.toInstant().toEpochMilli());
            List<String> groups = database.read(handle -> handle.createQuery("select distinct trigger_group from "
                    + "qrtz_triggers where sched_name = :name").bind("name", dev.mentor.scheduling.Scheduling.SHARED_NAME)
                    .mapTo(String.class).list());
            assertThat(groups).contains(ReminderTriggers.WEEKLY, "digest", "system");
            assertThat(reminders.isRunning()).isTrue();
        }
        assertThat(reminders.isRunning()).isFalse(); // one scheduler: closing the digests' closed it
    }
}
