package dev.mentor.communities;

import dev.mentor.storage.Database;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Communities and their settings in the database. Every value is bound, never spliced. */
public final class Communities {

    /** A row of {@link #COLUMNS} as a community: columns match the record's components by name. */
    private static final RowMapper<Community> ROW = ConstructorMapper.of(Community.class);
    private static final String COLUMNS = "platform, community_id, name, time_zone, digest_conversation, digest_on, "
            + "digest_day, digest_time, answer_mentions, welcomed_at, created_at";

    private final Database database;

    public Communities(Database database) {
        this.database = database;
    }

    public Optional<Community> find(String platform, String communityId) {
        return database.read(handle -> find(handle, platform, communityId));
    }

    /** The community, created with default settings (digest off, mentions answered) the first time it is seen. */
    public Community findOrCreate(String platform, String communityId, String name, ZoneId zone, Instant now) {
        return database.write(handle -> {
            create(handle, platform, communityId, name, zone, now);
            return find(handle, platform, communityId).orElseThrow();
        });
    }

    /**
     * Marks the mentor's welcome as posted in the community, creating it if new. Returns true only
     * the first time, on any instance, so a reconnect or a second instance never welcomes twice.
     */
    public boolean markWelcomed(String platform, String communityId, String name, ZoneId zone, Instant now) {
        return database.write(handle -> {
            create(handle, platform, communityId, name, zone, now);
            return handle.createUpdate("update communities set welcomed_at = :now "
                            + "where platform = :platform and community_id = :community and welcomed_at is null")
                    .bind("now", now)
                    .bind("platform", platform)
                    .bind("community", communityId)
                    .execute() == 1;
        });
    }

    private static void create(Handle handle, String platform, String communityId, String name, ZoneId zone,
            Instant now) {
        handle.createUpdate("insert into communities (" + COLUMNS + ") values (:platform, :community, :name, :zone, "
                        + "null, 0, :day, :time, 1, null, :now) on conflict (platform, community_id) do nothing")
                .bind("platform", platform)
                .bind("community", communityId)
                .bind("name", name == null || name.isBlank() ? communityId : name)
                .bind("zone", zone)
                .bind("day", Community.DEFAULT_DIGEST_DAY.name())
                .bind("time", Community.DEFAULT_DIGEST_TIME)
                .bind("now", now)
                .execute();
    }

    /** Stores the community's settings (it must exist). */
    public void update(Community community) {
        database.writeAll(handle -> handle.createUpdate("update communities set name = :name, time_zone = :zone, "
                        + "digest_conversation = :conversation, digest_on = :on, digest_day = :day, digest_time = :time, "
                        + "answer_mentions = :mentions where platform = :platform and community_id = :community")
                .bind("name", community.name())
                .bind("zone", community.zone())
                .bind("conversation", community.digestConversation())
                .bind("on", community.digestOn() ? 1 : 0)
                .bind("day", community.digestDay().name())
                .bind("time", community.digestTime())
                .bind("mentions", community.answerMentions() ? 1 : 0)
                .bind("platform", community.platform())
                .bind("community", community.communityId())
                .execute());
    }

    /** Communities of these platforms with their digest on. */
    public List<Community> withDigest(Collection<String> platforms) {
        if (platforms.isEmpty()) {
            return List.of();
        }
        return database.read(handle -> handle.createQuery("select " + COLUMNS
                        + " from communities where digest_on = 1 and platform in (<platforms>)")
                .bindList("platforms", List.copyOf(platforms))
                .map(ROW)
                .list());
    }

    static Optional<Community> find(Handle handle, String platform, String communityId) {
        return handle.createQuery("select " + COLUMNS + " from communities where platform = :platform "
                        + "and community_id = :community")
                .bind("platform", platform)
                .bind("community", communityId)
                .map(ROW)
                .findOne();
    }
}
