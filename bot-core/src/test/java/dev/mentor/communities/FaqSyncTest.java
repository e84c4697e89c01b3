package dev.mentor.communities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.search.FaqEntry;
import dev.mentor.search.FaqIndex;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances on one database, each with its own FAQ index: what one adds or removes reaches the other. */
class FaqSyncTest {

    @TempDir
    Path folder;
    private Database first;
    private Database second;
    private final FaqIndex firstIndex = new FaqIndex();
    private final FaqIndex secondIndex = new FaqIndex();

    @BeforeEach
    void open() {
        first = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        second = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
    }

    @AfterEach
    void close() {
        firstIndex.close();
        secondIndex.close();
        first.close();
        second.close();
    }

    @Test
    void anEntryAddedOrRemovedOnOneInstanceReachesTheOthersIndexOnItsNextPoll() {
        FaqEntries here = new FaqEntries(first, firstIndex);
        FaqEntries there = new FaqEntries(second, secondIndex);
        assertThat(there.refresh()).isFalse(); // nothing changed since it loaded

        FaqEntry entry = here.add("telegram", "-100", "When is the weekly study call?", "Thursdays at 18:00 UTC in the "
                + "voice channel.", Instant.now());
        assertThat(secondIndex.best("telegram", "-100", "when is the study call")).isEmpty();

        assertThat(there.refresh()).isTrue();
        assertThat(secondIndex.best("telegram", "-100", "when is the weekly study call"))
                .hasValueSatisfying(match -> assertThat(match.entry().id()).isEqualTo(entry.id()));
        assertThat(there.refresh()).isFalse();

        assertThat(here.remove("telegram", "-100", entry.id())).isTrue();
        assertThat(there.refresh()).isTrue();
        assertThat(secondIndex.best("telegram", "-100", "when is the weekly study call")).isEmpty();
    }
}
