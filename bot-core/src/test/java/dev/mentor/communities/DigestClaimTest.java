package dev.mentor.communities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentor.conversation.MovableClock;
import dev.mentor.chat.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.platforms.DeliveryException;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import dev.mentor.search.FaqIndex;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A digest is claimed, posted outside any transaction, then recorded; each Digests here is one instance. */
class DigestClaimTest {

    private static final Roadmap ROADMAP = new RoadmapLoader().loadBundled();
    private static final String GROUP = "-100200";

    @TempDir
    Path folder;
    private Database database;
    private Communities communities;
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final List<Recipient> posted = new CopyOnWriteArrayList<>();
    private Instant due;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        communities = new Communities(database);
        Community group = communities.findOrCreate("telegram", GROUP, "Study group", ZoneId.of("UTC"), clock.instant());
        communities.update(group.withDigest(true, GROUP));
        due = clock.instant().minus(Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Digests instance(DeliveryPort port) {
        return new Digests(database, ROADMAP, communities, new QuestionLog(database),
                new FaqEntries(database, new FaqIndex()), Map.of("telegram", port), Duration.ofHours(24), clock);
    }

    private void post(Recipient recipient, Reply reply) {
        posted.add(recipient);
    }

    private String state() {
        return database.read(h -> h.createQuery("select state from digest_deliveries").mapTo(String.class).one());
    }

    @Test
    void aDigestWhoseOwnerDiedMidPostIsPostedAgainOnceItsLeaseRanOutAndCounted() {
        DeliveryPort dying = (recipient, reply) -> {
            post(recipient, reply);
            throw new IllegalStateException("killed between the post and its record");
        };
        assertThatThrownBy(() -> instance(dying).dispatch("telegram", GROUP, due)).hasMessageContaining("killed");
        assertThat(state()).isEqualTo("sending");

        Digests survivor = instance(this::post);
        assertThat(survivor.dispatch("telegram", GROUP, due)).isEqualTo(Digests.Outcome.BEING_SENT);
        clock.advance(Digests.CLAIM_LEASE.plusSeconds(1));
        assertThat(survivor.dispatch("telegram", GROUP, due)).isEqualTo(Digests.Outcome.SENT);

        assertThat(posted).hasSize(2);
        assertThat(survivor.possibleDuplicates()).isEqualTo(1);
        assertThat(state()).isEqualTo("sent");
        assertThat(survivor.dispatch("telegram", GROUP, due)).isEqualTo(Digests.Outcome.ALREADY_SENT);
    }

    @Test
    void aFailedPostReleasesItsClaimSoTheNextAttemptPostsIt() {
        DeliveryPort down = (recipient, reply) -> {
            throw DeliveryException.transientFailure("HTTP 502 from the platform", null);
        };
        assertThat(instance(down).dispatch("telegram", GROUP, due)).isEqualTo(Digests.Outcome.FAILED);
        int rows = database.read(h -> h.createQuery("select count(*) from digest_deliveries").mapTo(Integer.class).one());
        assertThat(rows).isZero();

        assertThat(instance(this::post).dispatch("telegram", GROUP, due)).isEqualTo(Digests.Outcome.SENT);
        assertThat(posted).hasSize(1);
    }

    @Test
    void aPostWhoseAnswerNeverCameIsRecordedUncertainCountedAndNotPostedAgain() {
        DeliveryPort unanswered = (recipient, reply) -> {
            post(recipient, reply);
            throw DeliveryException.possiblySent("no answer within 30 s", null);
        };
        Digests digests = instance(unanswered);

        assertThat(digests.dispatch("telegram", GROUP, due)).isEqualTo(Digests.Outcome.SENT);
        assertThat(digests.possiblyPosted()).isEqualTo(1);
        Map<String, Object> row = database.read(h -> h.createQuery("select state, uncertain from digest_deliveries")
                .mapToMap().one());
        assertThat(row).containsEntry("state", "sent").containsEntry("uncertain", 1);
        assertThat(digests.dispatch("telegram", GROUP, due)).isEqualTo(Digests.Outcome.ALREADY_SENT);
        assertThat(posted).hasSize(1);
    }

    @Test
    void aSlowPostHoldsNoTransactionSoAdminsChangesCommitMeanwhile() throws Exception {
        CountDownLatch posting = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        DeliveryPort slow = (recipient, reply) -> {
            posting.countDown();
            try {
                answer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            post(recipient, reply);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Digests.Outcome> digest = pool.submit(() -> instance(slow).dispatch("telegram", GROUP, due));
            assertThat(posting.await(10, TimeUnit.SECONDS)).isTrue();

            Community group = communities.find("telegram", GROUP).orElseThrow();
            pool.submit(() -> communities.update(group.withDigest(false, GROUP))).get(5, TimeUnit.SECONDS);
            answer.countDown();

            assertThat(digest.get(10, TimeUnit.SECONDS)).isEqualTo(Digests.Outcome.SENT);
            assertThat(state()).isEqualTo("sent");
            assertThat(communities.find("telegram", GROUP).orElseThrow().digestOn()).isFalse();
        } finally {
            answer.countDown();
            pool.shutdownNow();
        }
    }
}
