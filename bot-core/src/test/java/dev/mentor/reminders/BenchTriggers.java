package dev.mentor.reminders;

import dev.mentor.storage.Database;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

/** For benchmarks: the weekly triggers the scheduler's horizon makes, written to a shared (PostgreSQL) store fast. */
public final class BenchTriggers {

    private static final List<String> JOB_COLUMNS = List.of("sched_name", "job_name", "job_group", "description",
            "job_class_name", "is_durable", "is_nonconcurrent", "is_update_data", "requests_recovery", "job_data");
    private static final List<String> TRIGGER_COLUMNS = List.of("sched_name", "trigger_name", "trigger_group", "job_name",
            "job_group", "description", "next_fire_time", "prev_fire_time", "priority", "trigger_state", "trigger_type",
            "start_time", "end_time", "calendar_name", "misfire_instr", "job_data");
    private static final List<String> SIMPLE_COLUMNS = List.of("sched_name", "trigger_name", "trigger_group", "repeat_count",
            "repeat_interval", "times_triggered");

    private BenchTriggers() {
    }

    /**
     * One weekly trigger per learner, due at the given instant. Quartz writes one trigger (and its job) per due
     * instant; every other learner due then gets a copy of those rows under their own name, which is all that
     * differs between them. Quartz's store, on tables never analysed, took about 10 ms a trigger even in one
     * transaction (minutes for 10,000); the copies take seconds.
     */
    public static void scheduleWeekly(Scheduler scheduler, Database database, Map<String, Instant> dueByLearner)
            throws SchedulerException {
        Map<Instant, List<String>> learnersByDue = dueByLearner.entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue, TreeMap::new,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        for (Map.Entry<Instant, List<String>> due : learnersByDue.entrySet()) {
            String model = due.getValue().get(0);
            Trigger trigger = ReminderTriggers.weekly(model, due.getKey());
            scheduler.scheduleJob(ReminderTriggers.jobFor(trigger), trigger);
            List<String> others = due.getValue().subList(1, due.getValue().size());
            database.writeAll(handle -> {
                skipForeignKeyChecks(handle);
                copy(handle, "qrtz_job_details", JOB_COLUMNS, "job_name", "job_group", model, others);
                copy(handle, "qrtz_triggers", TRIGGER_COLUMNS, "trigger_name", "trigger_group", model, others);
                copy(handle, "qrtz_simple_triggers", SIMPLE_COLUMNS, "trigger_name", "trigger_group", model, others);
            });
        }
    }

    /**
     * On tables never analysed, PostgreSQL checks each copy's foreign key through the (name, group) index of the
     * referenced table filtered by name, reading the whole group each time: 10,000 copies took 40 s. The copies
     * reference rows that exist, so the transaction skips the checks when the user may (a superuser); else they run.
     */
    public static void skipForeignKeyChecks(org.jdbi.v3.core.Handle handle) {
        boolean superuser = handle.createQuery("select current_setting('is_superuser') = 'on'").mapTo(Boolean.class).one();
        if (superuser) {
            handle.execute("set local session_replication_role = replica");
        }
    }

    /** Copies the model's row of {@code table} once for each learner, their id as the job's and trigger's name. */
    private static void copy(org.jdbi.v3.core.Handle handle, String table, List<String> columns, String nameColumn,
            String groupColumn, String model, List<String> learnerIds) {
        String selected = columns.stream()
                .map(column -> column.endsWith("_name") && !column.equals("sched_name") && !column.equals("calendar_name")
                        && !column.equals("job_class_name") ? "learner.id" : column)
                .collect(Collectors.joining(", "));
        handle.createUpdate("insert into " + table + " (" + String.join(", ", columns) + ") select " + selected + " from "
                        + table + ", unnest(:ids) as learner(id) where " + nameColumn + " = :model and " + groupColumn
                        + " = :group")
                .bindArray("ids", String.class, learnerIds)
                .bind("model", model)
                .bind("group", ReminderTriggers.WEEKLY)
                .execute();
    }
}
