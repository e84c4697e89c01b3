package dev.mentor.communities;

import dev.mentor.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The questions learners ask, per community, without who asked: what the mentor declined or
 * learners voted down becomes the admins' list of FAQ entries to write, and the most asked go
 * in the weekly digest. Votes on answers (one per learner per answer) live here too.
 */
public final class QuestionLog {

    /** Questions from private chats belong to no community. */
    public static final String NO_COMMUNITY = "";

    private final Database database;
    private final ShortIds ids = new ShortIds(8);

    public QuestionLog(Database database) {
        this.database = database;
    }

    /** A wording asked several times, with one of its questions as an example. */
    public record Asked(String example, int times) {
    }

    /** The outcome of a vote. */
    public enum VoteOutcome { COUNTED, ALREADY_VOTED, UNKNOWN_ANSWER }

    public String record(String platform, String communityId, String question, String wordingKey, String answerKey,
            Instant now) {
        String id = ids.next();
        database.writeAll(handle -> handle.createUpdate("insert into questions (id, platform, community_id, question, "
                        + "wording_key, answer_key, declined, voted_down, asked_at) values (:id, :platform, :community, "
                        + ":question, :key, :answer, :declined, 0, :at)")
                .bind("id", id)
                .bind("platform", platform)
                .bind("community", communityId == null ? NO_COMMUNITY : communityId)
                .bind("question", question.length() > 1000 ? question.substring(0, 1000) : question)
                .bind("key", wordingKey.length() > 1000 ? wordingKey.substring(0, 1000) : wordingKey)
                .bind("answer", answerKey)
                .bind("declined", answerKey == null ? 1 : 0)
                .bind("at", now)
                .execute());
        return id;
    }

    /**
     * Counts the learner's vote on the answer given to a logged question, once per learner per
     * answer; a "not helpful" vote puts the question on the community's unanswered list.
     */
    public VoteOutcome vote(String platform, String userId, String questionId, boolean helpful, Instant now) {
        return database.write(handle -> {
            Optional<String> answer = handle.createQuery("select answer_key from questions where id = :id "
                            + "and platform = :platform and answer_key is not null")
                    .bind("id", questionId)
                    .bind("platform", platform)
                    .mapTo(String.class)
                    .findOne();
            if (answer.isEmpty()) {
                return VoteOutcome.UNKNOWN_ANSWER;
            }
            int counted = handle.createUpdate("insert into answer_votes (platform, user_id, question_id, answer_key, "
                            + "helpful, voted_at) values (:platform, :user, :question, :answer, :helpful, :at) "
                            + "on conflict (platform, user_id, answer_key) do nothing")
                    .bind("platform", platform)
                    .bind("user", userId)
                    .bind("question", questionId)
                    .bind("answer", answer.get())
                    .bind("helpful", helpful ? 1 : 0)
                    .bind("at", now)
                    .execute();
            if (counted == 0) {
                return VoteOutcome.ALREADY_VOTED;
            }
            if (!helpful) {
                handle.createUpdate("update questions set voted_down = 1 where id = :id").bind("id", questionId).execute();
            }
            return VoteOutcome.COUNTED;
        });
    }

    /** Helpful and not-helpful votes on an answer ("topic:ID" or "faq:ID"). */
    public int[] votes(String platform, String answerKey) {
        return database.read(handle -> handle.createQuery("select coalesce(sum(helpful), 0), count(*) - "
                        + "coalesce(sum(helpful), 0) from answer_votes where platform = :platform and answer_key = :answer")
                .bind("platform", platform)
                .bind("answer", answerKey)
                .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .one());
    }

    /**
     * A wording the mentor declined or learners voted down, with one of its questions as an example.
     *
     * @param votedDown the answers ("topic:ID", "faq:ID") learners voted down for this wording
     */
    public record Unanswered(String example, int times, Set<String> votedDown) {
        public Unanswered {
            votedDown = Set.copyOf(votedDown);
        }
    }

    /**
     * Declined and voted-down questions since {@code since}, grouped by wording, most frequent first;
     * small talk ("thanks", "lol", an emoji) is left out. All of them: the caller filters further
     * and counts what it leaves out.
     */
    public List<Unanswered> unanswered(String platform, String communityId, Instant since) {
        return database.read(handle -> {
            Map<String, Set<String>> votedDown = new HashMap<>();
            handle.createQuery("select distinct wording_key, answer_key from questions where platform = :platform "
                            + "and community_id = :community and asked_at >= :since and voted_down = 1")
                    .bind("platform", platform)
                    .bind("community", communityId)
                    .bind("since", since)
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                    .forEach(row -> votedDown.computeIfAbsent(row[0], key -> new HashSet<>()).add(row[1]));
            return handle.createQuery("select min(question) as example, count(*) as times, wording_key "
                            + "from questions where platform = :platform and community_id = :community "
                            + "and asked_at >= :since and (declined = 1 or voted_down = 1) and wording_key <> '' "
                            + "group by wording_key order by times desc, example")
                    .bind("platform", platform)
                    .bind("community", communityId)
                    .bind("since", since)
                    .map((rs, ctx) -> new Unanswered(rs.getString("example"), rs.getInt("times"),
                            votedDown.getOrDefault(rs.getString("wording_key"), Set.of())))
                    .list()
                    .stream()
                    .filter(question -> !SmallTalk.is(question.example()))
                    .toList();
        });
    }

    /** Questions asked since {@code since}, grouped by wording, most frequent first. */
    public List<Asked> mostAsked(String platform, String communityId, Instant since, int limit) {
        return database.read(handle -> handle.createQuery("select min(question) as example, count(*) as times "
                        + "from questions where platform = :platform and community_id = :community and asked_at >= :since "
                        + "and wording_key <> '' group by wording_key order by times desc, example limit :limit")
                .bind("platform", platform)
                .bind("community", communityId)
                .bind("since", since)
                .bind("limit", limit)
                .map(ConstructorMapper.of(Asked.class))
                .list());
    }

    /** Questions asked on one local day, and how many of them went unanswered (declined or voted down). */
    public record Day(java.time.LocalDate day, int asked, int unanswered) {
    }

    /**
     * Questions asked per local day in {@code zone}, from {@code firstDay} to {@code lastDay} (every day, with
     * zero for a quiet one), and how many of them went unanswered: the mentor declined them or a learner voted
     * their answer down.
     */
    public List<Day> perDay(String platform, String communityId, java.time.LocalDate firstDay, java.time.LocalDate lastDay,
            java.time.ZoneId zone) {
        int days = (int) java.time.temporal.ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
        int[] asked = new int[Math.max(days, 0)];
        int[] unanswered = new int[asked.length];
        database.read(handle -> {
            handle.createQuery("select asked_at, declined, voted_down from questions where platform = :platform "
                            + "and community_id = :community and asked_at >= :from and asked_at < :to")
                    .bind("platform", platform)
                    .bind("community", communityId)
                    .bind("from", firstDay.atStartOfDay(zone).toInstant())
                    .bind("to", lastDay.plusDays(1).atStartOfDay(zone).toInstant())
                    .map(row -> new Object[] {row.getColumn("asked_at", Instant.class),
                            row.getColumn("declined", Integer.class) == 1 || row.getColumn("voted_down", Integer.class) == 1})
                    .forEach(row -> {
                        java.time.LocalDate day = ((Instant) row[0]).atZone(zone).toLocalDate();
                        int index = (int) java.time.temporal.ChronoUnit.DAYS.between(firstDay, day);
                        if (index >= 0 && index < asked.length) {
                            asked[index]++;
                            unanswered[index] += (Boolean) row[1] ? 1 : 0;
                        }
                    });
            return null;
        });
        List<Day> result = new java.util.ArrayList<>(asked.length);
        for (int i = 0; i < asked.length; i++) {
            result.add(new Day(firstDay.plusDays(i), asked[i], unanswered[i]));
        }
        return result;
    }

    /** Deletes logged questions (and their votes) older than the retention period. */
    public int purgeOlderThan(Duration retention, Instant now) {
        Instant before = now.minus(retention);
        return database.write(handle -> {
            handle.createUpdate("delete from answer_votes where question_id in (select id from questions "
                    + "where asked_at < :before)").bind("before", before).execute();
            return handle.createUpdate("delete from questions where asked_at < :before").bind("before", before).execute();
        });
    }
}
