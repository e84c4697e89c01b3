package dev.mentor.conversation;

import dev.mentor.chat.Reply;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import dev.mentor.chat.IncomingMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.communities.CommunityListener;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.LearnerListener;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The engine with the real roadmap and index, driven by the text a learner would send. */
class ConversationEngineTest {

    private static Roadmap roadmap;
    private static ConversationEngine engine;

    private static Database database;

    @BeforeAll
    static void start(@TempDir Path folder) {
        roadmap = new RoadmapLoader().loadBundled();
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        engine = Engines.on(database, roadmap, new TopicSearch(roadmap), LearnerListener.NONE, CommunityListener.NONE,
                Clock.systemUTC(), ZoneOffset.UTC);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static Reply send(String text) {
        return engine.handle(new IncomingMessage("test", null, "chat-1", "user-1", "Ada", text, false, true));
    }

    private static List<String> commands(Reply reply) {
        return reply.buttons().stream().flatMap(List::stream).map(Button::command).toList();
    }

    @Test
    void answersAQuestionWithTitleSummaryWeekAndRelatedTopics() {
        Reply reply = send("what is docker");

        var topic = roadmap.topic("containers").orElseThrow();
        int week = roadmap.weekTeaching("containers").number();
        assertThat(reply.text()).contains(Markup.escape(topic.title()))
                .contains("Week " + week)
                .contains("Read next:");
        assertThat(commands(reply)).contains("/topic containers", "/week " + week)
                .containsAll(topic.related().stream().limit(3).map(id -> "/topic " + id).toList());
    }

    @Test
    void anAnswerLeadsWithThePassageThenSaysWhereItComesFrom() {
        String text = send("what's the difference between PUT and PATCH").text();

        assertThat(text).startsWith("PUT replaces the whole resource");
        assertThat(text.indexOf("From \"What")).isGreaterThan(text.indexOf("PATCH changes only"));
        assertThat(text).contains("Week " + roadmap.weekTeaching("http-methods").number()).contains("Read next:");
    }

    @Test
    void aQuestionInAnotherLanguageGetsAKindEnglishReplyWithTheTopicItNames() {
        Reply reply = send("¿Cómo instalo Docker en Windows para mi proyecto?");

        assertThat(reply.text()).contains("only speak English").contains("/topic containers");
        assertThat(commands(reply)).contains("/topic containers", "/roadmap");
    }

    @Test
    void smallTalkGetsAFriendlyReplyNotADeclineAndIsNotLoggedAsUnanswered() {
        for (String text : List.of("hi", "thanks!", "bye", "help", "what can you do?")) {
            Reply reply = inClub("ada", text, false);
            assertThat(reply.text()).as(text).doesNotContain("I don't know that one");
            assertThat(commands(reply)).as(text).containsAnyOf("/help", "/start");
        }
        assertThat(inClub("admin", "/unanswered", true).text()).startsWith("No unanswered questions");
    }

    @Test
    void phrasesThatMeanACommandRunItOrOfferIt() {
        assertThat(send("what should I do this week?").text()).isEqualTo(send("/week").text());
        assertThat(send("show my progress").text()).isEqualTo(send("/progress").text());
        Reply offered = send("delete my data");
        assertThat(offered.text()).contains("/forget");
        assertThat(commands(offered)).containsExactly("/forget");
    }

    @Test
    void followUpsContinueFromTheLastAnswerOfThatConversation() {
        String first = send("what is the n+1 problem with an orm").text();
        Reply more = send("tell me more");
        Reply example = send("can you give me an example?");
        Reply elsewhere = engine.handle(new IncomingMessage("test", null, "chat-2", "user-2", "Bo", "tell me more",
                false, true));

        assertThat(more.text()).isNotEqualTo(first).containsIgnoringCase("object-relational mapper");
        assertThat(commands(more)).contains("tell me more", "/topic orm");
        assertThat(example.text()).contains("From **");
        assertThat(elsewhere.text()).doesNotContainIgnoringCase("object-relational mapper").contains("More about what?");
    }

    @Test
    void aFollowUpAboutSomethingElseAsksTheLastQuestionAgainAboutIt() {
        send("how do indexes speed up queries");

        String text = send("and in mongo?").text();

        assertThat(text).containsIgnoringCase("mongo");
    }

    @Test
    void aPlainMentionInACommunityIsAnsweredUnlessItsAdminsSwitchedMentionsOff() {
        IncomingMessage question = new IncomingMessage("test", "quiet-club", "quiet-club", "ada", "Ada", "what is docker",
                false, true);
        assertThat(engine.respond(question)).isPresent();

        engine.handle(new IncomingMessage("test", "quiet-club", "quiet-club", "admin", "Admin", "/mentions off", true, true));

        assertThat(engine.respond(question)).isEmpty();
        assertThat(engine.respond(new IncomingMessage("test", "quiet-club", "quiet-club", "ada", "Ada", "/week 2",
                false, true))).isPresent();
        assertThat(engine.respond(new IncomingMessage("test", null, "dm", "ada", "Ada", "what is docker",
                false, true))).isPresent();
    }

    private static Reply inClub(String user, String text, boolean admin) {
        return engine.handle(new IncomingMessage("test", "club-1", "club-1", user, user, text, admin, true));
    }

    @Test
    void declinesQuestionsOutsideTheRoadmapAndPointsAtWhatItCanDo() {
        Reply reply = send("how do I bake bread?");

        assertThat(reply.text()).contains("I don't know that one").contains("/roadmap");
        assertThat(commands(reply)).containsExactly("/roadmap", "/help");
    }

    @Test
    void saysHowItReadATypo() {
        assertThat(send("what is dokcer").text()).contains("I read that as").contains("docker");
    }

    @Test
    void helpListsEveryDeclaredCommandWithItsUsage() {
        String help = send("/help").text();

        Commands.ALL.stream().filter(CommandSpec::listed)
                .forEach(spec -> assertThat(help).contains(Markup.code(spec.usage())));
        assertThat(help).doesNotContain("/vote");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/progres      | /progress",
            "/week2        | /week 2",
            "/strat        | /start",
            "/remnd mon 9  | /remind mon 9",
            "/Topic git    | ",
    })
    void aMistypedCommandGetsDidYouMeanWithAButton(String typed, String meant) {
        Reply reply = send(typed);

        if (meant == null) {
            assertThat(reply.text()).doesNotContain("I don't know the command");
        } else {
            assertThat(reply.text()).contains("Did you mean").contains(meant);
            assertThat(commands(reply)).contains(meant);
        }
    }

    @Test
    void adminCommandsAreRefusedInPrivateAndToMembersInOnePlace() {
        for (CommandSpec spec : Commands.listed(CommandSpec.Scope.ADMIN)) {
            assertThat(send("/" + spec.name()).text()).as(spec.name()).contains("not in a private chat");
            assertThat(engine.handle(new IncomingMessage("console", "club", "club", "ada", "Ada", "/" + spec.name(),
                    false, true)).text()).as(spec.name()).contains("only the admins");
        }
    }

    @Test
    void roadmapShowsEveryStageAndWeek() {
        String text = send("/roadmap").text();

        roadmap.stages().forEach(stage -> assertThat(text).contains("Stage " + stage.number()));
        assertThat(text).contains("Week 26");
    }

    @Test
    void weekShowsItsTopicsAndNumberedGoals() {
        Reply reply = send("/week 5");

        var week = roadmap.week(5).orElseThrow();
        assertThat(reply.text()).contains("Week 5").contains("1. ").contains(Markup.escape(week.goals().getFirst().text()));
        assertThat(commands(reply)).contains("/week 4", "/week 6");
    }

    @Test
    void weekOutsideThePlanOrNotANumberGetsUsage() {
        assertThat(send("/week 99").text()).contains("no week 99").contains("/week N");
        assertThat(send("/week five").text()).contains("not a week number").contains("/week 5");
        assertThat(send("/week").text()).contains("Week 1").contains("/start");
    }

    @Test
    void topicShowsTheWholeTopic() {
        Reply reply = send("/topic git");

        assertThat(reply.text()).contains(roadmap.topic("git").orElseThrow().markdown());
    }

    @Test
    void topicListsTheFirstQuestionsItAnswersWithoutTheirAnswers() {
        var topic = roadmap.topic("http-methods").orElseThrow();
        String text = send("/topic http-methods").text();

        assertThat(text).contains("Questions learners ask").contains("(" + topic.questions().size() + ";")
                .contains(Markup.escape(topic.questions().getFirst().question()))
                .doesNotContain(Markup.escape(topic.questions().get(5).question()))
                .doesNotContain(topic.questions().getFirst().markdown());
    }

    @Test
    void topicAcceptsANameInsteadOfAnId() {
        assertThat(send("/topic docker").text())
                .contains(Markup.escape(roadmap.topic("containers").orElseThrow().title()));
    }

    @Test
    void unknownTopicGetsUsage() {
        assertThat(send("/topic pizza").text()).contains("I have no topic").contains("/topic ID");
    }

    @Test
    void askCommandAndBotMentionSuffixWork() {
        assertThat(send("/ask@mentor_bot what is git").text())
                .contains(Markup.escape(roadmap.topic("git").orElseThrow().title()));
        assertThat(send("/ask").text()).contains("/ask what is docker");
    }

    @Test
    void unknownCommandsGetAFriendlyPointerToHelp() {
        assertThat(send("/dance").text()).contains("/dance").contains("/help");
    }

    @Test
    void badInputGetsAClearMessage() {
        assertThat(send("").text()).contains("empty");
        assertThat(send("x".repeat(10_000)).text()).contains("10000 characters");
        assertThat(send("what is \u0007git").text()).contains("control character");
    }

    @Test
    void learnersMarkupIsEscapedInReplies() {
        String text = send("/topic **pizza** <b>now</b>").text();

        assertThat(text).contains(Markup.escape("**pizza** <b>now</b>")).doesNotContain("**pizza**");
    }

    @Test
    void everyButtonCommandIsItselfUnderstood() {
        for (String command : commands(send("what is docker"))) {
            assertThat(send(command).text()).doesNotContain("I don't know the command").doesNotContain("Usage:");
        }
    }
}
