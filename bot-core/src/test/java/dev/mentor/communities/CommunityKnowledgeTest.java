package dev.mentor.communities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.chat.Button;
import dev.mentor.conversation.ConversationEngine;
import dev.mentor.conversation.Engines;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.chat.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.LearnerListener;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import dev.mentor.search.FaqIndex;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Communities' FAQ, votes, unanswered questions and digest, on a real SQLite file and real Lucene. */
class CommunityKnowledgeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final String GUILD = "guild-1";
    private static final String OTHER_GUILD = "guild-2";

    private static Roadmap roadmap;
    private static TopicSearch search;

    @TempDir
    Path folder;
    private Database database;
    private ConversationEngine engine;

    @BeforeAll
    static void loadRoadmap() {
        roadmap = new RoadmapLoader().loadBundled();
        search = new TopicSearch(roadmap);
    }

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        engine = Engines.on(database, roadmap, search, LearnerListener.NONE, CommunityListener.NONE, CLOCK,
                ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Reply admin(String community, String text) {
        return unescaped(engine.handle(new IncomingMessage("discord", community, "channel-9", "admin-1", "Grace", text,
                true, true)));
    }

    private Reply member(String community, String user, String text) {
        return unescaped(engine.handle(new IncomingMessage("discord", community, "channel-9", user, "Ada", text, false,
                true)));
    }

    /** The reply with the markup's backslash escapes taken out, so assertions read like what a learner sees. */
    private static Reply unescaped(Reply reply) {
        return new Reply(reply.text().replaceAll("\\\\(\\p{Punct})", "$1"), reply.buttons());
    }

    @Test
    void findsAnEntryRightAfterItIsAddedAndAfterARestart() {
        Reply added = admin(GUILD, "/faq add When is the weekly study call? | Thursdays at 18:00 UTC in the voice channel");
        assertThat(added.text()).contains("Added FAQ entry");

        assertThat(member(GUILD, "u1", "when is the study call").text())
                .contains("Thursdays at 18:00 UTC").contains("community's FAQ");

        database.close();
        open();
        assertThat(member(GUILD, "u1", "when is the weekly study call").text()).contains("Thursdays at 18:00 UTC");
        assertThat(admin(GUILD, "/faq list").text()).contains("When is the weekly study call?");
    }

    @Test
    void neverAnswersFromAnotherCommunitysEntries() {
        admin(GUILD, "/faq add When is the weekly study call? | Thursdays at 18:00 UTC");

        assertThat(member(OTHER_GUILD, "u1", "when is the weekly study call").text()).doesNotContain("Thursdays");
        assertThat(unescaped(engine.handle(new IncomingMessage("telegram", GUILD, GUILD, "u1", "Ada",
                "when is the weekly study call", false, true))).text()).doesNotContain("Thursdays");
        assertThat(engine.handle(new IncomingMessage("discord", null, "dm", "u1", "Ada",
                "when is the weekly study call", false, true)).text()).doesNotContain("Thursdays");
    }

    @Test
    void roadmapTopicsStillAnswerWhatTheyCoverBesideFaqEntries() {
        admin(GUILD, "/faq add Which docker image do we use for the course project? | mentor/course:latest");

        assertThat(member(GUILD, "u1", "what is docker").text()).contains("Containers").doesNotContain("mentor/course");
        assertThat(member(GUILD, "u1", "which docker image for the course project").text()).contains("mentor/course");
    }

    @Test
    void refusesAdminCommandsToMembersAndInPrivateChats() {
        assertThat(member(GUILD, "u1", "/faq add a | b").text()).contains("only the admins");
        assertThat(member(GUILD, "u1", "/digest on").text()).contains("only the admins");
        assertThat(member(GUILD, "u1", "/unanswered").text()).contains("only the admins");
        assertThat(engine.handle(new IncomingMessage("discord", null, "dm", "u1", "Ada", "/faq list", true, true)).text())
                .contains("not in a private chat");
        assertThat(new FaqEntries(database, new FaqIndex()).list("discord", GUILD)).isEmpty();
    }

    @Test
    void removesOnlyTheCommunitysOwnEntries() {
        String id = idIn(admin(GUILD, "/faq add When is the weekly study call? | Thursdays").text());

        assertThat(admin(OTHER_GUILD, "/faq remove " + id).text()).contains("has no FAQ entry");
        assertThat(member(GUILD, "u1", "when is the weekly study call").text()).contains("Thursdays");
        assertThat(admin(GUILD, "/faq remove " + id).text()).contains("Removed");
        assertThat(member(GUILD, "u1", "when is the weekly study call").text()).doesNotContain("Thursdays");
    }

    @Test
    void countsOneVotePerLearnerPerAnswer() {
        Reply answer = member(GUILD, "u1", "what is docker");
        String down = voteCommand(answer, "down");

        assertThat(member(GUILD, "u1", down).text()).startsWith("Thanks");
        assertThat(member(GUILD, "u1", down).text()).contains("already voted");
        assertThat(member(GUILD, "u1", voteCommand(member(GUILD, "u1", "what is docker"), "up")).text())
                .contains("already voted");
        assertThat(member(GUILD, "u2", down.replace("down", "up")).text()).startsWith("Thanks");

        assertThat(new QuestionLog(database).votes("discord", "topic:containers")).containsExactly(1, 1);
    }

    @Test
    void listsDeclinedAndVotedDownQuestionsGroupedByWordingMostAskedFirst() {
        member(GUILD, "u1", "how do I bake sourdough bread");
        member(GUILD, "u2", "bake sourdough bread how");
        member(GUILD, "u3", "Bake sourdough bread?");
        member(GUILD, "u1", "what is the best pizza topping");
        member(OTHER_GUILD, "u1", "how do I knit a scarf");
        member(GUILD, "u4", voteCommand(member(GUILD, "u4", "what is docker"), "down"));
        member(GUILD, "u5", "what is git");

        String list = admin(GUILD, "/unanswered").text();

        assertThat(list).contains("Bake sourdough bread? × 3").contains("pizza topping × 1").contains("what is docker × 1")
                .doesNotContain("scarf").doesNotContain("what is git");
        assertThat(list.indexOf("sourdough")).isLessThan(list.indexOf("pizza"));
    }

    @Test
    void unansweredLeavesOutSmallTalk() {
        for (String chat : List.of("hi", "Thanks!", "thank you so much", "ok", "lol", "👍", "hello everyone")) {
            member(GUILD, "u1", chat);
        }
        member(GUILD, "u2", "how do I bake sourdough bread");

        String list = admin(GUILD, "/unanswered").text();

        assertThat(list).contains("sourdough").doesNotContain("Thanks").doesNotContain("thank")
                .doesNotContain("lol").doesNotContain("hello").doesNotContain("ok ×").doesNotContain("hi ×");
        assertThat(list.lines().filter(line -> line.matches("\\d+\\. .*"))).hasSize(1);
    }

    @Test
    void unansweredShowsTheTenMostAskedThenHowManyMore() {
        List<String> offTopic = List.of("how do I bake sourdough bread", "what is the best pizza topping",
                "how do I knit a scarf", "where can I buy cheap flights", "how do I grow tomatoes on a balcony",
                "which guitar should a beginner buy", "how do I fold origami cranes", "what is a good name for my cat",
                "how long should I boil an egg", "who won the last football world cup", "how do I train for a marathon",
                "what is the best way to learn the piano");
        for (int i = 0; i < offTopic.size(); i++) {
            member(GUILD, "u" + i, offTopic.get(i));
        }
        member(GUILD, "u20", "how do I bake sourdough bread");
        member(GUILD, "u21", "how do I bake sourdough bread");

        String list = admin(GUILD, "/unanswered").text();

        assertThat(list.lines().filter(line -> line.matches("\\d+\\. .* × \\d+"))).hasSize(10);
        assertThat(list).contains("1. how do I bake sourdough bread × 3").contains("…and 2 more.");
    }

    @Test
    void unansweredDropsWhatThisCommunitysFaqNowAnswers() {
        member(GUILD, "u1", "when is the pizza night");
        member(GUILD, "u2", "When is the pizza night?");
        member(GUILD, "u3", "how do I knit a scarf");
        assertThat(admin(GUILD, "/unanswered").text()).contains("pizza night? × 2").contains("scarf");

        admin(GUILD, "/faq add When is the pizza night? | Fridays after the study call");
        admin(OTHER_GUILD, "/faq add How do I knit a scarf? | Ask in the crafts channel");

        assertThat(admin(GUILD, "/unanswered").text()).doesNotContain("pizza").contains("scarf");
    }

    @Test
    void aVotedDownFaqAnswerStaysOnTheListUntilAnotherEntryAnswersIt() {
        String vague = idIn(admin(GUILD, "/faq add When is the weekly study call? | Sometime").text());
        member(GUILD, "u1", voteCommand(member(GUILD, "u1", "when is the weekly study call"), "down"));

        assertThat(admin(GUILD, "/unanswered").text()).contains("when is the weekly study call × 1");

        admin(GUILD, "/faq remove " + vague);
        admin(GUILD, "/faq add When is the weekly study call? | Thursdays at 18:00 UTC");
        assertThat(admin(GUILD, "/unanswered").text()).doesNotContain("study call");
    }

    @Test
    void purgesQuestionsOlderThanTheRetentionPeriod() {
        QuestionLog log = new QuestionLog(database);
        log.record("discord", GUILD, "old question", "old question", null, CLOCK.instant().minus(Duration.ofDays(100)));
        log.record("discord", GUILD, "new question", "new question", null, CLOCK.instant().minus(Duration.ofDays(1)));

        assertThat(log.purgeOlderThan(Duration.ofDays(90), CLOCK.instant())).isEqualTo(1);
        assertThat(log.unanswered("discord", GUILD, Instant.EPOCH)).extracting(QuestionLog.Unanswered::example)
                .containsExactly("new question");
    }

    @Test
    void digestShowsTheCommunitysWeekQuestionsAndNewEntriesAndGoesOutOnceAWeek() {
        member(GUILD, "u1", "/start");
        member(GUILD, "u2", "/start");
        member(GUILD, "u2", "/goto 3");
        member(GUILD, "u3", "/start");
        member(GUILD, "u1", "what is docker");
        member(GUILD, "u2", "what is docker");
        admin(GUILD, "/faq add When is the weekly study call? | Thursdays");
        admin(GUILD, "/digest on");
        List<Recipient> posted = new CopyOnWriteArrayList<>();
        List<Reply> digests = new CopyOnWriteArrayList<>();
        DeliveryPort port = (recipient, reply) -> {
            posted.add(recipient);
            digests.add(reply);
        };
        Communities communities = new Communities(database);
        QuestionLog questions = new QuestionLog(database);
        Digests digest = new Digests(database, roadmap, communities, questions, new FaqEntries(database, new FaqIndex()),
                Map.of("discord", port), Duration.ofHours(24), CLOCK);
        Instant due = Instant.parse("2026-11-23T10:00:00Z");

        assertThat(digest.dispatch("discord", GUILD, due)).isEqualTo(Digests.Outcome.SENT);
        assertThat(digest.dispatch("discord", GUILD, due)).isEqualTo(Digests.Outcome.ALREADY_SENT);
        assertThat(digest.dispatch("discord", GUILD, due.plusSeconds(60))).isEqualTo(Digests.Outcome.ALREADY_SENT);

        assertThat(posted).singleElement().satisfies(r -> assertThat(r.conversationId()).isEqualTo("channel-9"));
        assertThat(unescaped(digests.getFirst()).text()).contains("3 learners").contains("week 1")
                .contains("what is docker (×2)").contains("When is the weekly study call?");
        assertThat(digest.dispatch("discord", OTHER_GUILD, due)).isEqualTo(Digests.Outcome.OFF);
    }

    @Test
    void aDigestCountsOneLearnerInTheSingularAndShowsUtcByThatName() {
        member(GUILD, "u1", "/start");
        assertThat(admin(GUILD, "/digest").text()).contains("Monday at 10:00 (UTC)");
        Communities communities = new Communities(database);
        Digests digest = new Digests(database, roadmap, communities, new QuestionLog(database),
                new FaqEntries(database, new FaqIndex()), Map.of(), Duration.ofHours(24), CLOCK);

        String text = unescaped(digest.compose(communities.find("discord", GUILD).orElseThrow())).text();

        assertThat(text).contains("1 learner here, in **week 1").doesNotContain("1 learners");
    }

    @Test
    void forgettingALearnerRemovesTheirVotes() {
        member(GUILD, "u1", "/start");
        member(GUILD, "u1", voteCommand(member(GUILD, "u1", "what is docker"), "up"));
        member(GUILD, "u1", "/forget");
        member(GUILD, "u1", "/forget confirm");

        int votes = database.read(h -> h.createQuery("select count(*) from answer_votes").mapTo(Integer.class).one());
        assertThat(votes).isZero();
    }

    private static String voteCommand(Reply answer, String direction) {
        return answer.buttons().stream().flatMap(List::stream).map(Button::command)
                .filter(command -> command.startsWith("/vote " + direction)).findFirst().orElseThrow();
    }

    private static String idIn(String text) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("entry `([a-z0-9]+)`").matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }
}
