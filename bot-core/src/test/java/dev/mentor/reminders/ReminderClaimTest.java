package dev.mentor.reminders;

import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.DeliveryException;
import static dev.mentor.reminders.RecordingPort.Behaviour.FAIL_FOR_NOW;
import static dev.mentor.reminders.RecordingPort.Behaviour.REFUSE_FOREVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentor.conversation.MovableClock;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learner;
import dev.mentor.learners.Learners;
import dev.mentor.learners.ReminderState;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claim, then send, then record: each dispatcher here is one instance of the mentor on a shared SQLite
 * file, with a clock the test moves to let claims' leases run out.
 */
class ReminderClaimTest {

    private static final Roadmap ROADMAP = new RoadmapLoader().loadBundled();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration LEASE = ReminderSettings.DEFAULTS.claimLease();

    @TempDir
    Path folder;
    private Database database;
    private Learners learners;
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private Learner ada;
    private Instant due;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        learners = new Learners(database, clock);
        ZonedDateTime local = clock.instant().minus(Duration.ofMinutes(1)).atZone(BERLIN).truncatedTo(ChronoUnit.MINUTES);
        Instant monthAgo = clock.instant().minus(Duration.ofDays(30));
        ada = learners.enroll("console", "ada", "Ada", BERLIN, monthAgo).learner()
                .withReminder(local.getDayOfWeek(), local.toLocalTime());
        new Learners(database, Clock.fixed(monthAgo, BERLIN)).update(ada);
        due = local.toInstant();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private ReminderDispatcher instance(DeliveryPort port) {
        return new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP), Map.of("console", port),
                ReminderSettings.DEFAULTS, clock);
    }

    /** A platform that takes the reminder, then the process dies before the delivery is recorded. */
    private static DeliveryPort dyingAfterTheSend(RecordingPort platform) {
        return (recipient, reply) -> {
            platform.deliver(recipient, reply);
            throw new IllegalStateException("killed between the send and its record");
        };
    }

    private String state() {
        return database.read(h -> h.createQuery("select state from reminder_deliveries").mapTo(String.class).one());
    }

    private int rows() {
        return database.read(h -> h.createQuery("select count(*) from reminder_deliveries").mapTo(Integer.class).one());
    }

    @Test
    void aClaimWhoseOwnerDiedMidSendIsTakenOverOnceItsLeaseRanOutMarkedLateAndCounted() {
        RecordingPort platform = new RecordingPort();
        ReminderDispatcher died = instance(dyingAfterTheSend(platform));
        assertThatThrownBy(() -> died.dispatch(ada.id(), ReminderKind.WEEKLY, due)).hasMessageContaining("killed");
        assertThat(state()).isEqualTo("sending");

        ReminderDispatcher survivor = instance(platform);
        assertThat(survivor.dispatch(ada.id(), ReminderKind.WEEKLY, due)).isEqualTo(ReminderDispatcher.Outcome.BEING_SENT);
        assertThat(platform.delivered).hasSize(1);

        clock.advance(LEASE.plusSeconds(1));
        assertThat(survivor.dispatch(ada.id(), ReminderKind.WEEKLY, due)).isEqualTo(ReminderDispatcher.Outcome.SENT);

        // At most a duplicate, and it says so: sent late, counted, recorded as late.
        assertThat(platform.delivered).hasSize(2);
        assertThat(platform.delivered.get(1).reply().text()).contains("Sent late");
        assertThat(survivor.possibleDuplicates()).isEqualTo(1);
        assertThat(state()).isEqualTo("sent");
        int late = database.read(h -> h.createQuery("select late from reminder_deliveries").mapTo(Integer.class).one());
        assertThat(late).isEqualTo(1);
        assertThat(survivor.dispatch(ada.id(), ReminderKind.WEEKLY, due)).isEqualTo(ReminderDispatcher.Outcome.ALREADY_SENT);
        assertThat(platform.delivered).hasSize(2);
    }

    @Test
    void eachAttemptIsCountedByOutcomeWithItsLagAndSuspectedDuplicatesForOperators() {
        RecordingPort platform = new RecordingPort();
        ReminderDispatcher died = instance(dyingAfterTheSend(platform));
        assertThatThrownBy(() -> died.dispatch(ada.id(), ReminderKind.WEEKLY, due)).hasMessageContaining("killed");
        ReminderDispatcher survivor = instance(platform);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        survivor.bindTo(registry);

        survivor.dispatch(ada.id(), ReminderKind.WEEKLY, due);
        clock.advance(LEASE.plusSeconds(1));
        survivor.dispatch(ada.id(), ReminderKind.WEEKLY, due);
        survivor.dispatch(ada.id(), ReminderKind.WEEKLY, due);
        survivor.dispatch(ada.id(), ReminderKind.WEEKLY, due.minus(Duration.ofDays(7)));

        assertThat(registry.get("mentor.reminders").tag("outcome", "being_sent").counter().count()).isEqualTo(1);
        assertThat(registry.get("mentor.reminders").tag("outcome", "sent").counter().count()).isEqualTo(1);
        assertThat(registry.get("mentor.reminders").tag("outcome", "already_sent").counter().count()).isEqualTo(1);
        assertThat(registry.get("mentor.reminders").tag("outcome", "too_late").counter().count()).isEqualTo(1);
        assertThat(registry.get("mentor.reminders.duplicate.suspected").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("mentor.reminders.late").counter().count()).isEqualTo(1);
        Timer lag = registry.get("mentor.reminders.delivery.lag").timer();
        assertThat(lag.count()).isEqualTo(1);
        assertThat(lag.totalTime(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(LEASE.toSeconds());
    }

    @Test
    void aReminderSentFarPastItsTimeCountsAsBehindAndWarnsOnce() {
        RecordingPort platform = new RecordingPort();
        ReminderDispatcher dispatcher = instance(platform);

        clock.advance(DeliveryLag.WARN_AFTER); // due a minute before the test's start: now 6 minutes late
        assertThat(dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, due)).isEqualTo(ReminderDispatcher.Outcome.SENT);
        assertThat(dispatcher.lag().behind()).isEqualTo(1);
        assertThat(dispatcher.lag().warnings()).isEqualTo(1);
        assertThat(dispatcher.lag().worst()).isGreaterThan(DeliveryLag.WARN_AFTER);
    }

    @Test
    void aPossiblySentReminderIsRecordedUncertainAndNotRetried() {
        RecordingPort platform = new RecordingPort();
        ReminderDispatcher dispatcher = instance((recipient, reply) -> {
            platform.deliver(recipient, reply);
            throw DeliveryException.possiblySent("no answer in time", null);
        });

        assertThat(dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, due))
                .isEqualTo(ReminderDispatcher.Outcome.POSSIBLY_SENT);
        assertThat(dispatcher.possiblySent()).isEqualTo(1);
        assertThat(state()).isEqualTo("sent");
        assertThat(dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, due))
                .isEqualTo(ReminderDispatcher.Outcome.ALREADY_SENT);
        assertThat(platform.delivered).hasSize(1);
    }

    @Test
    void aReminderWhoseTwoClaimsBothExpiredIsNotSentAThirdTime() {
        RecordingPort platform = new RecordingPort();
        assertThatThrownBy(() -> instance(dyingAfterTheSend(platform)).dispatch(ada.id(), ReminderKind.WEEKLY, due));
        clock.advance(LEASE.plusSeconds(1));
        assertThatThrownBy(() -> instance(dyingAfterTheSend(platform)).dispatch(ada.id(), ReminderKind.WEEKLY, due));
        clock.advance(LEASE.plusSeconds(1));

        assertThat(instance(platform).dispatch(ada.id(), ReminderKind.WEEKLY, due))
                .isEqualTo(ReminderDispatcher.Outcome.ALREADY_SENT);
        assertThat(platform.delivered).hasSize(2);
    }

    @Test
    void aTransientFailureReleasesTheClaimSoTheRetrySendsIt() {
        RecordingPort flaky = new RecordingPort().behaving(attempt -> attempt == 1 ? FAIL_FOR_NOW : RecordingPort.Behaviour.ACCEPT);
        ReminderDispatcher dispatcher = instance(flaky);

        assertThat(dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, due)).isEqualTo(ReminderDispatcher.Outcome.RETRY);
        assertThat(rows()).isZero();

        assertThat(dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, due)).isEqualTo(ReminderDispatcher.Outcome.SENT);
        assertThat(flaky.delivered).hasSize(1);
        assertThat(state()).isEqualTo("sent");
        assertThat(dispatcher.possibleDuplicates()).isZero();
    }

    @Test
    void aPermanentFailureReleasesTheClaimAndTurnsRemindersOff() {
        RecordingPort blocked = new RecordingPort().behaving(attempt -> REFUSE_FOREVER);

        assertThat(instance(blocked).dispatch(ada.id(), ReminderKind.WEEKLY, due))
                .isEqualTo(ReminderDispatcher.Outcome.TURNED_OFF);

        assertThat(rows()).isZero();
        assertThat(learners.find(ada.id()).orElseThrow().reminderState()).isEqualTo(ReminderState.OFF);
    }

    @Test
    void aSlowSendHoldsNoTransactionSoCommandsCommitMeanwhile() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        RecordingPort platform = new RecordingPort();
        DeliveryPort slowPlatform = (recipient, reply) -> {
            sending.countDown();
            try {
                answer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            platform.deliver(recipient, reply);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ReminderDispatcher.Outcome> reminder = pool.submit(
                    () -> instance(slowPlatform).dispatch(ada.id(), ReminderKind.WEEKLY, due));
            assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

            // The learner's /done and /remind off commit while the platform still holds the reminder.
            String goal = ROADMAP.week(1).orElseThrow().goals().getFirst().id();
            assertThat(pool.submit(() -> learners.complete(ada.id(), goal, clock.instant())).get(5, TimeUnit.SECONDS))
                    .isTrue();
            pool.submit(() -> learners.update(ada.withReminderState(ReminderState.OFF, null))).get(5, TimeUnit.SECONDS);
            answer.countDown();

            assertThat(reminder.get(10, TimeUnit.SECONDS)).isEqualTo(ReminderDispatcher.Outcome.SENT);
            assertThat(state()).isEqualTo("sent");
            // Recording the send does not undo the change made meanwhile.
            assertThat(learners.find(ada.id()).orElseThrow().reminderState()).isEqualTo(ReminderState.OFF);
        } finally {
            answer.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aRestartSendsAReminderWhoseSendWasCutShortOnceMarkedLate() {
        RecordingPort platform = new RecordingPort();
        ReminderSettings shortLease = ReminderSettings.DEFAULTS.withClaimLease(Duration.ofMillis(300));
        ReminderDispatcher died = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("console", dyingAfterTheSend(platform)), shortLease, Clock.systemUTC());
        Instant realDue = ReminderScheduler.previousWeekly(ada, Instant.now());
        assertThatThrownBy(() -> died.dispatch(ada.id(), ReminderKind.WEEKLY, realDue));

        ReminderDispatcher restarted = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("console", platform), shortLease, Clock.systemUTC());
        try (ReminderScheduler scheduler = new ReminderScheduler(database, learners, restarted)) {
            scheduler.start();
            RecordingPort.await("the reminder sent again", Duration.ofSeconds(20),
                    () -> platform.delivered.size() == 2 && "sent".equals(state()));
        }
        assertThat(platform.delivered.get(1).reply().text()).contains("Sent late");
        assertThat(restarted.possibleDuplicates()).isEqualTo(1);
        assertThat(List.of(rows())).containsExactly(1);
    }
}
