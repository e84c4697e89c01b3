package dev.mentor.learners;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.communities.QuestionLog;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code /mydata} hands over and {@code /forget} deletes, table by table, on a real SQLite file. */
class LearnerDataTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");

    @TempDir
    Path folder;
    private Database database;
    private Learners learners;
    private LearnerData data;
    private QuestionLog questions;
    private Learner ada;
    private Learner bob;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        learners = new Learners(database);
        data = new LearnerData(database);
        questions = new QuestionLog(database);
        ada = learners.enroll("telegram", "42", "Ada", ZoneId.of("Europe/Berlin"), NOW).learner();
        bob = learners.enroll("telegram", "43", "Bob", ZoneId.of("UTC"), NOW).learner();
        // Both in the same group, with rows in every table that holds rows about a person.
        learners.recordCommunity(ada.id(), "-100123");
        learners.recordCommunity(bob.id(), "-100123");
        learners.update(ada.withSnoozedUntil(NOW.plusSeconds(86_400)));
        String question = questions.record("telegram", "-100123", "what is docker", "docker", "topic:docker", NOW);
        String other = questions.record("telegram", "-100123", "what is git", "git", "topic:git", NOW);
        for (Learner learner : List.of(ada, bob)) {
            learners.complete(learner.id(), "w01-map-requests", NOW);
            delivered(learner, "2026-W48");
            questions.vote("telegram", learner.platformUserId(), question, true, NOW);
        }
        learners.complete(ada.id(), "w01-set-up-study-log", NOW);
        delivered(ada, "2026-W49");
        questions.vote("telegram", ada.platformUserId(), other, false, NOW);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void delivered(Learner learner, String week) {
        database.writeAll(h -> h.createUpdate("insert into reminder_deliveries (learner_id, delivery_key, due_at, "
                        + "sent_at, late) values (:id, :week, '2026-11-23T08:00:00Z', '2026-11-23T08:00:01Z', 0)")
                .bind("id", learner.id())
                .bind("week", week)
                .execute());
    }

    @Test
    void aLearnerGetsTheirRowsOfEveryTableAndNothingOfAnotherEnrolledBesideThem() throws Exception {
        JsonNode export = new ObjectMapper().readTree(data.export("telegram", "42", NOW).orElseThrow().json());

        JsonNode tables = export.path("tables");
        assertThat(names(tables)).containsExactly("learners", "goal_completions", "reminder_deliveries", "answer_votes");
        assertThat(tables.path("learners")).hasSize(1);
        JsonNode row = tables.path("learners").path(0);
        assertThat(row.path("id").asText()).isEqualTo(ada.id());
        assertThat(row.path("platform_user_id").asText()).isEqualTo("42");
        assertThat(row.path("display_name").asText()).isEqualTo("Ada");
        assertThat(row.path("community_id").asText()).isEqualTo("-100123");
        assertThat(row.path("snoozed_until").asText()).isEqualTo("2026-11-24T08:30:00Z");
        assertThat(values(tables.path("goal_completions"), "goal_id"))
                .containsExactly("w01-map-requests", "w01-set-up-study-log");
        assertThat(values(tables.path("goal_completions"), "learner_id")).containsOnly(ada.id());
        assertThat(values(tables.path("reminder_deliveries"), "delivery_key")).containsExactly("2026-W48", "2026-W49");
        assertThat(values(tables.path("reminder_deliveries"), "learner_id")).containsOnly(ada.id());
        assertThat(tables.path("answer_votes")).hasSize(2);
        assertThat(values(tables.path("answer_votes"), "user_id")).containsOnly("42");
        assertThat(values(tables.path("answer_votes"), "helpful")).containsExactly("1", "0");
        assertThat(export.toString()).doesNotContain(bob.id()).doesNotContain("Bob").doesNotContain("\"43\"");
        assertThat(export.path("platform").asText()).isEqualTo("telegram");
        assertThat(export.path("user_id").asText()).isEqualTo("42");
        assertThat(names(export.path("tables_without_your_data"))).contains("questions", "communities");
    }

    @Test
    void everyTableOfTheSchemaIsEitherExportedOrSaidToHoldNothingAboutAnyone() {
        List<String> tables = database.read(h -> h.createQuery(
                        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
                .mapTo(String.class).list());
        Set<String> schema = new TreeSet<>(tables);
        Set<String> accounted = new TreeSet<>(LearnerData.NOT_PERSONAL.keySet());
        LearnerData.PERSONAL.forEach(table -> accounted.add(table.name()));

        assertThat(accounted).as("tables /mydata and /forget know of").isEqualTo(schema);
    }

    @Test
    void someoneWhoOnlyVotedGetsTheirVotesAndSomeoneUnknownGetsNothing() {
        String question = questions.record("telegram", "-100123", "what is sql", "sql", "topic:sql", NOW);
        questions.vote("telegram", "77", question, true, NOW);

        LearnerData.Export voter = data.export("telegram", "77", NOW).orElseThrow();

        assertThat(voter.rows("learners")).isZero();
        assertThat(voter.rows("answer_votes")).isEqualTo(1);
        assertThat(data.export("telegram", "999", NOW)).isEmpty();
        assertThat(data.export("discord", "42", NOW)).as("the same id on another platform is someone else").isEmpty();
    }

    @Test
    void forgetDeletesWhatTheExportShowedInEveryTableAndLeavesTheOtherLearnersRows() {
        Map<String, Integer> bobsBefore = rowsOf("43");

        assertThat(learners.forget(ada.id())).isTrue();

        assertThat(data.export("telegram", "42", NOW)).isEmpty();
        assertThat(rowsOf("43")).isEqualTo(bobsBefore);
        assertThat(bobsBefore).containsEntry("learners", 1).containsEntry("goal_completions", 1)
                .containsEntry("reminder_deliveries", 1).containsEntry("answer_votes", 1);
        assertThat(learners.forget(ada.id())).isFalse();
    }

    private Map<String, Integer> rowsOf(String user) {
        LearnerData.Export export = data.export("telegram", user, NOW).orElseThrow();
        Map<String, Integer> rows = new java.util.LinkedHashMap<>();
        export.tables().keySet().forEach(table -> rows.put(table, export.rows(table)));
        return rows;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> values(JsonNode rows, String column) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path(column).asText()));
        return values;
    }
}
