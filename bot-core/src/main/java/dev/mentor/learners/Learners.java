package dev.mentor.learners;

import dev.mentor.scheduling.WeeklyTimes;
import dev.mentor.storage.Database;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Learners and their goal completions in the database. Every value is bound, never spliced. */
public final class Learners {

    private static final String COLUMNS = "id, platform, platform_user_id, display_name, time_zone, current_week, "
            + "start_date, reminder_day, reminder_time, reminder_state, paused_until, snoozed_until, enrolled_at";

    /** A row of {@link #COLUMNS} as a learner: columns match the record's components by name. */
    private static final RowMapper<Learner> ROW = ConstructorMapper.of(Learner.class);

    private final Database database;
    private final Clock clock;

    public Learners(Database database) {
        this(database, Clock.systemUTC());
    }

    /** With the clock that stamps when a learner's reminder setting changed. */
    public Learners(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Optional<Learner> find(String platform, String platformUserId) {
        return database.read(handle -> handle.createQuery("select " + COLUMNS
                        + " from learners where platform = :platform and platform_user_id = :user")
                .bind("platform", platform)
                .bind("user", platformUserId)
                .map(ROW)
                .findOne());
    }

    public Optional<Learner> find(String id) {
        return database.read(handle -> find(handle, id));
    }

    public static Optional<Learner> find(Handle handle, String id) {
        return handle.createQuery("select " + COLUMNS + " from learners where id = :id")
                .bind("id", id)
                .map(ROW)
                .findOne();
    }

    /**
     * The learner, read after taking their row's lock for the rest of the transaction: a no-op update
     * locks the row on PostgreSQL (SQLite's immediate transaction already holds the database), so a
     * settings change cannot commit between this read and the end of the transaction. SQLite has no
     * {@code select ... for update}.
     */
    public static Optional<Learner> findLocked(Handle handle, String id) {
        handle.createUpdate("update learners set reminder_state = reminder_state where id = :id").bind("id", id).execute();
        return find(handle, id);
    }

    /** Enrolls a learner, or returns the one already enrolled under that platform id. */
    public Enrollment enroll(String platform, String platformUserId, String displayName, ZoneId zone, Instant now) {
        return database.write(handle -> {
            Optional<Learner> existing = handle.createQuery("select " + COLUMNS
                            + " from learners where platform = :platform and platform_user_id = :user")
                    .bind("platform", platform)
                    .bind("user", platformUserId)
                    .map(ROW)
                    .findOne();
            if (existing.isPresent()) {
                return new Enrollment(existing.get(), false);
            }
            Learner learner = new Learner(UUID.randomUUID().toString(), platform, platformUserId,
                    displayName, zone, 1, now.atZone(zone).toLocalDate(),
                    Learner.DEFAULT_REMINDER_DAY, Learner.DEFAULT_REMINDER_TIME, ReminderState.ON, null, null,
                    now.truncatedTo(ChronoUnit.SECONDS));
            handle.createUpdate("insert into learners (" + COLUMNS + ") values (:id, :platform, :platformUserId, "
                            + ":displayName, :zone, :currentWeek, :startDate, :reminderDay, :reminderTime, :state, "
                            + ":pausedUntil, :snoozedUntil, :enrolledAt)")
                    .bindMethods(learner)
                    .bind("state", learner.reminderState().column())
                    .execute();
            handle.createUpdate("update learners set reminder_changed_at = enrolled_at where id = :id")
                    .bind("id", learner.id())
                    .execute();
            return new Enrollment(learner, true);
        });
    }

    /** Saves every setting of the learner (week, zone, reminder); identity fields never change. */
    public void update(Learner learner) {
        Instant now = clock.instant();
        database.writeAll(handle -> update(handle, learner, now));
    }

    /** Saves the learner; a change to when the weekly reminder falls due is stamped with {@code now}. */
    static void update(Handle handle, Learner learner, Instant now) {
        // The set clauses read the row as it was, so the stamp moves only when the schedule changed.
        handle.createUpdate("update learners set reminder_changed_at = case when time_zone <> :zone "
                        + "or reminder_day <> :reminderDay or reminder_time <> :reminderTime or reminder_state <> :state "
                        + "or coalesce(paused_until, '') <> coalesce(:pausedUntil, '') then :now "
                        + "else reminder_changed_at end, "
                        + "display_name = :displayName, time_zone = :zone, "
                        + "current_week = :currentWeek, reminder_day = :reminderDay, reminder_time = :reminderTime, "
                        + "reminder_state = :state, paused_until = :pausedUntil, snoozed_until = :snoozedUntil "
                        + "where id = :id")
                .bindMethods(learner)
                .bind("now", now)
                .bind("state", learner.reminderState().column())
                .execute();
    }

    /** Saves only the learner's reminder state, pause and snooze (what a delivery changes). */
    public static void updateReminder(Handle handle, Learner learner) {
        handle.createUpdate("update learners set reminder_state = :state, paused_until = :pausedUntil, "
                        + "snoozed_until = :snoozedUntil where id = :id")
                .bindMethods(learner)
                .bind("state", learner.reminderState().column())
                .execute();
    }

    /**
     * Remembers the community the learner last used the mentor in (null for a private chat is
     * ignored: a DM does not change the learner's community). Called on every command from a
     * community, so it only reads unless the community changed: no write lock on the usual path.
     */
    public void recordCommunity(String learnerId, String communityId) {
        if (communityId == null || communityId.isEmpty()
                || database.read(handle -> communityOf(handle, learnerId)).filter(communityId::equals).isPresent()) {
            return;
        }
        database.writeAll(handle -> handle.createUpdate("update learners set community_id = :community where id = :id")
                .bind("community", communityId)
                .bind("id", learnerId)
                .execute());
    }

    /** The community the learner last used the mentor in, if any. */
    public static Optional<String> communityOf(Handle handle, String learnerId) {
        return handle.createQuery("select community_id from learners where id = :id and community_id is not null")
                .bind("id", learnerId)
                .mapTo(String.class)
                .findOne();
    }

    /** Turns a learner's reminders off (the platform said they can no longer be reached). */
    public void turnRemindersOff(String learnerId) {
        database.writeAll(handle -> handle.createUpdate(
                        "update learners set reminder_state = :off, paused_until = null, snoozed_until = null where id = :id")
                .bind("off", ReminderState.OFF.column())
                .bind("id", learnerId)
                .execute());
    }

    /** Ticks a goal off; false when it already was, so a second tick counts once. */
    public boolean complete(String learnerId, String goalId, Instant now) {
        return database.write(handle -> handle.createUpdate("insert into goal_completions (learner_id, goal_id, "
                        + "completed_at) values (:learner, :goal, :at) on conflict (learner_id, goal_id) do nothing")
                .bind("learner", learnerId)
                .bind("goal", goalId)
                .bind("at", now)
                .execute() == 1);
    }

    /** Unticks a goal; false when it was not ticked. */
    public boolean undo(String learnerId, String goalId) {
        return database.write(handle -> handle.createUpdate(
                        "delete from goal_completions where learner_id = :learner and goal_id = :goal")
                .bind("learner", learnerId)
                .bind("goal", goalId)
                .execute() == 1);
    }

    public List<Completion> completions(String learnerId) {
        return database.read(handle -> completions(handle, learnerId));
    }

    public static List<Completion> completions(Handle handle, String learnerId) {
        return handle.createQuery("select goal_id, completed_at from goal_completions where learner_id = :learner "
                        + "order by completed_at, goal_id")
                .bind("learner", learnerId)
                .map(ConstructorMapper.of(Completion.class))
                .list();
    }

    public static Set<String> completedGoalIds(Collection<Completion> completions) {
        Set<String> ids = new LinkedHashSet<>();
        completions.forEach(c -> ids.add(c.goalId()));
        return ids;
    }

    /**
     * When the learner's next weekly reminder will go out: the next due time, or the one a week later
     * when this local week's reminder went out already (one reminder a local week, whatever the
     * settings did since); none when reminders are off.
     */
    public Optional<ZonedDateTime> nextWeeklyReminder(Learner learner, Instant now) {
        Optional<ZonedDateTime> next = learner.nextWeeklyReminder(now);
        if (next.isEmpty()) {
            return next;
        }
        // The weekly reminder's delivery key is its local ISO week (ReminderKind.WEEKLY).
        boolean sent = database.read(handle -> handle.createQuery("select count(*) from reminder_deliveries "
                        + "where learner_id = :id and delivery_key = :key")
                .bind("id", learner.id())
                .bind("key", WeeklyTimes.isoWeek(next.get().toLocalDate()))
                .mapTo(Integer.class)
                .one()) > 0;
        if (!sent) {
            return next;
        }
        LocalDate nextMonday = next.get().toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        return Optional.of(learner.firstWeeklyAtOrAfter(nextMonday.atStartOfDay(learner.zone()).toInstant()));
    }

    /**
     * Deletes the learner and every row about them ({@link LearnerData} knows where they are); true when there
     * was such a learner.
     */
    public boolean forget(String learnerId) {
        return database.write(handle -> LearnerData.delete(handle, learnerId));
    }

    /**
     * Learners of these platforms whose reminders are on or paused and whose weekly slot (day and local
     * time) falls between {@code from} and {@code to} in their own zone, widened by an hour each side for
     * clock changes: candidates, whose exact time the caller works out. Handed over in pages of at most
     * {@code pageSize}, each read on its own, so memory holds one page whatever the number of learners.
     */
    public void forEachInWeeklyWindow(Collection<String> platforms, Instant from, Instant to, int pageSize,
            java.util.function.Consumer<List<Learner>> page) {
        if (platforms.isEmpty()) {
            return;
        }
        List<String> zones = database.read(handle -> handle.createQuery("select distinct time_zone from learners "
                        + "where platform in (<platforms>) and reminder_state <> :off")
                .bindList("platforms", List.copyOf(platforms))
                .bind("off", ReminderState.OFF.column())
                .mapTo(String.class)
                .list());
        for (String zoneId : zones) {
            ZoneId zone;
            try {
                zone = ZoneId.of(zoneId);
            } catch (java.time.DateTimeException e) {
                continue; // a zone this JDK no longer knows: such a learner cannot be scheduled anyway
            }
            for (WeeklySlot slot : WeeklySlot.covering(from.minus(CLOCK_CHANGE), to.plus(CLOCK_CHANGE), zone)) {
                forEachInSlot(platforms, zoneId, slot, pageSize, page);
            }
        }
    }

    /** Further than any clock change moves a local time (two hours, in Antarctica's Troll station). */
    private static final java.time.Duration CLOCK_CHANGE = java.time.Duration.ofHours(2);

    private void forEachInSlot(Collection<String> platforms, String zone, WeeklySlot slot, int pageSize,
            java.util.function.Consumer<List<Learner>> page) {
        // Keyset paging in the index's order (zone, day, time, id): each page starts where the last ended.
        inPages(pageSize, page, last -> database.read(handle -> handle.createQuery("select " + COLUMNS + " from learners "
                        + "where time_zone = :zone and reminder_day = :day and reminder_time >= :fromTime "
                        + "and reminder_time <= :toTime and (reminder_time > :afterTime "
                        + "or (reminder_time = :afterTime and id > :afterId)) "
                        + "and platform in (<platforms>) and reminder_state <> :off "
                        + "order by reminder_time, id limit :limit")
                .bind("zone", zone)
                .bind("day", slot.day().name())
                .bind("fromTime", slot.fromTime())
                .bind("toTime", slot.toTime())
                // stored as LocalTime writes it
                .bind("afterTime", last == null ? "" : last.reminderTime().toString())
                .bind("afterId", last == null ? "" : last.id())
                .bindList("platforms", List.copyOf(platforms))
                .bind("off", ReminderState.OFF.column())
                .bind("limit", pageSize)
                .map(ROW)
                .list()));
    }

    /** Hands over the pages {@code next} reads, each after the last learner of the one before, until one is short. */
    private static void inPages(int pageSize, java.util.function.Consumer<List<Learner>> page,
            java.util.function.Function<Learner, List<Learner>> next) {
        Learner last = null;
        while (true) {
            List<Learner> learners = next.apply(last);
            if (learners.isEmpty()) {
                return;
            }
            page.accept(learners);
            if (learners.size() < pageSize) {
                return;
            }
            last = learners.getLast();
        }
    }

    /**
     * Every learner of these platforms with reminders on or paused, or a snooze, in pages of at most
     * {@code pageSize} in id order: for listing and checking, a page in memory at a time.
     */
    public void forEachWithReminders(Collection<String> platforms, int pageSize,
            java.util.function.Consumer<List<Learner>> page) {
        if (platforms.isEmpty()) {
            return;
        }
        inPages(pageSize, page, last -> database.read(handle -> handle.createQuery("select " + COLUMNS + " from learners "
                        + "where platform in (<platforms>) and (reminder_state <> :off or snoozed_until is not null) "
                        + "and id > :after order by id limit :limit")
                .bindList("platforms", List.copyOf(platforms))
                .bind("off", ReminderState.OFF.column())
                .bind("after", last == null ? "" : last.id())
                .bind("limit", pageSize)
                .map(ROW)
                .list()));
    }

    /** Learners of these platforms with a snoozed reminder set: few at any time. */
    public List<Learner> withSnoozes(Collection<String> platforms) {
        if (platforms.isEmpty()) {
            return List.of();
        }
        return database.read(handle -> handle.createQuery("select " + COLUMNS + " from learners "
                        + "where platform in (<platforms>) and snoozed_until is not null order by id")
                .bindList("platforms", List.copyOf(platforms))
                .map(ROW)
                .list());
    }

    /**
     * When each learner whose reminder setting changed at or after {@code since} changed it, by id: few
     * rows, read once at start-up to tell a missed reminder from one the learner only just moved.
     */
    public Map<String, Instant> reminderChangesSince(Instant since) {
        return database.read(handle -> handle.createQuery(
                        "select id, reminder_changed_at from learners where reminder_changed_at >= :since")
                .bind("since", since)
                .reduceRows(new HashMap<String, Instant>(), (map, row) -> {
                    map.put(row.getColumn("id", String.class), row.getColumn("reminder_changed_at", Instant.class));
                    return map;
                }));
    }

    /**
     * How many learners of a platform last used the mentor in this community, by the week of the plan
     * they are in (weeks nobody is in are left out).
     */
    public Map<Integer, Integer> perWeekIn(String platform, String communityId) {
        return database.read(handle -> handle.createQuery("select current_week, count(*) as learners from learners "
                        + "where platform = :platform and community_id = :community group by current_week")
                .bind("platform", platform)
                .bind("community", communityId)
                .reduceRows(new java.util.TreeMap<Integer, Integer>(), (map, row) -> {
                    map.put(row.getColumn("current_week", Integer.class), row.getColumn("learners", Integer.class));
                    return map;
                }));
    }

    public int count() {
        return database.read(handle -> handle.createQuery("select count(*) from learners").mapTo(Integer.class).one());
    }

    /** The learner, and whether this call enrolled them. */
    public record Enrollment(Learner learner, boolean isNew) {
    }
}
