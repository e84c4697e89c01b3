package dev.mentor.communities;

import dev.mentor.search.FaqEntry;
import dev.mentor.search.FaqIndex;
import dev.mentor.storage.Database;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Communities' FAQ entries: stored in the database (the source of truth, so they survive
 * restarts) and kept in the FAQ index, where a new entry is searchable before {@link #add} returns.
 */
public final class FaqEntries {

    public static final int MAX_QUESTION = 500;
    public static final int MAX_ANSWER = 2000;
    private static final RowMapper<FaqEntry> ENTRY = ConstructorMapper.of(FaqEntry.class);

    private final Database database;
    private final FaqIndex index;
    private final ShortIds ids = new ShortIds(6);

    /** The change counter this index was last brought up to. */
    private volatile long seenVersion = -1;

    /** Loads every stored entry into the index. */
    public FaqEntries(Database database, FaqIndex index) {
        this.database = database;
        this.index = index;
        refresh();
    }

    /**
     * Brings the index in step with the database when another instance changed an entry since (the change
     * counter moved): entries added there are indexed here, removed ones dropped. True when it reloaded.
     */
    public boolean refresh() {
        long version = database.read(handle -> handle.createQuery("select version from faq_changes where id = 1")
                .mapTo(Long.class).one());
        if (version == seenVersion) {
            return false;
        }
        // The counter is read first: a change committed while the entries load moves it again, and the next
        // refresh loads once more rather than missing it.
        List<FaqEntry> stored = database.read(handle -> handle.createQuery("select * from faq_entries").map(ENTRY).list());
        java.util.Set<String> storedIds = new java.util.HashSet<>();
        stored.forEach(entry -> storedIds.add(entry.id()));
        for (String id : index.ids()) {
            if (!storedIds.contains(id)) {
                index.remove(id);
            }
        }
        index.addAll(stored);
        seenVersion = version;
        return true;
    }

    private static void countChange(org.jdbi.v3.core.Handle handle) {
        handle.createUpdate("update faq_changes set version = version + 1 where id = 1").execute();
    }

    public FaqEntry add(String platform, String communityId, String question, String answer, Instant now) {
        FaqEntry entry = new FaqEntry(ids.next(), platform, communityId, question, answer, now);
        database.writeAll(handle -> {
            handle.createUpdate("insert into faq_entries (id, platform, community_id, question, "
                            + "answer, created_at) values (:id, :platform, :community, :question, :answer, :at)")
                    .bind("id", entry.id())
                    .bind("platform", platform)
                    .bind("community", communityId)
                    .bind("question", question)
                    .bind("answer", answer)
                    .bind("at", now)
                    .execute();
            countChange(handle);
        });
        index.add(entry);
        return entry;
    }

    /** The community's entries, oldest first. */
    public List<FaqEntry> list(String platform, String communityId) {
        return database.read(handle -> handle.createQuery("select * from faq_entries where platform = :platform "
                        + "and community_id = :community order by created_at, id")
                .bind("platform", platform)
                .bind("community", communityId)
                .map(ENTRY)
                .list());
    }

    /** Entries the community added since {@code since}, for the digest. */
    public List<FaqEntry> addedSince(String platform, String communityId, Instant since) {
        return database.read(handle -> handle.createQuery("select * from faq_entries where platform = :platform "
                        + "and community_id = :community and created_at >= :since order by created_at, id")
                .bind("platform", platform)
                .bind("community", communityId)
                .bind("since", since)
                .map(ENTRY)
                .list());
    }

    /** Removes the entry if it belongs to this community; false when it has no such entry. */
    public boolean remove(String platform, String communityId, String id) {
        boolean removed = database.write(handle -> {
            int deleted = handle.createUpdate("delete from faq_entries where id = :id "
                            + "and platform = :platform and community_id = :community")
                    .bind("id", id)
                    .bind("platform", platform)
                    .bind("community", communityId)
                    .execute();
            if (deleted == 1) {
                countChange(handle);
            }
            return deleted == 1;
        });
        if (removed) {
            index.remove(id);
        }
        return removed;
    }
}
