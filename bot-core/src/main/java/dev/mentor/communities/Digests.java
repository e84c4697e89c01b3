package dev.mentor.communities;

import dev.mentor.conversation.Counts;
import dev.mentor.conversation.Markup;
import dev.mentor.conversation.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Stage;
import dev.mentor.knowledge.Week;
import dev.mentor.learners.Learners;
import dev.mentor.learners.Progress;
import dev.mentor.reminders.DeliveryException;
import dev.mentor.reminders.DeliveryPort;
import dev.mentor.reminders.Recipient;
import dev.mentor.search.FaqEntry;
import dev.mentor.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly community digest: what it says, and its delivery at most once a week. As with
 * reminders, the delivery row keyed (community, local ISO week) is written in the transaction
 * that hands the digest to the platform, so a restart or a second instance never posts it twice.
 */
public final class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    static final int QUESTIONS_SHOWN = 5;

    /** What became of one attempt. */
    public enum Outcome { SENT, ALREADY_SENT, OFF, NO_PLATFORM, NO_CONVERSATION, TOO_LATE, FAILED }

    private final Database database;
    private final Roadmap roadmap;
    private final Communities communities;
    private final QuestionLog questions;
    private final FaqEntries faq;
    private final Map<String, DeliveryPort> ports;
    private final Duration grace;
    private final Clock clock;

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
        String key = Progress.isoWeek(due.atZone(community.zone()).toLocalDate());
        Reply digest = compose(community);
        try {
            return database.write(handle -> {
                int recorded = handle.createUpdate("insert into digest_deliveries (platform, community_id, delivery_key, "
                                + "sent_at) values (:platform, :community, :key, :sent) "
                                + "on conflict (platform, community_id, delivery_key) do nothing")
                        .bind("platform", platform)
                        .bind("community", communityId)
                        .bind("key", key)
                        .bind("sent", Learners.instantColumn(now))
                        .execute();
                if (recorded == 0) {
                    return Outcome.ALREADY_SENT;
                }
                port.deliver(Recipient.conversation(platform, communityId, community.digestConversation(),
                        community.name()), digest);
                return Outcome.SENT;
            });
        } catch (DeliveryException e) {
            log.warn("The digest of community {} on {} could not be posted: {}", communityId, platform, e.getMessage());
            return Outcome.FAILED;
        }
    }

    /** Whether the digest due at {@code due} already went out. */
    public boolean wasSent(Community community, Instant due) {
        String key = Progress.isoWeek(due.atZone(community.zone()).toLocalDate());
        return database.read(handle -> handle.createQuery("select count(*) from digest_deliveries where platform = "
                        + ":platform and community_id = :community and delivery_key = :key")
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
