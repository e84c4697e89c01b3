package dev.mentor.reminders;

import static dev.mentor.reminders.RecordingPort.Behaviour.ACCEPT;
import static dev.mentor.reminders.RecordingPort.Behaviour.FAIL_FOR_NOW;
import static dev.mentor.reminders.RecordingPort.Behaviour.REFUSE_FOREVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.communities.CommunityListener;
import dev.mentor.chat.Button;
import dev.mentor.conversation.ConversationEngine;
import dev.mentor.conversation.Engines;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.conversation.MovableClock;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learner;
import dev.mentor.learners.Learners;
import dev.mentor.learners.ReminderState;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Columns;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reminders through the real Quartz scheduler and a real SQLite file, delivered to a recording
 * platform. Each scheduler here is one run of the mentor; a new one on the same file is a restart.
 */
class ReminderDeliveryTest {

    private static final Roadmap ROADMAP = new RoadmapLoader().loadBundled();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;
    private Database database;
    private Learners learners;
    private final List<ReminderScheduler> runs = new ArrayList<>();

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        learners = new Learners(database);
    }

    @AfterEach
    void close() {
        runs.forEach(ReminderScheduler::close);
        database.close();
    }

    /** Starts the mentor's reminders, as a start of the process does, delivering to the port. */
    private ReminderScheduler start(RecordingPort port, ReminderSettings settings) {
        ReminderScheduler scheduler = scheduler(port, settings);
        scheduler.start();
        return scheduler;
    }

    private ReminderScheduler scheduler(RecordingPort port, ReminderSettings settings) {
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("console", port), settings, Clock.systemUTC());
        ReminderScheduler scheduler = new ReminderScheduler(database, learners, dispatcher);
        runs.add(scheduler);
        return scheduler;
    }

    /** A learner whose weekly reminder fell due {@code ago} before now, in Berlin, set that way a month ago. */
    private Learner learnerDue(String user, Duration ago) {
        ZonedDateTime due = ZonedDateTime.now(BERLIN).minus(ago).truncatedTo(ChronoUnit.MINUTES);
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
        Learner learner = learners.enroll("console", user, user, BERLIN, monthAgo).learner()
                .withReminder(due.getDayOfWeek(), due.toLocalTime());
        new Learners(database, Clock.fixed(monthAgo, BERLIN)).update(learner);
        return learner;
    }

    private int deliveryRows() {
        return database.read(h -> h.createQuery("select count(*) from reminder_deliveries").mapTo(Integer.class).one());
    }

    @Test
    void aReminderMissedDuringAShortOutageIsSentOnceMarkedLate() {
        learnerDue("ada", Duration.ofHours(1));
        RecordingPort port = new RecordingPort();

        start(port, ReminderSettings.DEFAULTS);

        RecordingPort.await("the late reminder", WAIT, () -> port.delivered.size() == 1);
        RecordingPort.Delivery delivery = port.delivered.getFirst();
        assertThat(delivery.recipient().platformUserId()).isEqualTo("ada");
        assertThat(delivery.reply().text()).contains("Week 1 reminder").contains("Sent late")
                .contains(ROADMAP.week(1).orElseThrow().goals().getFirst().text().substring(0, 20));
        assertThat(delivery.reply().buttons().stream().flatMap(List::stream).map(Button::command))
                .contains("/snooze", "/remind pause 1", "/done " + ROADMAP.week(1).orElseThrow().goals().getFirst().id());

        // A second restart finds it delivered and sends nothing more.
        RecordingPort again = new RecordingPort();
        start(again, ReminderSettings.DEFAULTS);
        assertThat(deliveryRows()).isEqualTo(1);
        assertThat(again.attempts.get()).isZero();
    }

    @Test
    void aSchedulerServingOneLearnerLeavesOthersRemindersUntouched() {
        learnerDue("ada", Duration.ofHours(1));
        learnerDue("bob", Duration.ofHours(1));
        RecordingPort port = new RecordingPort();
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("console", port), ReminderSettings.DEFAULTS, Clock.systemUTC());
        ReminderScheduler adaOnly = new ReminderScheduler(database, learners, dispatcher,
                learner -> learner.platformUserId().equals("ada"));
        runs.add(adaOnly);

        adaOnly.start();

        RecordingPort.await("ada's reminder", WAIT, () -> port.delivered.size() == 1);
        assertThat(port.deliveredTo()).containsExactly("ada");
        assertThat(adaOnly.upcoming(r -> true, 0, 0).page()).extracting(r -> r.learner().platformUserId())
                .containsExactly("ada");
        // Bob's reminder is still owed to him: the next run that serves him sends it.
        RecordingPort later = new RecordingPort();
        start(later, ReminderSettings.DEFAULTS);
        RecordingPort.await("bob's reminder", WAIT, () -> later.delivered.size() == 1);
        assertThat(later.deliveredTo()).containsExactly("bob");
    }

    @Test
    void aReminderJustMovedToEarlierTodayIsNotSentLateAfterARestart() {
        learnerDue("ada", Duration.ofHours(1));
        // Bob had another time until a moment ago, then moved his reminder to an hour ago: due next week.
        Learner bob = learners.enroll("console", "bob", "bob", BERLIN, Instant.now().minus(Duration.ofDays(30))).learner();
        ZonedDateTime hourAgo = ZonedDateTime.now(BERLIN).minusHours(1).truncatedTo(ChronoUnit.MINUTES);
        learners.update(bob.withReminder(hourAgo.getDayOfWeek(), hourAgo.toLocalTime()));
        RecordingPort port = new RecordingPort();

        ReminderScheduler.StartReport report = scheduler(port, ReminderSettings.DEFAULTS).start();

        assertThat(report.late()).isEqualTo(1);
        RecordingPort.await("ada's late reminder", WAIT, () -> port.delivered.size() == 1);
        assertThat(port.deliveredTo()).containsExactly("ada");
        assertThat(port.attemptsFor("bob")).isZero();
    }

    @Test
    void aReminderMissedDuringALongOutageIsSkipped() {
        learnerDue("ada", Duration.ofHours(30));
        learnerDue("bob", Duration.ofHours(2));
        RecordingPort port = new RecordingPort();

        start(port, ReminderSettings.DEFAULTS);

        RecordingPort.await("bob's late reminder", WAIT, () -> port.delivered.size() == 1);
        assertThat(port.deliveredTo()).containsExactly("bob");
        assertThat(port.attemptsFor("ada")).isZero();
    }

    @Test
    void afterAStopMidDispatchEveryDueReminderIsDeliveredExactlyOnce() {
        int learnerCount = 40;
        for (int i = 0; i < learnerCount; i++) {
            learnerDue("learner-" + i, Duration.ofMinutes(10));
        }
        // First run: the platform goes down after 15 deliveries; retries are far off, then the mentor stops.
        RecordingPort failing = new RecordingPort().behaving(attempt -> attempt <= 15 ? ACCEPT : FAIL_FOR_NOW);
        ReminderScheduler first = start(failing, ReminderSettings.DEFAULTS.withRetryBackoff(Duration.ofHours(1)));
        RecordingPort.await("every reminder attempted", WAIT, () -> failing.attempts.get() >= learnerCount);
        first.close();
        assertThat(failing.delivered).hasSize(15);

        // Second run on the same database: the 25 undelivered go out, the 15 delivered do not.
        RecordingPort healthy = new RecordingPort();
        start(healthy, ReminderSettings.DEFAULTS);
        RecordingPort.await("the rest delivered", WAIT, () -> healthy.delivered.size() == learnerCount - 15);

        List<String> all = new ArrayList<>(failing.deliveredTo());
        all.addAll(healthy.deliveredTo());
        assertThat(all).hasSize(learnerCount).doesNotHaveDuplicates();
        assertThat(deliveryRows()).isEqualTo(learnerCount);
    }

    @Test
    void stoppingWhileRemindersAreGoingOutLosesAndRepeatsNone() {
        int learnerCount = 30;
        for (int i = 0; i < learnerCount; i++) {
            learnerDue("learner-" + i, Duration.ofMinutes(10));
        }
        RecordingPort slow = new RecordingPort().slow(Duration.ofMillis(40));
        ReminderScheduler first = start(slow, new ReminderSettings(Duration.ofHours(24), 2, Duration.ofSeconds(30), 5));
        RecordingPort.await("a few delivered", WAIT, () -> slow.delivered.size() >= 5);

        first.close(); // waits for the deliveries in flight, starts no new ones
        int deliveredBeforeStop = slow.delivered.size();
        assertThat(deliveredBeforeStop).isLessThan(learnerCount);
        assertThat(deliveryRows()).isEqualTo(deliveredBeforeStop);

        RecordingPort next = new RecordingPort();
        start(next, ReminderSettings.DEFAULTS);
        RecordingPort.await("the rest delivered", WAIT, () -> next.delivered.size() == learnerCount - deliveredBeforeStop);
        List<String> all = new ArrayList<>(slow.deliveredTo());
        all.addAll(next.deliveredTo());
        assertThat(all).hasSize(learnerCount).doesNotHaveDuplicates();
        assertThat(deliveryRows()).isEqualTo(learnerCount);
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffUntilItGoesThrough() {
        learnerDue("ada", Duration.ofMinutes(5));
        RecordingPort flaky = new RecordingPort().behaving(attempt -> attempt <= 2 ? FAIL_FOR_NOW : ACCEPT);

        start(flaky, ReminderSettings.DEFAULTS.withRetryBackoff(Duration.ofMillis(200)));

        RecordingPort.await("delivery after retries", WAIT, () -> flaky.delivered.size() == 1);
        // The row commits just after the platform accepted the reminder: wait for it, not a race.
        RecordingPort.await("its delivery recorded", WAIT, () -> deliveryRows() == 1);
        assertThat(flaky.attempts.get()).isEqualTo(3);
    }

    @Test
    void aUserWhoBlockedTheBotHasTheirRemindersTurnedOff() {
        Learner ada = learnerDue("ada", Duration.ofMinutes(5));
        RecordingPort blocked = new RecordingPort().behaving(attempt -> REFUSE_FOREVER);

        ReminderScheduler scheduler = start(blocked, ReminderSettings.DEFAULTS.withRetryBackoff(Duration.ofMillis(100)));

        RecordingPort.await("reminders turned off", WAIT,
                () -> learners.find(ada.id()).orElseThrow().reminderState() == ReminderState.OFF);
        assertThat(blocked.attempts.get()).isEqualTo(1);
        assertThat(deliveryRows()).isZero();
        assertThat(scheduler.scheduled()).isEmpty();
    }

    @Test
    void twoInstancesRacingForTheSameReminderDeliverItOnce() throws Exception {
        Learner ada = learnerDue("ada", Duration.ofMinutes(3));
        Instant due = ReminderScheduler.previousWeekly(ada, Instant.now());
        RecordingPort port = new RecordingPort();
        ReminderDispatcher one = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("console", port), ReminderSettings.DEFAULTS, Clock.systemUTC());
        ReminderDispatcher two = new ReminderDispatcher(database, new Learners(database), new ReminderComposer(ROADMAP),
                Map.of("console", port), ReminderSettings.DEFAULTS, Clock.systemUTC());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<ReminderDispatcher.Outcome>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ReminderDispatcher dispatcher = i % 2 == 0 ? one : two;
            tasks.add(() -> dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, due));
        }
        List<ReminderDispatcher.Outcome> outcomes = new ArrayList<>();
        for (Future<ReminderDispatcher.Outcome> future : pool.invokeAll(tasks)) {
            outcomes.add(future.get());
        }
        pool.shutdown();

        assertThat(port.delivered).hasSize(1);
        assertThat(outcomes).containsOnlyOnce(ReminderDispatcher.Outcome.SENT);
        // The others found it sent, or claimed by the one sending it.
        assertThat(outcomes).filteredOn(o -> o == ReminderDispatcher.Outcome.ALREADY_SENT
                || o == ReminderDispatcher.Outcome.BEING_SENT).hasSize(15);
    }

    @Test
    void aReminderThatMisfiredIsRecordedAtItsScheduledTimeAndMarkedLate() {
        ZonedDateTime soon = ZonedDateTime.now(BERLIN).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        for (String user : List.of("ada", "bob")) {
            learners.update(learners.enroll("console", user, user, BERLIN, Instant.now().minus(Duration.ofDays(30)))
                    .learner().withReminder(soon.getDayOfWeek(), soon.toLocalTime()));
        }
        // One worker and a slow platform: the second reminder waits 1.5 s, past a misfire threshold of 1 s.
        RecordingPort slow = new RecordingPort().slow(Duration.ofMillis(1500));
        ReminderSettings settings = new ReminderSettings(Duration.ofHours(24), 1, Duration.ofSeconds(30), 5)
                .withLateAfter(Duration.ofSeconds(1));
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("console", slow), settings, Clock.systemUTC());
        ReminderScheduler scheduler = new ReminderScheduler(database, learners, dispatcher, learner -> true,
                Duration.ofSeconds(1));
        runs.add(scheduler);

        scheduler.start();

        RecordingPort.await("both reminders recorded", WAIT, () -> slow.delivered.size() == 2 && deliveryRows() == 2);
        List<String> dueTimes = database.read(h -> h.createQuery("select due_at from reminder_deliveries")
                .mapTo(String.class).list());
        assertThat(dueTimes).containsOnly(Columns.instant(soon.toInstant()));
        int lateRows = database.read(h -> h.createQuery("select sum(late) from reminder_deliveries")
                .mapTo(Integer.class).one());
        assertThat(lateRows).isEqualTo(1);
        assertThat(slow.delivered.get(1).reply().text()).contains("Sent late");
    }

    @Test
    void aWeeklyReminderFiresAtItsTimeAndThenWaitsForNextWeek() {
        ZonedDateTime soon = ZonedDateTime.now(BERLIN).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Learner ada = learners.enroll("console", "ada", "Ada", BERLIN, Instant.now().minus(Duration.ofDays(30))).learner()
                .withReminder(soon.getDayOfWeek(), soon.toLocalTime());
        learners.update(ada);
        RecordingPort port = new RecordingPort();

        ReminderScheduler scheduler = start(port, ReminderSettings.DEFAULTS);

        RecordingPort.await("the weekly reminder", WAIT, () -> port.delivered.size() == 1);
        assertThat(port.delivered.getFirst().reply().text()).contains("Week 1 reminder").doesNotContain("Sent late");
        // Next week's time is beyond the horizon: no trigger holds memory for it yet, and it is what comes next.
        RecordingPort.await("the trigger gone", WAIT, () -> scheduler.scheduled().isEmpty());
        assertThat(scheduler.upcoming(r -> true, 0, 0).page()).singleElement()
                .satisfies(r -> assertThat(r.nextFire()).isEqualTo(soon.plusWeeks(1).toInstant()));
        assertThat(deliveryRows()).isEqualTo(1);
    }

    /** A learner whose weekly reminder is days away (neither due nor missed), with reminders on. */
    private Learner learnerWithTheWeeklyDaysAway(String user) {
        Learner learner = learners.enroll("console", user, user, BERLIN, Instant.now()).learner()
                .withReminder(ZonedDateTime.now(BERLIN).plusDays(3).getDayOfWeek(), java.time.LocalTime.of(9, 0));
        learners.update(learner);
        return learner;
    }

    @Test
    void aReminderSnoozedUntilAFewSecondsFromNowComesBackThen() {
        Learner ada = learnerWithTheWeeklyDaysAway("ada");
        Instant until = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        learners.update(ada.withSnoozedUntil(until));
        RecordingPort port = new RecordingPort();

        ReminderScheduler scheduler = start(port, ReminderSettings.DEFAULTS);
        assertThat(scheduler.scheduled()).filteredOn(r -> r.kind() == ReminderKind.SNOOZED).singleElement()
                .satisfies(r -> assertThat(r.nextFire()).isEqualTo(until));

        RecordingPort.await("the snoozed reminder", WAIT, () -> port.delivered.size() == 1);
        RecordingPort.await("the snooze cleared", WAIT, () -> learners.find(ada.id()).orElseThrow().snoozed().isEmpty());
        assertThat(port.deliveredTo()).containsExactly("ada");
    }

    @Test
    void changingTheReminderMovesTheTriggerAtOnce() {
        ZonedDateTime inHalfAnHour = ZonedDateTime.now(BERLIN).plusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
        Learner ada = learners.enroll("console", "ada", "Ada", BERLIN, Instant.now()).learner()
                .withReminder(inHalfAnHour.getDayOfWeek(), inHalfAnHour.toLocalTime());
        learners.update(ada);
        ReminderScheduler scheduler = start(new RecordingPort(), ReminderSettings.DEFAULTS);
        assertThat(scheduler.scheduled()).singleElement()
                .satisfies(r -> assertThat(r.nextFire()).isEqualTo(inHalfAnHour.toInstant()));

        ZonedDateTime inFortyMinutes = inHalfAnHour.plusMinutes(10);
        Learner later = ada.withReminder(inFortyMinutes.getDayOfWeek(), inFortyMinutes.toLocalTime());
        learners.update(later);
        scheduler.learnerChanged(later);
        assertThat(scheduler.scheduled()).singleElement()
                .satisfies(r -> assertThat(r.nextFire()).isEqualTo(inFortyMinutes.toInstant()));

        // Beyond the horizon: no trigger until the horizon gets there, but listed as what comes next.
        ZonedDateTime inTwoDays = inHalfAnHour.plusDays(2);
        Learner away = later.withReminder(inTwoDays.getDayOfWeek(), inTwoDays.toLocalTime());
        learners.update(away);
        scheduler.learnerChanged(away);
        assertThat(scheduler.scheduled()).isEmpty();
        assertThat(scheduler.upcoming(r -> true, 0, 0).page()).singleElement()
                .satisfies(r -> assertThat(r.nextFire()).isEqualTo(inTwoDays.toInstant()));

        Learner off = away.withReminderState(ReminderState.OFF, null);
        learners.update(off);
        scheduler.learnerChanged(off);
        assertThat(scheduler.scheduled()).isEmpty();
        assertThat(scheduler.upcoming(r -> true, 0, 0).page()).isEmpty();
    }

    @Test
    void theHorizonAddsAReminderWhenItComesWithinAnHour() {
        ZonedDateTime inNinetyMinutes = ZonedDateTime.now(BERLIN).plusMinutes(90).truncatedTo(ChronoUnit.MINUTES);
        learners.update(learners.enroll("console", "ada", "Ada", BERLIN, Instant.now()).learner()
                .withReminder(inNinetyMinutes.getDayOfWeek(), inNinetyMinutes.toLocalTime()));
        MovableClock clock = new MovableClock(Instant.now());
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("console", new RecordingPort()), ReminderSettings.DEFAULTS, clock);
        ReminderScheduler scheduler = new ReminderScheduler(database, learners, dispatcher);
        runs.add(scheduler);

        scheduler.schedule();
        assertThat(scheduler.scheduled()).isEmpty();

        clock.advance(ReminderScheduler.HORIZON_STEP.multipliedBy(2));
        scheduler.extendHorizon();
        assertThat(scheduler.scheduled()).singleElement()
                .satisfies(r -> assertThat(r.nextFire()).isEqualTo(inNinetyMinutes.toInstant()));
    }

    @Test
    void aSnoozedReminderComesBackOnceAndClearsTheSnooze() {
        Learner ada = learnerWithTheWeeklyDaysAway("ada");
        learners.update(ada.withSnoozedUntil(Instant.now().minus(Duration.ofMinutes(30))));
        RecordingPort port = new RecordingPort();

        start(port, ReminderSettings.DEFAULTS);

        RecordingPort.await("the snoozed reminder", WAIT, () -> port.delivered.size() == 1);
        RecordingPort.await("the snooze cleared", WAIT, () -> learners.find(ada.id()).orElseThrow().snoozed().isEmpty());
        start(new RecordingPort(), ReminderSettings.DEFAULTS);
        assertThat(deliveryRows()).isEqualTo(1);
    }

    @Test
    void manyRemindersWaitOnThePlatformAtOnceWhileLearnersCommandsAreAnswered() {
        int due = 40;
        for (int i = 0; i < due; i++) {
            learnerDue("learner" + i, Duration.ofMinutes(30));
        }
        RecordingPort port = new RecordingPort().held();
        ReminderScheduler scheduler = start(port, ReminderSettings.DEFAULTS);

        // Every reminder is out at once, each waiting on a platform that has not answered yet.
        RecordingPort.await(due + " reminders in flight together", WAIT, () -> port.inFlight() == due);
        ConversationEngine engine = Engines.on(database, ROADMAP, new TopicSearch(ROADMAP), scheduler,
                CommunityListener.NONE, Clock.systemUTC(), BERLIN);
        java.util.function.Function<String, String> ada = text -> engine.handle(
                new IncomingMessage("console", null, "console", "ada", "Ada", text, false, true)).text();
        ada.apply("/start");
        String goal = ROADMAP.week(1).orElseThrow().goals().getFirst().id();
        ada.apply("/done " + goal);
        assertThat(ada.apply("/remind fri 7pm")).contains("Friday");
        Learner after = learners.find("console", "ada").orElseThrow();
        assertThat(after.reminderTime()).isEqualTo(java.time.LocalTime.of(19, 0));
        assertThat(learners.completions(after.id())).extracting(dev.mentor.learners.Completion::goalId).containsExactly(goal);
        assertThat(deliveryRows()).isEqualTo(due); // claimed, not yet sent

        port.release();
        RecordingPort.await("every reminder sent", WAIT, () -> port.delivered.size() == due
                && database.read(h -> h.createQuery("select count(*) from reminder_deliveries where state = 'sent'")
                        .mapTo(Integer.class).one()) == due);
        assertThat(port.attempts.get()).isEqualTo(due);
    }

    @Test
    void remindOffOrAPauseTakesAPendingSnoozeOutOfQuartz() {
        ReminderScheduler scheduler = start(new RecordingPort(), ReminderSettings.DEFAULTS);
        ConversationEngine engine = Engines.on(database, ROADMAP, new TopicSearch(ROADMAP), scheduler,
                CommunityListener.NONE, Clock.systemUTC(), BERLIN);
        java.util.function.Consumer<String> ada = text -> engine.handle(
                new IncomingMessage("console", null, "console", "ada", "Ada", text, false, true));
        ada.accept("/start");
        String id = learners.find("console", "ada").orElseThrow().id();

        ada.accept("/snooze");
        assertThat(scheduler.triggersOf(id)).contains(ReminderKind.SNOOZED);
        ada.accept("/remind off");
        assertThat(scheduler.triggersOf(id)).isEmpty();
        assertThat(learners.find(id).orElseThrow().snoozed()).isEmpty();

        ada.accept("/remind on");
        ada.accept("/snooze");
        assertThat(scheduler.triggersOf(id)).contains(ReminderKind.SNOOZED);
        ada.accept("/remind pause 2");
        assertThat(scheduler.triggersOf(id)).doesNotContain(ReminderKind.SNOOZED);
        assertThat(learners.find(id).orElseThrow().snoozed()).isEmpty();
    }

    /**
     * The race the delivery must win: the snooze trigger is already in Quartz when the learner's
     * {@code /remind off} or pause is written, and fires before the change reaches the scheduler.
     */
    @ParameterizedTest
    @ValueSource(strings = {"off", "paused"})
    void aSnoozeFiringAfterRemindersWentOffOrPausedIsNotSent(String state) {
        Learner ada = learnerWithTheWeeklyDaysAway("ada");
        RecordingPort port = new RecordingPort();
        ReminderScheduler scheduler = start(port, ReminderSettings.DEFAULTS);
        Learner snoozed = ada.withSnoozedUntil(Instant.now().plusSeconds(1));
        learners.update(snoozed);
        scheduler.learnerChanged(snoozed);
        assertThat(scheduler.triggersOf(ada.id())).contains(ReminderKind.SNOOZED);

        // Written behind the scheduler's back, as a concurrent command would be: the trigger stays.
        database.writeAll(h -> h.createUpdate("update learners set reminder_state = :state, paused_until = :until "
                        + "where id = :id")
                .bind("state", state)
                .bind("until", state.equals("paused") ? java.time.LocalDate.now(BERLIN).plusWeeks(2).toString() : null)
                .bind("id", ada.id())
                .execute());

        RecordingPort.await("the snooze fired and dropped", WAIT,
                () -> learners.find(ada.id()).orElseThrow().snoozed().isEmpty());
        assertThat(port.attempts.get()).isZero();
        assertThat(deliveryRows()).isZero();
    }
}
