package dev.mentor.learners;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mentor.storage.Columns;
import dev.mentor.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Where the rows about one person are, table by table: what {@code /forget} deletes and {@code /mydata}
 * hands over, known in this one place. Every table of the schema is either listed with how a person's rows
 * are found in it, or among the tables that hold nothing about any one person (a test holds every table
 * to one of the two, so a new migration cannot slip past both commands).
 */
public final class LearnerData {

    /**
     * A table with rows about a person, found by {@code where} with {@code :id} (the learner's id),
     * {@code :platform}, {@code :user} (their id on the platform) or {@code :prefix} bound.
     */
    record Table(String name, String columns, String where, String order) {
    }

    /** In the order deletion goes: children first, so nothing is left even where a database ignores cascades. */
    static final List<Table> PERSONAL = List.of(
            new Table("answer_votes", "*", "platform = :platform and user_id = :user", "voted_at, answer_key"),
            new Table("reminder_deliveries", "*", "learner_id = :id", "due_at, delivery_key"),
            new Table("goal_completions", "*", "learner_id = :id", "completed_at, goal_id"),
            new Table("learners", "*", "id = :id", "id"));

    /**
     * On PostgreSQL, the reminder schedule shared by the instances (Quartz's tables): each learner's triggers
     * are named by their id. {@code /forget} removes them through the scheduler, which owns these tables.
     */
    static final Table SCHEDULE = new Table("qrtz_triggers",
            "trigger_name, trigger_group, trigger_state, start_time, next_fire_time, prev_fire_time",
            "trigger_name = :id or trigger_name like :prefix", "trigger_group, trigger_name");

    /** Tables that hold nothing about any one person, and why: the export says so. */
    public static final Map<String, String> NOT_PERSONAL = notPersonal();

    private static Map<String, String> notPersonal() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("questions", "Questions are logged per community without who asked them (for the admins' list of "
                + "unanswered questions and the weekly digest), so none of them can be told to be yours.");
        tables.put("communities", "A community's settings (its digest, its time zone). The community you last used "
                + "the mentor in is community_id in your learners row.");
        tables.put("faq_entries", "A community's own questions and answers, kept without who wrote them.");
        tables.put("digest_deliveries", "When each community's weekly digest was posted.");
        tables.put("processed_events", "Ids of platform events already handled, so none is answered twice; "
                + "without who sent them.");
        tables.put("faq_changes", "A counter of FAQ changes.");
        tables.put("send_budgets", "The bot's rate-limit budget on the platforms.");
        tables.put("flyway_schema_history", "The database schema's version history.");
        return java.util.Collections.unmodifiableMap(tables);
    }

    /** Quartz's other tables (PostgreSQL only): its own bookkeeping of the triggers in {@link #SCHEDULE}. */
    static final String QUARTZ_PREFIX = "qrtz_";

    private final Database database;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LearnerData(Database database) {
        this.database = database;
    }

    /** What is stored about one person: their rows per table, and the same as a JSON document. */
    public record Export(Map<String, List<Map<String, Object>>> tables, String json) {
        public Export {
            tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        }

        /** How many rows a table holds about them. */
        public int rows(String table) {
            return tables.getOrDefault(table, List.of()).size();
        }
    }

    /**
     * Everything stored about the person with this id on this platform; empty when nothing is (not enrolled,
     * never voted).
     */
    public Optional<Export> export(String platform, String platformUserId, Instant now) {
        Map<String, List<Map<String, Object>>> tables = database.read(h -> {
            Optional<String> learnerId = h.createQuery("select id from learners where platform = :platform "
                            + "and platform_user_id = :user")
                    .bind("platform", platform)
                    .bind("user", platformUserId)
                    .mapTo(String.class)
                    .findOne();
            Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
            for (Table table : PERSONAL.reversed()) {
                rows.put(table.name(), learnerId.isEmpty() && table.where().contains(":id") ? List.of()
                        : rows(h, table, learnerId.orElse(""), platform, platformUserId));
            }
            if (learnerId.isPresent() && database.settings().isPostgres()) {
                rows.put(SCHEDULE.name(), rows(h, SCHEDULE, learnerId.get(), platform, platformUserId));
            }
            return rows;
        });
        if (tables.values().stream().allMatch(List::isEmpty)) {
            return Optional.empty();
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("about", "Everything the mentor stores about you, table by table, as of " + now + ". "
                + "Times are UTC. /forget deletes all of it.");
        document.put("platform", platform);
        document.put("user_id", platformUserId);
        document.put("exported_at", Columns.instant(now));
        document.put("tables", tables);
        document.put("tables_without_your_data", NOT_PERSONAL);
        try {
            return Optional.of(new Export(tables, json.writeValueAsString(document)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a learner's data as JSON", e);
        }
    }

    /**
     * Deletes every row about the learner in the database, in one transaction's {@code handle}; false when
     * there was no such learner. Their reminder triggers are the scheduler's to remove.
     */
    static boolean delete(Handle handle, String learnerId) {
        Optional<Map<String, Object>> learner = handle.createQuery("select platform, platform_user_id from learners "
                        + "where id = :id")
                .bind("id", learnerId)
                .mapToMap()
                .findOne();
        if (learner.isEmpty()) {
            return false;
        }
        String platform = (String) learner.get().get("platform");
        String user = (String) learner.get().get("platform_user_id");
        int deleted = 0;
        for (Table table : PERSONAL) {
            deleted = bind(handle.createUpdate("delete from " + table.name() + " where " + table.where()), table,
                    learnerId, platform, user).execute();
        }
        return deleted == 1; // the last table is the learner's own row
    }

    private static List<Map<String, Object>> rows(Handle handle, Table table, String learnerId, String platform,
            String user) {
        return bind(handle.createQuery("select " + table.columns() + " from " + table.name() + " where " + table.where()
                + " order by " + table.order()), table, learnerId, platform, user)
                .mapToMap()
                .list();
    }

    /** Binds the values the table's condition names, and only those (Jdbi refuses unused bindings). */
    private static <S extends SqlStatement<S>> S bind(S statement, Table table, String learnerId, String platform,
            String user) {
        String where = table.where();
        if (where.contains(":id")) {
            statement.bind("id", learnerId);
        }
        if (where.contains(":prefix")) {
            // A learner's id is a UUID: no LIKE wildcard in it. Late and retried triggers are "<id>/...".
            statement.bind("prefix", learnerId + "/%");
        }
        if (where.contains(":platform")) {
            statement.bind("platform", platform);
        }
        if (where.contains(":user")) {
            statement.bind("user", user);
        }
        return statement;
    }
}
