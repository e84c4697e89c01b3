package dev.mentor.learners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnersTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");

    @TempDir
    Path folder;
    private Database database;
    private Learners learners;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("data/mentor.db")));
        learners = new Learners(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void createsTheDatabaseFileAndItsFolderOnFirstOpen() {
        assertThat(folder.resolve("data/mentor.db")).exists();
    }

    @Test
    void enrollingTwiceKeepsOneLearnerWithDefaultReminder() {
        Learners.Enrollment first = learners.enroll("telegram", "42", "Ada", ZoneId.of("Europe/Berlin"), NOW);
        Learners.Enrollment second = learners.enroll("telegram", "42", "Ada L.", ZoneId.of("UTC"), NOW.plusSeconds(60));

        assertThat(first.isNew()).isTrue();
        assertThat(second.isNew()).isFalse();
        assertThat(second.learner()).isEqualTo(first.learner());
        assertThat(learners.count()).isEqualTo(1);
        Learner ada = first.learner();
        assertThat(ada.currentWeek()).isEqualTo(1);
        assertThat(ada.reminderDay()).isEqualTo(Learner.DEFAULT_REMINDER_DAY);
        assertThat(ada.reminderTime()).isEqualTo(Learner.DEFAULT_REMINDER_TIME);
        assertThat(ada.reminderState()).isEqualTo(ReminderState.ON);
        assertThat(ada.startDate()).hasToString("2026-11-23");
    }

    @Test
    void theSameUserIdOnTwoPlatformsIsTwoLearners() {
        learners.enroll("telegram", "42", "Ada", ZoneId.of("UTC"), NOW);
        learners.enroll("discord", "42", "Ada", ZoneId.of("UTC"), NOW);

        assertThat(learners.count()).isEqualTo(2);
    }

    @Test
    void instantsAreStoredInUtcWhateverTheLearnersZone() {
        Learner ada = learners.enroll("console", "ada", "Ada", ZoneId.of("America/New_York"), NOW).learner();
        learners.update(ada.withSnoozedUntil(Instant.parse("2026-11-24T14:00:00Z")));

        Map<String, Object> row = database.read(h -> h.createQuery("select enrolled_at, snoozed_until from learners")
                .mapToMap().one());
        assertThat(row).containsEntry("enrolled_at", "2026-11-23T08:30:00Z")
                .containsEntry("snoozed_until", "2026-11-24T14:00:00Z");
    }

    @Test
    void aGoalTickedTwiceCountsOnce() {
        Learner ada = learners.enroll("console", "ada", "Ada", ZoneId.of("UTC"), NOW).learner();

        assertThat(learners.complete(ada.id(), "w01-map-requests", NOW)).isTrue();
        assertThat(learners.complete(ada.id(), "w01-map-requests", NOW.plusSeconds(5))).isFalse();

        assertThat(learners.completions(ada.id())).extracting(Completion::goalId).containsExactly("w01-map-requests");
        assertThat(learners.undo(ada.id(), "w01-map-requests")).isTrue();
        assertThat(learners.undo(ada.id(), "w01-map-requests")).isFalse();
        assertThat(learners.completions(ada.id())).isEmpty();
    }

    @Test
    void forgettingRemovesEveryRowOfThatLearnerAndNoOneElses() {
        Learner ada = learners.enroll("console", "ada", "Ada", ZoneId.of("UTC"), NOW).learner();
        Learner bob = learners.enroll("console", "bob", "Bob", ZoneId.of("UTC"), NOW).learner();
        for (Learner learner : List.of(ada, bob)) {
            learners.complete(learner.id(), "w01-map-requests", NOW);
            learners.complete(learner.id(), "w01-set-up-study-log", NOW);
            database.writeAll(h -> h.createUpdate("insert into reminder_deliveries (learner_id, delivery_key, due_at, "
                            + "sent_at, late) values (:id, '2026-W48', '2026-11-23T08:00:00Z', '2026-11-23T08:00:01Z', 0)")
                    .bind("id", learner.id()).execute());
        }

        assertThat(learners.forget(ada.id())).isTrue();

        for (String table : List.of("goal_completions", "reminder_deliveries")) {
            assertThat(rows(table, "learner_id", ada.id())).as(table).isZero();
            assertThat(rows(table, "learner_id", bob.id())).as(table).isEqualTo(table.equals("goal_completions") ? 2 : 1);
        }
        assertThat(rows("learners", "id", ada.id())).isZero();
        assertThat(learners.find("console", "ada")).isEmpty();
        assertThat(learners.find("console", "bob")).isPresent();
    }

    @Test
    void listsOnlyLearnersWithRemindersOnThePlatformsAsked() {
        Learner on = learners.enroll("console", "on", "On", ZoneId.of("UTC"), NOW).learner();
        Learner off = learners.enroll("console", "off", "Off", ZoneId.of("UTC"), NOW).learner();
        learners.enroll("telegram", "elsewhere", "Elsewhere", ZoneId.of("UTC"), NOW);
        learners.update(off.withReminderState(ReminderState.OFF, null));

        assertThat(withReminders(learners, List.of("console"))).extracting(Learner::id).containsExactly(on.id());
    }

    @Test
    void markupAndQuotesInNamesAreStoredAsTyped() {
        String name = "Robert'); drop table learners;-- <b>*bold*</b>";
        learners.enroll("telegram", "7", name, ZoneId.of("UTC"), NOW);

        assertThat(learners.find("telegram", "7")).get().extracting(Learner::displayName).isEqualTo(name);
        assertThat(learners.count()).isEqualTo(1);
    }

    private int rows(String table, String column, String id) {
        return database.read(h -> h.createQuery("select count(*) from " + table + " where " + column + " = :id")
                .bind("id", id).mapTo(Integer.class).one());
    }

    private Learner weekly(String user, String zone, java.time.DayOfWeek day, java.time.LocalTime time) {
        Learner learner = learners.enroll("telegram", user, user, java.time.ZoneId.of(zone), Instant.parse("2026-11-01T00:00:00Z"))
                .learner().withReminder(day, time);
        learners.update(learner);
        return learner;
    }

    @Test
    void aWeeklyWindowFindsTheLearnersDueInItInTheirOwnZones() {
        weekly("berlin", "Europe/Berlin", java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(9, 0)); // 08:00 UTC
        weekly("tokyo", "Asia/Tokyo", java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(17, 0));    // 08:00 UTC
        weekly("new-york", "America/New_York", java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(9, 0)); // 14:00 UTC
        weekly("sunday", "Asia/Tokyo", java.time.DayOfWeek.SUNDAY, java.time.LocalTime.of(17, 0));
        Learner off = weekly("off", "Europe/Berlin", java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(9, 0));
        learners.turnRemindersOff(off.id());
        List<String> found = new java.util.ArrayList<>();

        // Monday 23 November 2026, 07:30 to 08:30 UTC
        learners.forEachInWeeklyWindow(List.of("telegram"), Instant.parse("2026-11-23T07:30:00Z"),
                Instant.parse("2026-11-23T08:30:00Z"), 100, page -> page.forEach(l -> found.add(l.platformUserId())));

        assertThat(found).containsExactlyInAnyOrder("berlin", "tokyo");
    }

    @Test
    void aWeeklyWindowHandsOverEveryLearnerOnceAPageAtATime() {
        for (int i = 0; i < 250; i++) {
            weekly("user" + i, "UTC", java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(9, i % 3));
        }
        List<Integer> pages = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();

        learners.forEachInWeeklyWindow(List.of("telegram"), Instant.parse("2026-11-23T08:55:00Z"),
                Instant.parse("2026-11-23T09:05:00Z"), 100, page -> {
                    pages.add(page.size());
                    page.forEach(l -> assertThat(seen.add(l.id())).isTrue());
                });

        assertThat(pages).containsExactly(100, 100, 50);
        assertThat(seen).hasSize(250);
    }

    /** Every learner with reminders, as the scheduler reads them: a page at a time. */
    private static List<Learner> withReminders(Learners learners, List<String> platforms) {
        List<Learner> all = new java.util.ArrayList<>();
        learners.forEachWithReminders(platforms, 2, all::addAll);
        return all;
    }
}
