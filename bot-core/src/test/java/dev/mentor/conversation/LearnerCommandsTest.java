package dev.mentor.conversation;

import dev.mentor.chat.Dates;
import dev.mentor.chat.Reply;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import dev.mentor.chat.Attachment;
import dev.mentor.chat.IncomingMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.communities.CommunityListener;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.knowledge.Week;
import dev.mentor.learners.Learner;
import dev.mentor.learners.LearnerListener;
import dev.mentor.learners.Learners;
import dev.mentor.learners.ReminderState;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A learner's journey through the engine, on a real SQLite file, as typed in any chat. */
class LearnerCommandsTest {

    /** Tuesday 24 November 2026, 10:00 UTC, until a test moves it on. */
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));

    private static Roadmap roadmap;
    private static TopicSearch search;

    @TempDir
    Path folder;
    private Database database;
    private Learners learners;
    private ConversationEngine engine;
    private final List<String> scheduleChanges = new ArrayList<>();

    @BeforeAll
    static void load() {
        roadmap = new RoadmapLoader().loadBundled();
        search = new TopicSearch(roadmap);
    }

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        learners = new Learners(database);
        LearnerListener recording = new LearnerListener() {
            @Override
            public void learnerChanged(Learner learner) {
                scheduleChanges.add("changed " + learner.reminderState() + " " + learner.reminderDay() + " "
                        + learner.reminderTime() + " " + learner.zone());
            }

            @Override
            public void learnerForgotten(String learnerId) {
                scheduleChanges.add("forgotten");
            }
        };
        engine = Engines.on(database, roadmap, search, recording, CommunityListener.NONE, clock, ZoneId.of("UTC"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Reply send(String text) {
        return engine.handle(new IncomingMessage("telegram", null, "chat-7", "7", "Ada", text, false, true));
    }

    private Learner ada() {
        return learners.find("telegram", "7").orElseThrow();
    }

    /** The reply's text without its markup (bold, code, backslash escapes), as a learner reads it. */
    private String read(String text) {
        return send(text).text().replace("**", "").replace("`", "").replaceAll("\\\\(\\p{Punct})", "$1");
    }

    private static List<String> commands(Reply reply) {
        return reply.buttons().stream().flatMap(List::stream).map(Button::command).toList();
    }

    @Test
    void startEnrollsWithAMondayNineOClockReminderAndSchedulesIt() {
        Reply welcome = send("/start");

        assertThat(welcome.text()).contains("Welcome, Ada").contains("Monday at 09:00").contains("/timezone");
        Learner ada = ada();
        assertThat(ada.currentWeek()).isEqualTo(1);
        assertThat(ada.reminderDay()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(ada.reminderTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(scheduleChanges).containsExactly("changed ON MONDAY 09:00 UTC");

        assertThat(send("/start").text()).contains("Welcome back").contains("week 1");
        assertThat(learners.count()).isEqualTo(1);
    }

    @Test
    void personalCommandsAskToStartFirst() {
        for (String command : List.of("/done 1", "/undo 1", "/progress", "/next", "/goto 3", "/timezone UTC",
                "/remind off", "/snooze")) {
            Reply reply = send(command);
            assertThat(reply.text()).as(command).contains("/start");
            assertThat(commands(reply)).as(command).containsExactly("/start");
        }
        assertThat(learners.count()).isZero();
    }

    @Test
    void weekShowsTheGoalsWithTheirStateAndButtonsToTickThem() {
        send("/start");
        Week week1 = roadmap.week(1).orElseThrow();
        send("/done 2");

        Reply reply = send("/week");

        assertThat(reply.text()).contains("Week 1").contains("(your week)")
                .contains("☐ 1. ").contains("☑ 2. ").contains("1 of " + week1.goals().size() + " done");
        assertThat(commands(reply)).contains("/done " + week1.goals().get(0).id(), "/undo " + week1.goals().get(1).id());
    }

    @Test
    void aGoalDoneTwiceCountsOnce() {
        send("/start");
        Week week1 = roadmap.week(1).orElseThrow();

        assertThat(send("/done 1").text()).contains("Goal 1 done");
        assertThat(send("/done " + week1.goals().getFirst().id()).text()).contains("already done");

        assertThat(learners.completions(ada().id())).hasSize(1);
        assertThat(send("/undo 1").text()).contains("open again");
        assertThat(learners.completions(ada().id())).isEmpty();
    }

    @Test
    void aButtonFromAnEarlierWeekStillTicksThatWeeksGoal() {
        send("/start");
        String firstGoal = roadmap.week(1).orElseThrow().goals().getFirst().id();
        send("/next");

        assertThat(send("/done " + firstGoal).text()).contains("Goal 1 of week 1 done");
        assertThat(learners.completions(ada().id())).extracting(c -> c.goalId()).containsExactly(firstGoal);
    }

    @Test
    void finishingTheWeekOffersTheNextOne() {
        send("/start");
        int goals = roadmap.week(1).orElseThrow().goals().size();
        Reply last = null;
        for (int i = 1; i <= goals; i++) {
            last = send("/done " + i);
        }
        assertThat(last.text()).contains("Week complete");
        assertThat(commands(last)).contains("/next");

        assertThat(send("/next").text()).contains("week 2");
        assertThat(ada().currentWeek()).isEqualTo(2);
    }

    @Test
    void wrongGoalNumbersGetAUsageLineWithAnExample() {
        send("/start");
        int goals = roadmap.week(1).orElseThrow().goals().size();

        assertThat(send("/done").text()).startsWith("Usage:").contains("/done 1");
        assertThat(send("/done 99").text()).contains("not a goal of your week 1").contains("from 1 to " + goals);
        assertThat(send("/done <b>x</b>").text()).contains(Markup.escape("<b>x</b>")).contains("Usage:");
        assertThat(learners.completions(ada().id())).isEmpty();
    }

    @Test
    void progressShowsBarsPerStageOverallWeeksAndStreak() {
        send("/start");
        int goals = roadmap.week(1).orElseThrow().goals().size();
        for (int i = 1; i <= goals; i++) {
            send("/done " + i);
        }

        Reply reply = send("/progress");

        assertThat(reply.text()).contains("Stage 1").contains("Stage 6").contains("▓").contains("░")
                .contains("Weeks completed: 1").contains("Current streak: 1 week");
        int total = roadmap.weeks().stream().mapToInt(w -> w.goals().size()).sum();
        assertThat(reply.text()).contains("(" + goals + "/" + total + " goals)");
    }

    @Test
    void progressAttachesASmallChartOfGoalsTickedPerWeekOnceAGoalIsTicked() throws Exception {
        send("/start");
        assertThat(send("/progress").attachments()).as("nothing ticked, nothing to draw").isEmpty();
        send("/done 1");
        send("/done 2");

        Reply reply = send("/progress");

        assertThat(reply.text()).contains("▓");
        assertThat(reply.attachments()).hasSize(1);
        Attachment chart = reply.attachments().getFirst();
        assertThat(chart.mediaType()).isEqualTo(Attachment.PNG);
        assertThat(chart.fileName()).isEqualTo("progress.png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(chart.open());
        assertThat(image.getWidth()).isEqualTo(LearnerCommands.CHART_WIDTH);
        assertThat(image.getHeight()).isEqualTo(LearnerCommands.CHART_HEIGHT);
        assertThat(reply.personal()).isFalse();
    }

    @Test
    void myDataSendsEverythingStoredAsAJsonFileForTheSenderAlone() throws Exception {
        Reply before = send("/mydata");
        assertThat(before.text()).contains("nothing stored");
        assertThat(before.attachments()).isEmpty();
        send("/start");
        send("/done 1");
        engine.handle(new IncomingMessage("telegram", null, "chat-8", "8", "Bob", "/start", false, true));

        Reply reply = send("/mydata");

        assertThat(reply.personal()).isTrue();
        assertThat(read("/mydata")).contains("1 ticked goal").contains("0 reminders").contains("/forget");
        assertThat(reply.attachments()).hasSize(1);
        Attachment file = reply.attachments().getFirst();
        assertThat(file.fileName()).isEqualTo("mentor-data.json");
        assertThat(file.mediaType()).isEqualTo(Attachment.JSON);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.content());
        assertThat(json.path("tables").path("learners")).hasSize(1);
        assertThat(json.path("tables").path("learners").path(0).path("platform_user_id").asText()).isEqualTo("7");
        assertThat(json.path("tables").path("goal_completions")).hasSize(1);
        assertThat(json.toString()).doesNotContain("Bob");
    }

    @Test
    void oneGoalDoneOfTheWholeRoadmapShowsASliverNotZero() {
        send("/start");
        int total = roadmap.weeks().stream().mapToInt(w -> w.goals().size()).sum();

        assertThat(send("/progress").text()).contains("**Overall**: ░░░░░░░░░░ 0% (0/" + total + " goals)");
        send("/done 1");

        assertThat(send("/progress").text()).contains("**Overall**: ▓░░░░░░░░░ <1% (1/" + total + " goals)");
    }

    @Test
    void aLearnerInEtcUtcReadsUtc() {
        ConversationEngine etcUtc = Engines.on(database, roadmap, search, LearnerListener.NONE, CommunityListener.NONE,
                clock, ZoneId.of("Etc/UTC"));
        java.util.function.Function<String, String> ask = text -> etcUtc.handle(
                new IncomingMessage("console", null, "console", "ada", "Ada", text, false, true)).text();

        assertThat(ask.apply("/start")).contains("every Monday at 09:00 (UTC)").doesNotContain("Etc");
        assertThat(ask.apply("/remind")).contains("every Monday at 09:00 (UTC)").doesNotContain("Etc");
        assertThat(ask.apply("/timezone")).contains("Your time zone is **UTC**");
        assertThat(ask.apply("/snooze")).contains("(UTC)").doesNotContain("Etc");
    }

    @Test
    void gotoMovesToAnyWeekAndRefusesWeeksOutsideThePlan() {
        send("/start");

        assertThat(send("/goto 12").text()).contains("week 12");
        assertThat(ada().currentWeek()).isEqualTo(12);
        assertThat(send("/goto 27").text()).contains("There is no week 27").contains("/goto 5");
        assertThat(send("/goto twelve").text()).contains("not a week number");
        send("/goto 26");
        assertThat(send("/next").text()).contains("last week");
        assertThat(ada().currentWeek()).isEqualTo(26);
    }

    @Test
    void timezoneAcceptsIanaIdsInAnyCaseAndCityNames() {
        send("/start");

        assertThat(send("/timezone europe/berlin").text()).contains(Markup.escape("Europe/Berlin"));
        assertThat(ada().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        send("/timezone new york");
        assertThat(ada().zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(scheduleChanges).last().asString().endsWith("America/New_York");
    }

    @Test
    void anUnknownTimezoneGetsSuggestionsAndChangesNothing() {
        send("/start");

        Reply reply = send("/timezone Europe/Berln");

        assertThat(reply.text()).contains("don't know the time zone").contains("Europe/Berlin");
        assertThat(commands(reply)).contains("/timezone Europe/Berlin");
        assertThat(send("/timezone Mars/Olympus_Mons").text()).contains("don't know").contains("Usage:");
        assertThat(send("/timezone UTC+25").text()).contains("don't know");
        assertThat(ada().zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void remindSetsDayAndTimeSwitchesOffAndPauses() {
        send("/start");

        assertThat(send("/remind fri 18:30").text()).contains("every Friday at 18:30");
        assertThat(ada().reminderDay()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(ada().reminderTime()).isEqualTo(LocalTime.of(18, 30));

        assertThat(send("/remind pause 2").text()).contains("paused until Tue 8 Dec");
        assertThat(ada().reminderState()).isEqualTo(ReminderState.PAUSED);
        assertThat(ada().pausedUntil()).isEqualTo(LocalDate.parse("2026-12-08"));

        send("/remind off");
        assertThat(ada().reminderState()).isEqualTo(ReminderState.OFF);
        send("/remind on");
        assertThat(ada().reminderState()).isEqualTo(ReminderState.ON);
        assertThat(scheduleChanges).contains("changed OFF FRIDAY 18:30 UTC", "changed ON FRIDAY 18:30 UTC");
    }

    @Test
    void wrongReminderArgumentsGetUsageAndChangeNothing() {
        send("/start");
        int changesBefore = scheduleChanges.size();

        assertThat(send("/remind someday 09:00").text()).contains("not a day of the week").contains("/remind monday 09:00");
        assertThat(send("/remind monday 25:00").text()).contains("not a time");
        assertThat(send("/remind at").text()).contains("Give a day, a time, or both");
        assertThat(send("/remind pause 0").text()).contains("1 to 26 weeks");
        assertThat(send("/remind pause many").text()).contains("1 to 26 weeks");
        assertThat(send("/remind").text()).contains("every Monday at 09:00").contains("Usage:");

        assertThat(ada().reminderDay()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(ada().reminderState()).isEqualTo(ReminderState.ON);
        assertThat(scheduleChanges).hasSize(changesBefore);
    }

    @Test
    void snoozeRemindsAgainTomorrowAtTheReminderTimeInTheLearnersZone() {
        send("/start");
        send("/timezone Asia/Tokyo");

        assertThat(send("/snooze").text()).contains("tomorrow").contains("Wed 25 Nov, 09:00");

        assertThat(ada().snoozedUntil()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    }

    @Test
    void snoozeWithRemindersOffOrPausedSaysSoAndSnoozesNothing() {
        send("/start");
        send("/remind off");
        int changesBefore = scheduleChanges.size();

        Reply off = send("/snooze");
        assertThat(off.text()).contains("reminders are off").contains("nothing to snooze").contains("/remind on");
        assertThat(commands(off)).containsExactly("/remind on");
        assertThat(scheduleChanges).hasSize(changesBefore);

        send("/remind pause 2");
        changesBefore = scheduleChanges.size();
        Reply paused = send("/snooze");
        assertThat(paused.text()).contains("paused until 2026-12-08").contains("nothing to snooze");
        assertThat(commands(paused)).containsExactly("/remind on");
        assertThat(scheduleChanges).hasSize(changesBefore);
        assertThat(ada().snoozed()).isEmpty();
    }

    @Test
    void remindOffOrPauseDropsASnoozedReminder() {
        send("/start");
        send("/snooze");
        assertThat(ada().snoozed()).isPresent();

        send("/remind off");
        assertThat(ada().snoozed()).isEmpty();
        send("/remind on");
        send("/snooze");
        send("/remind pause 1");
        assertThat(ada().snoozed()).isEmpty();
    }

    @Test
    void forgetAsksForConfirmationThenDeletesEverything() {
        send("/start");
        send("/done 1");

        Reply ask = send("/forget");
        assertThat(ask.text()).contains("can't be undone");
        assertThat(commands(ask)).containsExactly("/forget confirm");
        assertThat(learners.count()).isEqualTo(1);

        assertThat(send("/forget confirm").text()).contains("deleted");
        assertThat(learners.count()).isZero();
        int completions = database.read(h -> h.createQuery("select count(*) from goal_completions").mapTo(Integer.class).one());
        assertThat(completions).isZero();
        assertThat(scheduleChanges).last().isEqualTo("forgotten");
        assertThat(send("/forget").text()).contains("nothing stored");
    }

    @Test
    void forgetConfirmAloneDeletesNothingAndPointsToForget() {
        send("/start");

        Reply alone = send("/forget confirm");

        assertThat(alone.text()).contains("Nothing is deleted").contains("first send");
        assertThat(commands(alone)).containsExactly("/forget");
        assertThat(learners.count()).isEqualTo(1);
        assertThat(scheduleChanges).doesNotContain("forgotten");
    }

    @Test
    void forgetConfirmDeletesOnlyWithinFiveMinutesOfForget() {
        send("/start");

        send("/forget");
        clock.advance(LearnerCommands.FORGET_CONFIRM_WINDOW.plusSeconds(1));
        assertThat(send("/forget confirm").text()).contains("Nothing is deleted");
        assertThat(learners.count()).isEqualTo(1);

        send("/forget");
        clock.advance(LearnerCommands.FORGET_CONFIRM_WINDOW.minusSeconds(1));
        assertThat(send("/forget confirm").text()).contains("deleted");
        assertThat(learners.count()).isZero();
    }

    @Test
    void forgetConfirmSentTwiceDeletesOnceThenFindsNothingStored() {
        send("/start");
        send("/forget");

        assertThat(send("/forget confirm").text()).contains("everything I stored about you is deleted");
        assertThat(send("/forget confirm").text()).contains("nothing stored");
        assertThat(scheduleChanges).filteredOn("forgotten"::equals).hasSize(1);
    }

    @Test
    void aForgetOfOneLearnerDoesNotConfirmAnothers() {
        send("/start");
        engine.handle(new IncomingMessage("telegram", null, "chat-8", "8", "Bob", "/start", false, true));
        send("/forget");

        Reply bob = engine.handle(new IncomingMessage("telegram", null, "chat-8", "8", "Bob", "/forget confirm", false, true));

        assertThat(bob.text()).contains("Nothing is deleted");
        assertThat(learners.count()).isEqualTo(2);
    }

    @Test
    void everyButtonCommandFitsInTelegramsCallbackData() {
        send("/start");
        for (int week = 1; week <= roadmap.weeks().size(); week++) {
            send("/goto " + week);
            assertThat(commands(send("/week"))).allSatisfy(command ->
                    assertThat(command.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                            .isLessThanOrEqualTo(Button.MAX_COMMAND_BYTES));
        }
    }

    @ParameterizedTest(name = "/remind {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Monday 9am          | MONDAY    | 09:00
            mon 09:00           | MONDAY    | 09:00
            sun 7pm             | SUNDAY    | 19:00
            tues 8              | TUESDAY   | 08:00
            THURS 8:15AM        | THURSDAY  | 08:15
            Wednesday 7:05 pm   | WEDNESDAY | 19:05
            fri 7:05pm          | FRIDAY    | 19:05
            sat 12am            | SATURDAY  | 00:00
            sun 12pm            | SUNDAY    | 12:00
            thu noon            | THURSDAY  | 12:00
            friday midnight     | FRIDAY    | 00:00
            friday 18:30        | FRIDAY    | 18:30
            every tuesday at 6 p.m. | TUESDAY | 18:00
            mondays 7am         | MONDAY    | 07:00
            """)
    void remindReadsDaysAndTimesAsPeopleTypeThem(String typed, DayOfWeek day, LocalTime time) {
        send("/start");

        assertThat(read("/remind " + typed)).contains("every " + Dates.dayName(day) + " at " + Dates.time(time));

        assertThat(ada().reminderDay()).isEqualTo(day);
        assertThat(ada().reminderTime()).isEqualTo(time);
    }

    @Test
    void aTimeAloneKeepsTheDayAndADayAloneKeepsTheTime() {
        send("/start");
        send("/remind fri 18:30");

        assertThat(read("/remind 21:30")).contains("every Friday at 21:30");
        assertThat(read("/remind 9am")).contains("every Friday at 09:00");
        assertThat(read("/remind noon")).contains("every Friday at 12:00");
        assertThat(read("/remind tues")).contains("every Tuesday at 12:00");
        assertThat(read("/remind Sunday")).contains("every Sunday at 12:00");
        assertThat(ada().reminderDay()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(ada().reminderTime()).isEqualTo(LocalTime.NOON);
    }

    @Test
    void askingForMoreThanOneReminderAWeekGetsAKindReplyWithTheClosestCommand() {
        send("/start");
        int changesBefore = scheduleChanges.size();

        Reply weekdays = send("/remind weekdays at 7pm");
        assertThat(weekdays.text()).contains("one reminder a week");
        assertThat(weekdays.buttons()).flatExtracting(row -> row)
                .containsExactly(new Button("Monday 19:00", "/remind mon 19:00"));
        assertThat(commands(send("/remind every day at 9"))).containsExactly("/remind mon 09:00");
        assertThat(commands(send("/remind mon and thu 9am"))).containsExactly("/remind mon 09:00", "/remind thu 09:00");
        assertThat(commands(send("/remind mon-fri 8am"))).containsExactly("/remind mon 08:00", "/remind fri 08:00");
        assertThat(commands(send("/remind weekends 10am"))).containsExactly("/remind sat 10:00");
        assertThat(scheduleChanges).hasSize(changesBefore);

        assertThat(read("/remind mon 19:00")).contains("every Monday at 19:00");
    }

    @Test
    void wrongTimesAndDaysSayWhatIsWrongWithAnExample() {
        send("/start");
        int changesBefore = scheduleChanges.size();

        assertThat(read("/remind mon 25:00")).contains("25:00 is not a time: hours go from 0 to 23")
                .contains("/remind monday 09:00");
        assertThat(read("/remind 9pmm")).contains("9pmm is not a time I can read").contains("9am").contains("7:05pm");
        assertThat(read("/remind funday 9am")).contains("funday is not a day of the week").contains("mon");
        assertThat(read("/remind fri 13pm")).contains("13pm is not a time: with am or pm the hour goes from 1 to 12")
                .contains("1pm").contains("13:00");
        assertThat(read("/remind mon 9:75")).contains("minutes go from 00 to 59");

        assertThat(ada().reminderDay()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(ada().reminderTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(scheduleChanges).hasSize(changesBefore);
    }

    @Test
    void everyReplyThatChangesTheReminderSaysWhenTheNextOneComes() {
        // The clock says Tuesday 24 November 2026, 10:00 UTC.
        assertThat(read("/start")).contains("Next reminder: Mon 30 Nov, 09:00 (UTC).");
        assertThat(read("/remind fri 18:30")).contains("Next reminder: Fri 27 Nov, 18:30 (UTC).");
        assertThat(read("/remind pause 2")).contains("Next reminder: Fri 11 Dec, 18:30 (UTC).");
        assertThat(read("/remind on")).contains("Next reminder: Fri 27 Nov, 18:30 (UTC).");
        assertThat(read("/timezone Asia/Tokyo")).contains("Next reminder: Fri 27 Nov, 18:30 (Asia/Tokyo).");
        assertThat(read("/remind")).contains("Next reminder: Fri 27 Nov, 18:30 (Asia/Tokyo).");
        assertThat(read("/remind off")).contains("is off").doesNotContain("Next reminder");
    }

    @Test
    void aReminderAlreadySentThisWeekMakesTheNextOneComeNextWeek() {
        send("/start");
        database.write(handle -> handle.createUpdate("insert into reminder_deliveries (learner_id, delivery_key, due_at, "
                        + "sent_at, late) values (:id, '2026-W48', '2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z', 0)")
                .bind("id", ada().id()).execute());

        assertThat(read("/remind fri 18:30")).contains("Next reminder: Fri 4 Dec, 18:30 (UTC).");
    }

    @Test
    void settingAZoneShowsTheLocalTimeNowThereAndTheNextReminder() {
        send("/start");

        assertThat(read("/timezone Berlin")).contains("Your time zone is now Europe/Berlin.")
                .contains("It's 11:00 on Tue 24 Nov there.")
                .contains("every Monday at 09:00 (Europe/Berlin)")
                .contains("Next reminder: Mon 30 Nov, 09:00 (Europe/Berlin).");
        assertThat(read("/timezone Asia/Kolkata")).contains("It's 15:30 on Tue 24 Nov there.");
        assertThat(read("/timezone Auckland")).contains("It's 23:00 on Tue 24 Nov there.");
        assertThat(read("/timezone Honolulu")).contains("It's 00:00 on Tue 24 Nov there.");
        assertThat(read("/timezone")).contains("Your time zone is Pacific/Honolulu.").contains("It's 00:00 on Tue 24 Nov");
    }

    @Test
    void utcIsShownAsUtcHoweverItWasSpelled() {
        send("/start");

        assertThat(read("/timezone Etc/UTC")).contains("Your time zone is now UTC.").contains("(UTC)")
                .doesNotContain("Etc");
        assertThat(read("/timezone gmt")).contains("(UTC)").doesNotContain("Etc");
        assertThat(read("/timezone UTC+0")).contains("(UTC)");
        assertThat(ada().zone().normalized()).isEqualTo(ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "/timezone {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Beijing        | Asia/Shanghai
            mumbai         | Asia/Kolkata
            San Francisco  | America/Los_Angeles
            São Paulo      | America/Sao_Paulo
            sao paulo      | America/Sao_Paulo
            Munich         | Europe/Berlin
            TOKYO          | Asia/Tokyo
            Mexico City    | America/Mexico_City
            Germany        | Europe/Berlin
            asia/calcutta  | Asia/Kolkata
            JST            | Asia/Tokyo
            pst            | America/Los_Angeles
            CET            | Europe/Berlin
            UTC+2          | UTC+02:00
            GMT+5:30       | UTC+05:30
            -0800          | UTC-08:00
            """)
    void timezoneTakesCitiesCountriesAbbreviationsAndOffsets(String typed, String zone) {
        send("/start");

        assertThat(read("/timezone " + typed)).contains("Your time zone is now " + zone + ".");

        assertThat(ada().zone()).isEqualTo(ZoneId.of(zone));
        assertThat(scheduleChanges).last().asString().endsWith(zone);
    }

    @Test
    void aRegionsAbbreviationSetsTheRegionsZoneAndSaysItFollowsDaylightSaving() {
        send("/start");

        assertThat(read("/timezone PST")).contains("America/Los_Angeles").contains("Pacific Time")
                .contains("rather than a fixed offset").contains("daylight saving");
        assertThat(read("/timezone UTC-8")).contains("fixed offset").contains("doesn't follow daylight saving");
    }

    @Test
    void anAmbiguousAbbreviationAsksWithAButtonPerZoneAndChangesNothing() {
        send("/start");
        int changesBefore = scheduleChanges.size();

        Reply ist = send("/timezone IST");
        assertThat(ist.text()).contains("Which one is yours?");
        assertThat(commands(ist)).containsExactly("/timezone Asia/Kolkata", "/timezone Asia/Jerusalem",
                "/timezone Europe/Dublin");
        assertThat(ist.buttons()).flatExtracting(row -> row).extracting(Button::label)
                .contains("India Standard Time (Asia/Kolkata)");
        assertThat(commands(send("/timezone cst"))).containsExactly("/timezone America/Chicago", "/timezone Asia/Shanghai");
        assertThat(commands(send("/timezone BST"))).containsExactly("/timezone Europe/London", "/timezone Asia/Dhaka");
        assertThat(ada().zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(scheduleChanges).hasSize(changesBefore);

        send(commands(ist).getFirst());
        assertThat(ada().zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    }

    @Test
    void aCountryWithSeveralZonesAsksWhichOne() {
        send("/start");

        assertThat(commands(send("/timezone USA"))).contains("/timezone America/New_York", "/timezone America/Chicago",
                "/timezone America/Denver", "/timezone America/Los_Angeles");
        assertThat(ada().zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void nearMissesGetSuggestionsButCitiesThatLookLikeOtherZonesResolve() {
        send("/start");

        Reply typo = send("/timezone Bejing");
        assertThat(typo.text()).contains("don't know the time zone").contains("Beijing");
        assertThat(commands(typo).getFirst()).isEqualTo("/timezone Asia/Shanghai");
        assertThat(commands(send("/timezone Mumbay")).getFirst()).isEqualTo("/timezone Asia/Kolkata");

        assertThat(read("/timezone beijing")).doesNotContain("Berlin");
        assertThat(ada().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(read("/timezone mumbai")).doesNotContain("Dubai");
        assertThat(ada().zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(read("/timezone san francisco")).doesNotContain("San_Marino");
        assertThat(ada().zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    }
}
