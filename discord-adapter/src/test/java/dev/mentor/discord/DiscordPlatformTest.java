package dev.mentor.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.communities.Communities;
import dev.mentor.communities.CommunityListener;
import dev.mentor.chat.Button;
import dev.mentor.chat.Conversation;
import dev.mentor.conversation.ConversationEngine;
import dev.mentor.conversation.Engines;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.chat.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.LearnerListener;
import dev.mentor.learners.Learners;
import dev.mentor.platforms.PlatformMeters;
import dev.mentor.platforms.PlatformStartException;
import dev.mentor.platforms.ProcessedEvents;
import dev.mentor.platforms.SendBudget;
import dev.mentor.platforms.DeliveryException;
import dev.mentor.platforms.Recipient;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter driving the real Discord4J client against a fake Discord on 127.0.0.1. */
class DiscordPlatformTest {

    /**
     * Closing waits this long at most for a logout Discord4J lost (see {@link DiscordPlatform#LOGOUT_WAIT}): the
     * fake closes as Discord does, and now and then the two close frames cross.
     */
    private static final Duration LOGOUT_WAIT = Duration.ofSeconds(1);

    private static final String ADA = "600000000000000001";
    private static final int EPHEMERAL = 1 << 6;

    private static Roadmap roadmap;

    @TempDir
    Path folder;

    private Database database;
    private Communities communities;
    private FakeDiscord discord;
    private final List<DiscordPlatform> platforms = new ArrayList<>();

    /** Answers every message with a fixed reply and remembers what it was asked. */
    private static final class RecordingConversation implements Conversation {
        final List<IncomingMessage> received = new CopyOnWriteArrayList<>();

        @Override
        public Reply handle(IncomingMessage message) {
            received.add(message);
            return new Reply("You said `" + message.text() + "`", List.of(List.of(new Button("Week 2", "/week 2"))));
        }
    }

    @BeforeAll
    static void loadRoadmap() {
        roadmap = new RoadmapLoader().loadBundled();
    }

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        communities = new Communities(database);
        discord = new FakeDiscord();
    }

    @AfterEach
    void close() {
        platforms.forEach(DiscordPlatform::close);
        discord.close();
        database.close();
    }

    private DiscordPlatform platform(Map<String, String> extraSettings) {
        return platform(extraSettings, null);
    }

    private DiscordPlatform platform(Map<String, String> extraSettings, SendBudget restBudget) {
        Map<String, String> environment = new HashMap<>(discord.environment());
        environment.putAll(extraSettings);
        DiscordPlatform platform = new DiscordPlatform(DiscordSettings.fromEnvironment(environment), roadmap, communities,
                new ProcessedEvents(database), restBudget, ZoneOffset.UTC, Clock.systemUTC(), LOGOUT_WAIT);
        platforms.add(platform);
        return platform;
    }

    private DiscordPlatform started(Conversation conversation) throws PlatformStartException {
        DiscordPlatform platform = platform(Map.of());
        platform.start(conversation);
        return platform;
    }

    private ConversationEngine engine() {
        return Engines.on(database, roadmap, new TopicSearch(roadmap), LearnerListener.NONE, CommunityListener.NONE,
                Clock.systemUTC(), ZoneOffset.UTC);
    }

    private FakeDiscord.Request callbackOf(JsonNode interaction) {
        String path = "/interactions/" + interaction.path("id").asText() + "/" + interaction.path("token").asText()
                + "/callback";
        return discord.await(request -> request.is("POST", java.util.regex.Pattern.quote(path)));
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.path("name").asText()).toList();
    }

    private static JsonNode command(JsonNode commands, String name) {
        return StreamSupport.stream(commands.spliterator(), false).filter(node -> node.path("name").asText().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void registersEveryCommandAtStartWithAdminCommandsHiddenFromMembers() throws Exception {
        started(new RecordingConversation());

        JsonNode commands = discord.await(request -> request.is("PUT", "/applications/" + FakeDiscord.BOT_ID + "/commands"))
                .body();
        assertThat(names(commands)).contains("ask", "week", "done", "undo", "progress", "remind", "timezone", "roadmap",
                "topic", "help", "start", "next", "goto", "snooze", "forget", "digest", "mentions", "faq", "unanswered");
        assertThat(command(commands, "ask").path("options").path(0).path("required").asBoolean()).isTrue();
        assertThat(command(commands, "topic").path("options").path(0).path("autocomplete").asBoolean()).isTrue();
        assertThat(command(commands, "week").path("options").path(0).path("max_value").asInt())
                .isEqualTo(roadmap.weeks().size());
        for (String admin : List.of("digest", "mentions", "faq", "unanswered")) {
            assertThat(command(commands, admin).path("default_member_permissions").asText()).as(admin).isEqualTo("32");
            assertThat(command(commands, admin).path("contexts").toString()).as(admin).isEqualTo("[0]");
        }
        assertThat(command(commands, "ask").path("default_member_permissions").isMissingNode()
                || command(commands, "ask").path("default_member_permissions").isNull()).isTrue();
        assertThat(names(command(commands, "digest").path("options"))).containsExactly("on", "off", "schedule", "zone");
    }

    @Test
    void answersAnAskInteractionWithAnEmbedFromTheEngine() throws Exception {
        started(engine());

        var options = discord.stringOption("question", "what is docker");
        JsonNode interaction = discord.slashCommand("ask", discord.member(ADA, "Ada", FakeDiscord.EVERYONE), options);
        discord.dispatch("INTERACTION_CREATE", interaction);

        JsonNode callback = callbackOf(interaction).body();
        assertThat(callback.path("type").asInt()).isEqualTo(4);
        JsonNode data = callback.path("data");
        assertThat(data.path("flags").asInt(0) & EPHEMERAL).as("a question is answered for all to see").isZero();
        String description = data.path("embeds").path(0).path("description").asText();
        assertThat(description).contains(roadmap.topic("containers").orElseThrow().title())
                .contains("(`/topic ").doesNotContain("](topic:");
        List<String> customIds = new ArrayList<>();
        data.path("components").forEach(row -> row.path("components").forEach(b -> customIds.add(b.path("custom_id").asText())));
        assertThat(customIds).contains("/topic containers");
    }

    @Test
    void aButtonPressIsItsCommandAndPersonalAnswersAreEphemeralInServers() throws Exception {
        RecordingConversation conversation = new RecordingConversation();
        started(conversation);

        JsonNode press = discord.button("/week 2", discord.member(ADA, "Ada", FakeDiscord.EVERYONE));
        discord.dispatch("INTERACTION_CREATE", press);

        JsonNode data = callbackOf(press).body().path("data");
        assertThat(data.path("flags").asInt(0) & EPHEMERAL).isEqualTo(EPHEMERAL);
        assertThat(conversation.received).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("/week 2");
            assertThat(message.platform()).isEqualTo("discord");
            assertThat(message.communityId()).isEqualTo(FakeDiscord.GUILD);
            assertThat(message.conversationId()).isEqualTo(FakeDiscord.LEARNING_CHANNEL);
            assertThat(message.userId()).isEqualTo(ADA);
            assertThat(message.senderIsAdmin()).isFalse();
        });
        assertThat(data.path("embeds").path(0).path("description").asText()).isEqualTo("You said `/week 2`");
        assertThat(data.path("components").path(0).path("components").path(0).path("custom_id").asText())
                .isEqualTo("/week 2");
    }

    /**
     * The answer to an interaction that carries files: its response, or, when the answer took long enough to
     * be deferred, the edit of the deferred reply. Its JSON is the message's.
     */
    private FakeDiscord.Request answerWithFiles(JsonNode interaction) {
        String token = java.util.regex.Pattern.quote(interaction.path("token").asText());
        FakeDiscord.Request answer = discord.await(request -> !request.files().isEmpty()
                && (request.is("POST", "/interactions/\\d+/" + token + "/callback")
                        || request.is("PATCH", "/webhooks/\\d+/" + token + "/messages/@original")));
        if (answer.method().equals("POST")) {
            return new FakeDiscord.Request(answer.method(), answer.path(), answer.body().path("data"), answer.files());
        }
        return answer;
    }

    private static int flags(FakeDiscord.Request answer, JsonNode interaction, FakeDiscord discord) {
        // A deferred reply's flags are set when it is deferred.
        JsonNode callback = discord.await(request -> request.is("POST", "/interactions/\\d+/"
                + java.util.regex.Pattern.quote(interaction.path("token").asText()) + "/callback")).body();
        return callback.path("data").path("flags").asInt(0);
    }

    @Test
    void statsFromAServerAdminShowsTheChartInAnEmbedWithThePngUploadedBesideIt() throws Exception {
        started(engine());
        JsonNode member = discord.slashCommand("stats", discord.member(ADA, "Ada", FakeDiscord.EVERYONE), null);
        discord.dispatch("INTERACTION_CREATE", member);
        assertThat(callbackOf(member).body().path("data").path("embeds").path(0).path("description").asText())
                .contains("Manage Server");
        assertThat(callbackOf(member).files()).isEmpty();

        JsonNode interaction = discord.slashCommand("stats", discord.member(ADA, "Ada",
                FakeDiscord.EVERYONE | FakeDiscord.MANAGE_GUILD), null);
        discord.dispatch("INTERACTION_CREATE", interaction);

        FakeDiscord.Request answer = answerWithFiles(interaction);
        assertThat(answer.body().path("embeds").path(0).path("description").asText()).contains("This community at a glance");
        assertThat(answer.body().path("embeds").path(1).path("image").path("url").asText())
                .isEqualTo("attachment://community-stats.png");
        FakeDiscord.Upload upload = answer.files().getFirst();
        assertThat(upload.fileName()).isEqualTo("community-stats.png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(upload.bytes()));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(680);
        assertThat(flags(answer, interaction, discord) & EPHEMERAL).as("admins' answers are theirs alone").isEqualTo(EPHEMERAL);
    }

    @Test
    void myDataInAServerIsShownToTheMemberAloneWithTheJsonFileAttached() throws Exception {
        started(engine());
        JsonNode start = discord.slashCommand("start", discord.member(ADA, "Ada", FakeDiscord.EVERYONE), null);
        discord.dispatch("INTERACTION_CREATE", start);
        callbackOf(start);

        JsonNode interaction = discord.slashCommand("mydata", discord.member(ADA, "Ada", FakeDiscord.EVERYONE), null);
        discord.dispatch("INTERACTION_CREATE", interaction);

        FakeDiscord.Request answer = answerWithFiles(interaction);
        assertThat(flags(answer, interaction, discord) & EPHEMERAL).isEqualTo(EPHEMERAL);
        FakeDiscord.Upload upload = answer.files().getFirst();
        assertThat(upload.fileName()).isEqualTo("mentor-data.json");
        JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(upload.bytes());
        assertThat(data.path("tables").path("learners").path(0).path("platform_user_id").asText()).isEqualTo(ADA);
    }

    @Test
    void aFileOverEightMegabytesIsNotUploadedAndTheMessageSaysSo() throws Exception {
        DiscordPlatform platform = platform(Map.of());
        byte[] small = new byte[1000];
        new java.util.Random(3).nextBytes(small);
        Reply reply = Reply.of("Your files")
                .withAttachment(new dev.mentor.chat.Attachment("small.bin", "application/octet-stream", small, ""))
                .withAttachment(new dev.mentor.chat.Attachment("huge.bin", "application/octet-stream",
                        new byte[ReplyLayout.MAX_FILE_BYTES + 1], ""));

        platform.deliveryPort().deliver(Recipient.conversation("discord", FakeDiscord.GUILD, FakeDiscord.LEARNING_CHANNEL,
                "learning"), reply);

        FakeDiscord.Request posted = discord.await(request -> request.is("POST", "/channels/\\d+/messages"));
        assertThat(posted.files()).extracting(FakeDiscord.Upload::fileName).containsExactly("small.bin");
        assertThat(posted.files().getFirst().bytes()).isEqualTo(small);
        assertThat(posted.body().path("embeds").path(0).path("description").asText())
                .contains("huge.bin").contains("8.0 MB").contains("up to 8 MB");
    }

    @Test
    void refusesAdminCommandsWithoutManageServer() throws Exception {
        RecordingConversation conversation = new RecordingConversation();
        started(conversation);

        JsonNode member = discord.slashCommand("digest", discord.member(ADA, "Ada", FakeDiscord.EVERYONE),
                discord.subcommand("on"));
        discord.dispatch("INTERACTION_CREATE", member);
        JsonNode refusal = callbackOf(member).body().path("data");
        assertThat(refusal.path("flags").asInt(0) & EPHEMERAL).isEqualTo(EPHEMERAL);
        assertThat(refusal.path("embeds").path(0).path("description").asText()).contains("Manage Server");

        JsonNode admin = discord.slashCommand("digest", discord.member("600000000000000002", "Grace",
                FakeDiscord.EVERYONE | FakeDiscord.MANAGE_GUILD), discord.subcommand("on"));
        discord.dispatch("INTERACTION_CREATE", admin);
        callbackOf(admin);
        assertThat(conversation.received).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("/digest on");
            assertThat(message.userId()).isEqualTo("600000000000000002");
            assertThat(message.senderIsAdmin()).isTrue();
        });
    }

    @Test
    void welcomesAServerOnceAcrossAReconnectAndARestart() throws Exception {
        DiscordPlatform first = started(new RecordingConversation());
        JsonNode welcome = discord.await(request -> request.is("POST", "/channels/" + FakeDiscord.LEARNING_CHANNEL
                + "/messages")).body();
        assertThat(welcome.path("embeds").path(0).path("description").asText()).contains("/digest on");

        discord.dispatch("GUILD_CREATE", discord.guild());
        settle(first);
        first.close();
        DiscordPlatform second = started(new RecordingConversation());
        settle(second);

        assertThat(discord.requests(request -> request.path().matches("/channels/\\d+/messages")))
                .as("one welcome, in the first channel the mentor may post in").hasSize(1);
        assertThat(communities.find("discord", FakeDiscord.GUILD).orElseThrow().welcomedAt()).isNotNull();
    }

    /** Sends an interaction after everything before it and waits until all of it is handled. */
    private void settle(DiscordPlatform platform) throws InterruptedException {
        JsonNode help = discord.slashCommand("help", discord.member(ADA, "Ada", FakeDiscord.EVERYONE), null);
        discord.dispatch("INTERACTION_CREATE", help);
        callbackOf(help);
        assertThat(platform.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void closingLetsAReplyInFlightFinish() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch mayAnswer = new java.util.concurrent.CountDownLatch(1);
        DiscordPlatform platform = started(message -> {
            asked.countDown();
            try {
                mayAnswer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.of("Late but complete");
        });
        JsonNode interaction = discord.slashCommand("help", discord.member(ADA, "Ada", FakeDiscord.EVERYONE), null);
        discord.dispatch("INTERACTION_CREATE", interaction);
        asked.await();

        Thread closing = new Thread(platform::close);
        closing.start();
        mayAnswer.countDown();
        closing.join();

        assertThat(discord.requests(request -> request.path().endsWith("/callback")))
                .singleElement()
                .satisfies(callback -> assertThat(callback.body().toString()).contains("Late but complete"));
    }

    @Test
    void anInteractionReachingTwoInstancesIsAnsweredOnce() throws Exception {
        // As while a shard moves between instances, or when a resumed session replays it.
        RecordingConversation first = new RecordingConversation();
        RecordingConversation second = new RecordingConversation();
        DiscordPlatform one = started(first);
        DiscordPlatform two = started(second);

        JsonNode press = discord.button("/week 2", discord.member(ADA, "Ada", FakeDiscord.EVERYONE));
        discord.dispatch("INTERACTION_CREATE", press);
        callbackOf(press);
        settle(one);
        settle(two);

        String callbackPath = "/interactions/" + press.path("id").asText() + "/";
        assertThat(discord.requests(request -> request.path().startsWith(callbackPath))).hasSize(1);
        List<String> texts = new ArrayList<>();
        first.received.forEach(message -> texts.add(message.text()));
        second.received.forEach(message -> texts.add(message.text()));
        assertThat(texts).filteredOn("/week 2"::equals).hasSize(1);
    }

    @Test
    void aDirectMessageReplayedAfterAResumeIsAnsweredOnce() throws Exception {
        RecordingConversation conversation = new RecordingConversation();
        DiscordPlatform platform = started(conversation);

        var message = discord.message("556", FakeDiscord.LEARNING_CHANNEL, discord.user(ADA, "Ada", false), "what is git?");
        discord.dispatch("MESSAGE_CREATE", message);
        discord.dispatch("MESSAGE_CREATE", message);
        settle(platform);

        assertThat(conversation.received).filteredOn(received -> received.text().equals("what is git?")).hasSize(1);
        assertThat(discord.requests(request -> request.is("POST", "/channels/" + FakeDiscord.LEARNING_CHANNEL
                + "/messages") && request.body().path("message_reference").path("message_id").asText().equals("556")))
                .hasSize(1);
    }

    @Test
    void requestsTakeFromTheBotsSharedBudgetButInteractionResponsesDoNot() throws Exception {
        List<String> taken = new CopyOnWriteArrayList<>();
        SendBudget budget = new SendBudget() {
            @Override
            public void take() {
                taken.add("take");
            }

            @Override
            public boolean tryTake(int leaving) {
                taken.add("tryTake");
                return true;
            }
        };
        DiscordPlatform platform = platform(Map.of(), budget);
        platform.start(new RecordingConversation());
        settle(platform);
        int atStart = taken.size();
        assertThat(atStart).as("start-up's requests (token check, commands, welcome)").isPositive();

        JsonNode press = discord.button("/week 2", discord.member(ADA, "Ada", FakeDiscord.EVERYONE));
        discord.dispatch("INTERACTION_CREATE", press);
        callbackOf(press);
        settle(platform);
        assertThat(taken).as("interaction responses are outside Discord's global limit").hasSize(atStart);

        platform.deliveryPort().deliver(Recipient.learner("discord", ADA, "Ada", FakeDiscord.GUILD), Reply.of("Your goals"));
        int posted = discord.requests(request -> request.method().equals("POST")
                && !request.path().startsWith("/interactions/")).size();
        assertThat(taken).as("one take per REST request after start").hasSizeGreaterThanOrEqualTo(atStart + 2)
                .containsOnly("take");
        assertThat(posted).isPositive();
    }

    @Test
    void asksForMessageContentOnlyWhenTheSettingIsOn() throws Exception {
        int messageContent = 1 << 15;
        started(new RecordingConversation()).close();
        platform(Map.of(DiscordSettings.MESSAGE_CONTENT, "true")).start(new RecordingConversation());

        List<JsonNode> identifies = discord.identifies();
        assertThat(identifies).hasSize(2);
        assertThat(identifies.get(0).path("intents").asInt() & messageContent).isZero();
        assertThat(identifies.get(1).path("intents").asInt() & messageContent).isEqualTo(messageContent);
    }

    @Test
    void runsOnlyTheShardsItIsGiven() throws Exception {
        platform(Map.of(DiscordSettings.SHARD_COUNT, "3", DiscordSettings.SHARDS, "1")).start(new RecordingConversation());

        assertThat(discord.identifies()).singleElement()
                .satisfies(identify -> assertThat(identify.path("shard").toString()).isEqualTo("[1,3]"));
    }

    @Test
    void theSecondOfTwoInstancesRunsItsShardAndLeavesTheCommandsToTheFirst() throws Exception {
        platform(Map.of(DiscordSettings.INSTANCE_ORDINAL, "1", DiscordSettings.INSTANCE_COUNT, "2"))
                .start(new RecordingConversation());

        assertThat(discord.identifies()).singleElement()
                .satisfies(identify -> assertThat(identify.path("shard").toString()).isEqualTo("[1,2]"));
        assertThat(discord.requests(request -> request.is("PUT", "/applications/\\d+/commands"))).isEmpty();
    }

    @Test
    void suggestsTopicTitlesWhileTheLearnerTypes() throws Exception {
        started(new RecordingConversation());

        JsonNode typing = discord.autocomplete("contain");
        discord.dispatch("INTERACTION_CREATE", typing);

        JsonNode callback = callbackOf(typing).body();
        assertThat(callback.path("type").asInt()).isEqualTo(8);
        JsonNode choice = callback.path("data").path("choices").path(0);
        assertThat(choice.path("value").asText()).isEqualTo("containers");
        assertThat(choice.path("name").asText()).isEqualTo(roadmap.topic("containers").orElseThrow().title());
    }

    @Test
    void answersAMentionWithoutItWhenMessageContentIsOn() throws Exception {
        RecordingConversation conversation = new RecordingConversation();
        DiscordPlatform platform = platform(Map.of(DiscordSettings.MESSAGE_CONTENT, "true"));
        platform.start(conversation);

        var message = discord.message("555", FakeDiscord.LEARNING_CHANNEL, discord.user(ADA, "Ada", false),
                "<@" + FakeDiscord.BOT_ID + "> what is git?");
        message.putArray("mentions").add(discord.user(Long.toString(FakeDiscord.BOT_ID), "Mentor", true));
        message.put("guild_id", FakeDiscord.GUILD);
        discord.dispatch("MESSAGE_CREATE", message);

        JsonNode answer = discord.await(request -> request.is("POST", "/channels/" + FakeDiscord.LEARNING_CHANNEL
                + "/messages") && request.body().has("message_reference")).body();
        assertThat(answer.path("message_reference").path("message_id").asText()).isEqualTo("555");
        assertThat(conversation.received).singleElement()
                .satisfies(received -> assertThat(received.text()).isEqualTo("what is git?"));
    }

    @Test
    void aReminderFallsBackToTheCommunityChannelWithAMentionWhenDmsAreClosed() throws Exception {
        communities.update(communities.findOrCreate("discord", FakeDiscord.GUILD, "Backend Learners", ZoneOffset.UTC,
                java.time.Instant.now()).withDigest(true, FakeDiscord.SYSTEM_CHANNEL));
        discord.closeDmsOf(ADA);
        DiscordPlatform platform = platform(Map.of());

        platform.deliveryPort().deliver(Recipient.learner("discord", ADA, "Ada", FakeDiscord.GUILD),
                Reply.of("Your goals for **week 3**"));

        List<FakeDiscord.Request> posts = discord.requests(request -> request.path().matches("/channels/\\d+/messages"));
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).path()).isEqualTo("/channels/" + FakeDiscord.SYSTEM_CHANNEL + "/messages");
        JsonNode fallback = posts.get(1).body();
        assertThat(fallback.path("content").asText()).isEqualTo("<@" + ADA + ">");
        assertThat(fallback.path("allowed_mentions").path("users").toString()).isEqualTo("[\"" + ADA + "\"]");
        assertThat(fallback.path("embeds").path(0).path("description").asText()).isEqualTo("Your goals for **week 3**");
    }

    @Test
    void aReminderWhoseAnswerComesTooLateIsPossiblySentAndNotPostedAgain() {
        discord.answerMessagesAfter(Duration.ofSeconds(2));
        DiscordDelivery delivery = new DiscordDelivery(DiscordPlatform.client(DiscordSettings.fromEnvironment(
                discord.environment()), null), communities, Duration.ofMillis(500), new PlatformMeters("discord"));

        assertThatThrownBy(() -> delivery.deliver(Recipient.learner("discord", ADA, "Ada", FakeDiscord.GUILD),
                Reply.of("Your goals")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPossiblySent()).isTrue());
        assertThat(discord.requests(request -> request.path().matches("/channels/\\d+/messages"))).hasSize(1);
    }

    @Test
    void aReminderIsRefusedForGoodWhenDmsAreClosedAndTheCommunityHasNoChannel() {
        discord.closeDmsOf(ADA);
        DiscordPlatform platform = platform(Map.of());

        assertThatThrownBy(() -> platform.deliveryPort().deliver(Recipient.learner("discord", ADA, "Ada", FakeDiscord.GUILD),
                Reply.of("Your goals")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isTrue());
    }

    @Test
    void aDigestGoesToTheCommunityConversation() throws Exception {
        DiscordPlatform platform = platform(Map.of());

        platform.deliveryPort().deliver(Recipient.conversation("discord", FakeDiscord.GUILD, FakeDiscord.LEARNING_CHANNEL,
                "Backend Learners"), Reply.of("This week in Backend Learners"));

        assertThat(discord.requestLines()).containsExactly("POST /channels/" + FakeDiscord.LEARNING_CHANNEL + "/messages");
    }

    @Test
    void aWrongTokenFailsAtStartNamingTheSettingButNotTheToken() {
        String wrong = FakeDiscord.tokenFor(FakeDiscord.BOT_ID) + "-revoked";
        DiscordPlatform platform = new DiscordPlatform(DiscordSettings.fromEnvironment(Map.of(DiscordSettings.TOKEN, wrong,
                DiscordSettings.API_URL, discord.apiUrl())), roadmap, communities, new ProcessedEvents(database), null,
                ZoneOffset.UTC, Clock.systemUTC(), LOGOUT_WAIT);
        platforms.add(platform);

        assertThatThrownBy(() -> platform.start(new RecordingConversation()))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("MENTOR_DISCORD_TOKEN")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain("s3cr3t"));
    }
}
