package dev.mentor.communities;

import dev.mentor.scheduling.WeeklyTimes;
import dev.mentor.chat.Counts;
import dev.mentor.chat.Markup;
import dev.mentor.chat.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Stage;
import dev.mentor.knowledge.Week;
import dev.mentor.learners.Learners;
import dev.mentor.platforms.DeliveryException;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import dev.mentor.reminders.ReminderSettings;
import dev.mentor.search.FaqEntry;
import dev.mentor.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly community digest: what it says, and its delivery at most once a week. As with reminders,
 * a short transaction claims the delivery row keyed (community, local ISO week), the digest is posted
 * outside any transaction, and a second short transaction marks the row sent (or releases the claim
 * when the platform failed), so a restart or a second instance never posts it twice and a slow platform
 * holds up nobody. A claim whose lease ran out (its owner died mid-post) is taken over once and counted
 * as a possible duplicate.
 */
public final class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    static final int QUESTIONS_SHOWN = 5;

    /** What became of one attempt. */
    public enum Outcome { SENT, ALREADY_SENT, BEING_SENT, OFF, NO_PLATFORM, NO_CONVERSATION, TOO_LATE, FAILED }

    /** How long a claim on a digest's delivery is held while it is posted: as for reminders. */
    public static final Duration CLAIM_LEASE = ReminderSettings.CLAIM_LEASE;

    private final Database database;
    private final Roadmap roadmap;
    private final Communities communities;
    private final QuestionLog questions;
    private final FaqEntries faq;
    private final Map<String, DeliveryPort> ports;
    private final Duration grace;
    private final Clock clock;
    /** Names this instance's claims; a new one each run. */
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong possibleDuplicates = new AtomicLong();
    private final AtomicLong possiblyPosted = new AtomicLong();

    public Digests(Database database, Roadmap roadmap, Communities communities, QuestionLog questions, FaqEntries faq,
            Map<String, DeliveryPort> ports, Duration grace, Clock clock) {
        this.database = database;
        this.roadmap = roadmap;
        this.communities = communities;
        this.questions = questions;
        this.faq = faq;
        this.ports = Map.copyOf(ports);
        this.grace = grace;
        this.clock = clock;
    }

    public java.util.Set<String> platforms() {
        return ports.keySet();
    }

    public Duration grace() {
        return grace;
    }

    public Clock clock() {
        return clock;
    }

    /** Digests this instance posted again after another owner's claim expired: each may have appeared twice. */
    public long possibleDuplicates() {
        return possibleDuplicates.get();
    }

    /** Digests whose post went out but whose answer never came: recorded as posted (uncertain), not retried. */
    public long possiblyPosted() {
        return possiblyPosted.get();
    }

    /** The digest of a community as of now: covering the week before. */
    public Reply compose(Community community) {
        Instant now = clock.instant();
        Instant weekAgo = now.minus(Duration.ofDays(7));
        StringBuilder text = new StringBuilder("**This week in ").append(Markup.escape(community.name())).append("**\n\n");
        // Learners per week of the plan, the most populated first: the top one and the total in one query.
        List<int[]> weeks = database.read(handle -> handle.createQuery("select current_week, count(*) from learners "
                        + "where platform = :platform and community_id = :community group by current_week "
                        + "order by count(*) desc, current_week")
                .bind("platform", community.platform())
                .bind("community", community.communityId())
                .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .list());
        int members = weeks.stream().mapToInt(week -> week[1]).sum();
        if (weeks.isEmpty()) {
            text.append("Nobody here has enrolled yet: send ").append(Markup.code("/start")).append(" to begin the "
                    + "roadmap together.\n\n");
        } else {
            Week week = roadmap.week(weeks.getFirst()[0]).orElseThrow();
            Stage stage = roadmap.stage(week.stage());
            text.append(Counts.of(members, "learner")).append(" here, ").append(members == 1 ? "in" : "most in")
                    .append(" **week ").append(week.number()).append(": ").append(Markup.escape(week.title()))
                    .append("** (stage ").append(stage.number()).append(", ").append(Markup.escape(stage.title()))
                    .append("). ").append(Markup.code("/week " + week.number())).append(" shows its goals.\n\n");
        }
        List<QuestionLog.Asked> asked = questions.mostAsked(community.platform(), community.communityId(), weekAgo,
                QUESTIONS_SHOWN);
        if (!asked.isEmpty()) {
            text.append("**Asked most this week**\n");
            asked.forEach(q -> text.append("- ").append(Markup.escape(shorten(q.example())))
                    .append(q.times() > 1 ? " (×" + q.times() + ")" : "").append('\n'));
            text.append('\n');
        }
        List<FaqEntry> added = faq.addedSince(community.platform(), community.communityId(), weekAgo);
        if (!added.isEmpty()) {
            text.append("**New in this community's FAQ**\n");
            added.forEach(entry -> text.append("- ").append(Markup.escape(shorten(entry.question()))).append('\n'));
            text.append('\n');
        }
        text.append("Keep going: ask me anything, or ").append(Markup.code("/progress")).append(" to see how far you've come.");
        return Reply.of(text.toString());
    }

    /** Posts the digest that fell due at {@code due}, unless it went out already this local week. */
    public Outcome dispatch(String platform, String communityId, Instant due) {
        Optional<Community> found = communities.find(platform, communityId);
        if (found.isEmpty() || !found.get().digestOn()) {
            return Outcome.OFF;
        }
        Community community = found.get();
        DeliveryPort port = ports.get(platform);
        if (port == null) {
            return Outcome.NO_PLATFORM;
        }
        if (community.digestTarget().isEmpty()) {
            return Outcome.NO_CONVERSATION;
        }
        Instant now = clock.instant();
        if (Duration.between(due, now).compareTo(grace) > 0) {
            return Outcome.TOO_LATE;
        }
        String key = WeeklyTimes.isoWeek(due.atZone(community.zone()).toLocalDate());
        Outcome claimed = database.write(handle -> claim(handle, platform, communityId, key, now));
        if (claimed != null) {
            return claimed;
        }
        Reply digest = compose(community);
        // Outside any transaction. Anything but a DeliveryException leaves the claim: whether the platform
        // posted it is unknown, so only the lease's expiry lets it be posted again.
        try {
            port.deliver(Recipient.conversation(platform, communityId, community.digestConversation(),
                    community.name()), digest);
        } catch (DeliveryException e) {
            if (e.isPossiblySent()) {
                // Posting again is what posts it twice: it counts as posted, marked uncertain.
                long count = possiblyPosted.incrementAndGet();
                log.warn("The digest of community {} on {} may or may not have been posted ({}); recorded as posted, "
                        + "not retried ({} such so far)", communityId, platform, e.getMessage(), count);
                return recordPosted(platform, communityId, key, true);
            }
            database.writeAll(handle -> handle.createUpdate("delete from digest_deliveries where platform = :platform "
                            + "and community_id = :community and delivery_key = :key and state = 'sending' "
                            + "and claimed_by = :instance")
                    .bind("platform", platform)
                    .bind("community", communityId)
                    .bind("key", key)
                    .bind("instance", instance)
                    .execute());
            log.warn("The digest of community {} on {} could not be posted: {}", communityId, platform, e.getMessage());
            return Outcome.FAILED;
        }
        return recordPosted(platform, communityId, key, false);
    }

    private Outcome recordPosted(String platform, String communityId, String key, boolean uncertain) {
        int recorded = database.write(handle -> handle.createUpdate("update digest_deliveries set state = 'sent', "
                        + "sent_at = :now, lease_until = null, uncertain = :uncertain where platform = :platform "
                        + "and community_id = :community and delivery_key = :key and state = 'sending' "
                        + "and claimed_by = :instance")
                .bind("now", clock.instant())
                .bind("uncertain", uncertain ? 1 : 0)
                .bind("platform", platform)
                .bind("community", communityId)
                .bind("key", key)
                .bind("instance", instance)
                .execute());
        if (recorded == 0) {
            log.warn("The digest of community {} on {} was posted after its claim expired: it may appear twice",
                    communityId, platform);
        }
        return Outcome.SENT;
    }

    /** Claims the delivery row, or takes over one whose lease ran out; null when claimed, else why not. */
    private Outcome claim(org.jdbi.v3.core.Handle handle, String platform, String communityId, String key, Instant now) {
        long leaseUntil = now.plus(CLAIM_LEASE).toEpochMilli();
        int inserted = handle.createUpdate("insert into digest_deliveries (platform, community_id, delivery_key, "
                        + "sent_at, state, claimed_by, lease_until, takeovers) values (:platform, :community, :key, "
                        + ":now, 'sending', :instance, :lease, 0) "
                        + "on conflict (platform, community_id, delivery_key) do nothing")
                .bind("platform", platform)
                .bind("community", communityId)
                .bind("key", key)
                .bind("now", now)
                .bind("instance", instance)
                .bind("lease", leaseUntil)
                .execute();
        if (inserted == 1) {
            return null;
        }
        int takenOver = handle.createUpdate("update digest_deliveries set claimed_by = :instance, lease_until = :lease, "
                        + "sent_at = :now, takeovers = takeovers + 1 where platform = :platform "
                        + "and community_id = :community and delivery_key = :key and state = 'sending' "
                        + "and lease_until < :nowMillis and takeovers = 0")
                .bind("instance", instance)
                .bind("lease", leaseUntil)
                .bind("now", now)
                .bind("platform", platform)
                .bind("community", communityId)
                .bind("key", key)
                .bind("nowMillis", now.toEpochMilli())
                .execute();
        if (takenOver == 1) {
            long count = possibleDuplicates.incrementAndGet();
            log.warn("The digest of community {} on {} ({}) was being posted by an instance whose claim expired: posting "
                    + "it again; it may appear twice ({} such so far)", communityId, platform, key, count);
            return null;
        }
        return handle.createQuery("select state, lease_until from digest_deliveries where platform = :platform "
                        + "and community_id = :community and delivery_key = :key")
                .bind("platform", platform)
                .bind("community", communityId)
                .bind("key", key)
                .map((rs, ctx) -> "sending".equals(rs.getString("state")) && rs.getLong("lease_until") >= now.toEpochMilli()
                        ? Outcome.BEING_SENT : Outcome.ALREADY_SENT)
                .findOne()
                .orElse(Outcome.BEING_SENT);
    }

    /** Whether the digest due at {@code due} already went out. */
    public boolean wasSent(Community community, Instant due) {
        String key = WeeklyTimes.isoWeek(due.atZone(community.zone()).toLocalDate());
        return database.read(handle -> handle.createQuery("select count(*) from digest_deliveries where platform = "
                        + ":platform and community_id = :community and delivery_key = :key and state = 'sent'")
                .bind("platform", community.platform())
                .bind("community", community.communityId())
                .bind("key", key)
                .mapTo(Integer.class)
                .one()) > 0;
    }

    private static String shorten(String text) {
        return text.length() > 140 ? text.substring(0, 140) + "…" : text;
    }
}
