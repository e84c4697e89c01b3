package dev.mentor.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentor.communities.Communities;
import dev.mentor.communities.Community;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learner;
import dev.mentor.learners.LearnerData;
import dev.mentor.learners.Learners;
import dev.mentor.learners.ReminderState;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.reminders.ReminderComposer;
import dev.mentor.reminders.ReminderDispatcher;
import dev.mentor.reminders.ReminderKind;
import dev.mentor.reminders.ReminderSettings;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same migrations and SQL on PostgreSQL, the store for several instances. Runs against the
 * server in MENTOR_TEST_POSTGRES_URL (default: a local one), in a schema of its own that it drops
 * afterwards; skipped, and reported as skipped, when no server answers.
 */
class PostgresPortabilityTest {


    private TestPostgres postgres;
    private Database database;

    @BeforeEach
    void createSchema() {
        postgres = TestPostgres.schemaOrSkip();
        database = Database.open(postgres.settings());
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (database != null) {
            database.close();
            postgres.close();
        }
    }

    @Test
    void learnersGoalsAndForgettingWorkTheSame() {
        Learners learners = new Learners(database);
        Learner ada = learners.enroll("discord", "1", "Ada", ZoneId.of("Europe/Berlin"), Instant.now()).learner();
        assertThat(learners.enroll("discord", "1", "Ada", ZoneId.of("UTC"), Instant.now()).isNew()).isFalse();

        assertThat(learners.complete(ada.id(), "w01-map-requests", Instant.now())).isTrue();
        assertThat(learners.complete(ada.id(), "w01-map-requests", Instant.now())).isFalse();
        assertThat(withReminders(learners, List.of("discord"))).extracting(Learner::id).containsExactly(ada.id());

        assertThat(learners.forget(ada.id())).isTrue();
        assertThat(learners.count()).isZero();
    }

    @Test
    void learnersAndCommunitiesMapBackFromTheirColumnsAsTheyWereSaved() {
        Learners learners = new Learners(database);
        Instant enrolled = Instant.parse("2026-03-02T08:15:30Z");
        Learner ada = learners.enroll("telegram", "7", "Ada", ZoneId.of("Asia/Kolkata"), enrolled).learner();
        Learner changed = ada.withReminder(DayOfWeek.FRIDAY, LocalTime.of(18, 30));
        learners.update(changed);
        assertThat(learners.find(ada.id())).contains(changed);
        assertThat(changed.enrolledAt()).isEqualTo(enrolled);

        Communities communities = new Communities(database);
        Community created = communities.findOrCreate("discord", "700", "Backend Club", ZoneId.of("America/Sao_Paulo"),
                Instant.parse("2026-03-02T08:15:30.250Z"));
        Community digest = created.withDigest(true, "channel-9");
        communities.update(digest);
        assertThat(communities.withDigest(List.of("discord"))).containsExactly(digest);
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-03-02T08:15:30Z"));
        assertThat(created.answerMentions()).isTrue();
    }

    @Test
    void aLearnersExportHoldsTheirRemindersTriggersAndEveryTableIsAccountedFor() {
        Learners learners = new Learners(database);
        Learner ada = learners.enroll("discord", "1", "Ada", ZoneId.of("UTC"), Instant.now()).learner();
        Learner bob = learners.enroll("discord", "2", "Bob", ZoneId.of("UTC"), Instant.now()).learner();
        // Triggers as the shared schedule names them: the weekly one by the learner's id, late ones "<id>/...".
        for (String name : List.of(ada.id(), ada.id() + "/snooze", bob.id())) {
            database.writeAll(h -> {
                h.createUpdate("insert into qrtz_job_details (sched_name, job_name, job_group, job_class_name, "
                                + "is_durable, is_nonconcurrent, is_update_data, requests_recovery) values ('mentor', :name, "
                                + "'weekly', 'dev.mentor.reminders.ReminderJob', false, false, false, true)")
                        .bind("name", name).execute();
                h.createUpdate("insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, "
                                + "next_fire_time, trigger_state, trigger_type, start_time) values ('mentor', :name, 'weekly', "
                                + ":name, 'weekly', 1767254400000, 'WAITING', 'SIMPLE', 1767254400000)")
                        .bind("name", name).execute();
            });
        }

        LearnerData.Export export = new LearnerData(database).export("discord", "1", Instant.now()).orElseThrow();

        assertThat(export.tables().get("qrtz_triggers")).extracting(row -> row.get("trigger_name"))
                .containsExactlyInAnyOrder(ada.id(), ada.id() + "/snooze");
        assertThat(export.json()).doesNotContain(bob.id());
        List<String> tables = database.read(h -> h.createQuery("select table_name from information_schema.tables "
                + "where table_schema = current_schema()").mapTo(String.class).list());
        assertThat(tables).allSatisfy(table -> assertThat(table.startsWith("qrtz_") || export.tables().containsKey(table)
                || LearnerData.NOT_PERSONAL.containsKey(table)).as(table).isTrue());
    }

    @Test
    void twoInstancesDeliverADueReminderOnce() throws Exception {
        Roadmap roadmap = new RoadmapLoader().loadBundled();
        Learners learners = new Learners(database);
        Learner ada = learners.enroll("discord", "1", "Ada", ZoneId.of("UTC"), Instant.now()).learner();
        AtomicInteger delivered = new AtomicInteger();
        DeliveryPort port = (recipient, reply) -> delivered.incrementAndGet();
        List<Callable<ReminderDispatcher.Outcome>> tasks = new ArrayList<>();
        Instant due = Instant.now().minusSeconds(60);
        for (int i = 0; i < 8; i++) {
            // Each dispatcher stands for one instance of the mentor sharing the database.
            ReminderDispatcher instance = new ReminderDispatcher(database, new Learners(database),
                    new ReminderComposer(roadmap), Map.of("discord", port), ReminderSettings.DEFAULTS, Clock.systemUTC());
            tasks.add(() -> instance.dispatch(ada.id(), ReminderKind.WEEKLY, due));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<ReminderDispatcher.Outcome> outcomes = new ArrayList<>();
        for (Future<ReminderDispatcher.Outcome> future : pool.invokeAll(tasks)) {
            outcomes.add(future.get());
        }
        pool.shutdown();

        assertThat(delivered).hasValue(1);
        assertThat(outcomes).containsOnlyOnce(ReminderDispatcher.Outcome.SENT);
    }

    @Test
    void remindOffDuringASlowReminderSendCommitsAtOnceAndStays() throws Exception {
        Learners learners = new Learners(database);
        Learner ada = learners.enroll("discord", "1", "Ada", ZoneId.of("UTC"), Instant.now()).learner();
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DeliveryPort slowPlatform = (recipient, reply) -> {
            delivering.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners,
                new ReminderComposer(new RoadmapLoader().loadBundled()), Map.of("discord", slowPlatform),
                ReminderSettings.DEFAULTS, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ReminderDispatcher.Outcome> sending = pool.submit(
                    () -> dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, Instant.now().minusSeconds(60)));
            assertThat(delivering.await(10, TimeUnit.SECONDS)).isTrue();

            // The send holds no transaction and no row lock: the change commits while the platform is slow.
            learners.update(ada.withReminderState(ReminderState.OFF, null));
            release.countDown();

            assertThat(sending.get(10, TimeUnit.SECONDS)).isEqualTo(ReminderDispatcher.Outcome.SENT);
            assertThat(learners.find(ada.id()).orElseThrow().reminderState()).isEqualTo(ReminderState.OFF);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** Every learner with reminders, as the scheduler reads them: a page at a time. */
    private static List<Learner> withReminders(Learners learners, List<String> platforms) {
        List<Learner> all = new java.util.ArrayList<>();
        learners.forEachWithReminders(platforms, 2, all::addAll);
        return all;
    }
}
