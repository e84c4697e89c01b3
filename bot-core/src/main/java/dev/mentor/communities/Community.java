package dev.mentor.communities;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * A community the mentor serves (a Discord server, a Telegram group, the console) and what its
 * admins set.
 *
 * @param digestConversation where the weekly digest goes (and reminders whose private delivery
 *                           failed, on platforms that fall back), or null until an admin sets it
 * @param answerMentions     whether the mentor answers plain mentions (not only commands) there
 * @param welcomedAt         when the mentor posted its welcome, or null if it never did
 */
public record Community(
        String platform,
        String communityId,
        String name,
        @ColumnName("time_zone") ZoneId zone,
        String digestConversation,
        boolean digestOn,
        DayOfWeek digestDay,
        LocalTime digestTime,
        boolean answerMentions,
        Instant welcomedAt,
        Instant createdAt) {

    public static final DayOfWeek DEFAULT_DIGEST_DAY = DayOfWeek.MONDAY;
    public static final LocalTime DEFAULT_DIGEST_TIME = LocalTime.of(10, 0);

    public Optional<String> digestTarget() {
        return Optional.ofNullable(digestConversation);
    }

    public Community withDigest(boolean on, String conversation) {
        return new Community(platform, communityId, name, zone, conversation, on, digestDay, digestTime,
                answerMentions, welcomedAt, createdAt);
    }

    public Community withDigestTime(DayOfWeek day, LocalTime time) {
        return new Community(platform, communityId, name, zone, digestConversation, digestOn, day, time,
                answerMentions, welcomedAt, createdAt);
    }

    public Community withZone(ZoneId newZone) {
        return new Community(platform, communityId, name, newZone, digestConversation, digestOn, digestDay, digestTime,
                answerMentions, welcomedAt, createdAt);
    }

    public Community withAnswerMentions(boolean answer) {
        return new Community(platform, communityId, name, zone, digestConversation, digestOn, digestDay, digestTime,
                answer, welcomedAt, createdAt);
    }
}
