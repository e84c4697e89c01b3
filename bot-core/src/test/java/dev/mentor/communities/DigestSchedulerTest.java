package dev.mentor.communities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.chat.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import dev.mentor.search.FaqIndex;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weekly digest through real Quartz: a missed one goes out once after downtime, never twice across restarts. */
class DigestSchedulerTest {

    private static final Roadmap ROADMAP = new RoadmapLoader().loadBundled();

    @TempDir
    Path folder;

    private final List<Recipient> posted = new CopyOnWriteArrayList<>();
    private final DeliveryPort port = (Recipient recipient, Reply reply) -> posted.add(recipient);

    /**
     * Starts the digests as the mentor does on start-up, waits until the missed ones it queued went out, and
     * stops; returns how many it queued. Nothing else can fall due meanwhile: the weekly time is days away.
     */
    private int runOnce(Duration grace) throws InterruptedException {
        try (Database database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")))) {
            Communities communities = new Communities(database);
            Digests digests = new Digests(database, ROADMAP, communities, new QuestionLog(database),
                    new FaqEntries(database, new FaqIndex()), Map.of("telegram", port), grace, Clock.systemUTC());
            try (DigestScheduler scheduler = new DigestScheduler(communities, digests)) {
                int before = posted.size();
                int queued = scheduler.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (posted.size() < before + queued && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                return queued;
            }
        }
    }

    /** A group whose digest was due ten minutes ago (it would have gone out while the mentor was down). */
    private void groupWithDigestDueTenMinutesAgo() {
        try (Database database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")))) {
            Communities communities = new Communities(database);
            ZonedDateTime due = ZonedDateTime.now(ZoneId.of("Asia/Tokyo")).minusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
            Community group = communities.findOrCreate("telegram", "-100200", "Study group", ZoneId.of("Asia/Tokyo"),
                    Instant.now());
            communities.update(group.withDigest(true, "-100200").withDigestTime(due.getDayOfWeek(), due.toLocalTime()));
        }
    }

    @Test
    void sendsADigestMissedWhileDownOnceAndNotAgainAfterARestart() throws InterruptedException {
        groupWithDigestDueTenMinutesAgo();

        assertThat(runOnce(Duration.ofHours(24))).isEqualTo(1);
        assertThat(posted).singleElement().satisfies(r -> {
            assertThat(r.isConversation()).isTrue();
            assertThat(r.conversationId()).isEqualTo("-100200");
        });

        // Recorded as sent: the restart queues nothing, so nothing can go out twice.
        assertThat(runOnce(Duration.ofHours(24))).isZero();
        assertThat(posted).hasSize(1);
    }

    @Test
    void aDigestTriggerFiringLateCountsTheGraceWindowFromItsScheduledTime() {
        groupWithDigestDueTenMinutesAgo();
        try (Database database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")))) {
            Communities communities = new Communities(database);
            Digests digests = new Digests(database, ROADMAP, communities, new QuestionLog(database),
                    new FaqEntries(database, new FaqIndex()), Map.of("telegram", port), Duration.ofMinutes(5),
                    Clock.systemUTC());
            try (DigestScheduler scheduler = new DigestScheduler(communities, digests)) {
                // Quartz reports a misfired trigger as fired now; the digest was due ten minutes ago.
                scheduler.fireScheduled("telegram", "-100200", Instant.now());
            }
        }
        assertThat(posted).isEmpty();
    }

    @Test
    void skipsADigestMissedLongerAgoThanTheGraceWindow() throws InterruptedException {
        groupWithDigestDueTenMinutesAgo();

        assertThat(runOnce(Duration.ofMinutes(5))).isZero();

        assertThat(posted).isEmpty();
    }
}
