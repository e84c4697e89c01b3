package dev.mentor.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.communities.CommunityListener;
import dev.mentor.chat.Button;
import dev.mentor.chat.Conversation;
import dev.mentor.conversation.ConversationEngine;
import dev.mentor.conversation.Engines;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.chat.Markup;
import dev.mentor.chat.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.Learner;
import dev.mentor.learners.LearnerListener;
import dev.mentor.learners.Learners;
import dev.mentor.learners.ReminderState;
import dev.mentor.platforms.PlatformStartException;
import dev.mentor.platforms.ProcessedEvents;
import dev.mentor.platforms.DeliveryException;
import dev.mentor.platforms.Recipient;
import dev.mentor.reminders.ReminderComposer;
import dev.mentor.reminders.ReminderDispatcher;
import dev.mentor.reminders.ReminderKind;
import dev.mentor.reminders.ReminderSettings;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter end to end: the real telegrambots client against a fake Bot API server on
 * 127.0.0.1, with the real conversation engine on a temporary SQLite file (or a recording
 * conversation where the test is about what reaches the core).
 */
class TelegramPlatformTest {

    private static final Roadmap ROADMAP = new RoadmapLoader().loadBundled();
    private static final TopicSearch SEARCH = new TopicSearch(ROADMAP);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long ADA = 42;
    private static final long GROUP = -100_123;

    @TempDir
    Path folder;
    private Database database;
    private Learners learners;
    private FakeBotApi api;
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<TelegramPlatform> platforms = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        learners = new Learners(database);
        api = new FakeBotApi();
    }

    @AfterEach
    void close() {
        platforms.forEach(TelegramPlatform::close);
        api.close();
        database.close();
    }

    private TelegramSettings settings() {
        return TelegramSettings.of(FakeBotApi.TOKEN, api.url()).withLimits(RateLimits.NONE)
                .withPollTimeout(Duration.ofSeconds(10)).withWorkers(2);
    }

    private TelegramPlatform platform(TelegramSettings settings) {
        TelegramPlatform platform = new TelegramPlatform(settings, new ProcessedEvents(database), Clock.systemUTC(), sleeper);
        platforms.add(platform);
        return platform;
    }

    private TelegramPlatform start(Conversation conversation) throws PlatformStartException {
        TelegramPlatform platform = platform(settings());
        platform.start(conversation);
        return platform;
    }

    private ConversationEngine engine() {
        return Engines.on(database, ROADMAP, SEARCH, LearnerListener.NONE, CommunityListener.NONE, Clock.systemUTC(),
                BERLIN);
    }

    /** A conversation that notes what reached the core and echoes it. */
    private static final class Recording implements Conversation {
        final List<IncomingMessage> messages = new CopyOnWriteArrayList<>();

        @Override
        public Reply handle(IncomingMessage message) {
            messages.add(message);
            return Reply.of("echo " + Markup.escape(message.text()));
        }

        List<String> texts() {
            return messages.stream().map(IncomingMessage::text).toList();
        }
    }

    @Test
    void startPublishesTheMenuThenWelcomesAndAnswersInAPrivateChat() throws Exception {
        start(engine());

        List<FakeBotApi.Call> menus = api.calls("setMyCommands");
        assertThat(menus).hasSize(2);
        assertThat(menus.getFirst().body().path("commands").findValuesAsText("command")).contains("start", "week", "ask");
        assertThat(menus.get(1).body().path("commands").findValuesAsText("command")).contains("digest");

        api.privateMessage(ADA, "/start");
        api.awaitSent(1);
        JsonNode welcome = api.sentMessages().getFirst();
        assertThat(welcome.path("chat_id").asText()).isEqualTo("42");
        assertThat(welcome.path("parse_mode").asText()).isEqualToIgnoringCase("HTML");
        assertThat(welcome.path("text").asText()).startsWith("Welcome, Ada!").contains("<code>/week</code>");
        assertThat(welcome.path("reply_markup").path("inline_keyboard").get(0).findValuesAsText("callback_data"))
                .containsExactly("/week", "/roadmap");
        assertThat(learners.find("telegram", "42")).isPresent();

        api.privateMessage(ADA, "what is docker");
        api.awaitSent(2);
        assertThat(api.sentTexts().get(1)).containsIgnoringCase("docker");
    }

    @Test
    void answersOnlyWhenAddressedInGroups() throws Exception {
        Recording core = new Recording();
        start(core);

        api.groupMessage(GROUP, 7, "what is docker");
        api.groupMessage(GROUP, 7, "/ask@OtherBot what is git");
        api.groupMessage(GROUP, 7, "/frobnicate");
        api.groupReply(GROUP, 7, "I agree", 8);
        int mention = api.groupMessage(GROUP, 7, "@mentortestbot what is docker?");
        api.groupMessage(GROUP, 7, "/help@MentorTestBot");
        api.groupMessage(GROUP, 7, "/roadmap");
        api.groupReply(GROUP, 7, "and what is git?", FakeBotApi.BOT_ID);
        api.awaitSent(4);

        // A chat's updates are handled in order, so the four ignored ones were seen before these.
        assertThat(core.texts()).containsExactly("what is docker?", "/help", "/roadmap", "and what is git?");
        assertThat(core.messages).allSatisfy(m -> {
            assertThat(m.communityId()).isEqualTo(String.valueOf(GROUP));
            assertThat(m.conversationId()).isEqualTo(String.valueOf(GROUP));
            assertThat(m.userId()).isEqualTo("7");
            assertThat(m.addressed()).isTrue();
            assertThat(m.isPrivate()).isFalse();
        });
        assertThat(api.sentMessages()).hasSize(4);
        // In a group each answer replies to its question, so the thread stays readable.
        assertThat(api.sentMessages()).extracting(m -> m.path("reply_parameters").path("message_id").asInt())
                .doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
        assertThat(api.calls("getChatMember")).isEmpty();
        assertThat(mention).isPositive();
    }

    @Test
    void mentionsOffInAGroupLeavesPlainMentionsUnansweredButCommandsWork() throws Exception {
        start(engine());
        api.setMemberStatus(GROUP, 7, "administrator");

        api.groupMessage(GROUP, 7, "/mentions off");
        api.awaitSent(1);
        api.groupMessage(GROUP, 8, "@mentortestbot what is docker?");
        api.groupReply(GROUP, 8, "and what is git?", FakeBotApi.BOT_ID);
        api.groupMessage(GROUP, 8, "/roadmap");
        api.awaitSent(2);

        // Updates of one chat are handled in order: the two plain ones came and went unanswered.
        assertThat(api.sentTexts()).hasSize(2);
        assertThat(api.sentTexts().get(0)).containsIgnoringCase("commands");
        assertThat(api.sentTexts().get(1)).contains("Stage 1");
    }

    @Test
    void aButtonPressRunsItsCommandAndIsAnswered() throws Exception {
        start(engine());

        api.press(ADA, "private", ADA, "/week 2");
        api.awaitSent(1);

        assertThat(api.calls("answerCallbackQuery")).hasSize(1);
        assertThat(api.calls("answerCallbackQuery").getFirst().body().path("callback_query_id").asText())
                .isEqualTo("query-42-42");
        assertThat(api.sentTexts().getFirst()).contains("Week 2");
    }

    @Test
    void aLongAnswerIsSplitAtParagraphsWithTheButtonsUnderTheLast() throws Exception {
        List<String> paragraphs = IntStream.range(0, 30).mapToObj(i -> "**Part " + i + "** " + "text ".repeat(50).strip())
                .toList();
        start(message -> new Reply(String.join("\n\n", paragraphs), List.of(List.of(new Button("More", "/next")))));

        api.privateMessage(ADA, "tell me everything");
        api.await("the whole answer", Duration.ofSeconds(20),
                () -> api.sentTexts().stream().anyMatch(t -> t.contains("Part 29")));

        List<JsonNode> sent = api.sentMessages();
        assertThat(sent).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sent).allSatisfy(m -> assertThat(m.path("text").asText().length()).isLessThanOrEqualTo(4096));
        assertThat(String.join("\n\n", api.sentTexts())).isEqualTo(String.join("\n\n",
                paragraphs.stream().map(p -> p.replaceFirst("\\*\\*(Part \\d+)\\*\\*", "<b>$1</b>")).toList()));
        assertThat(sent.subList(0, sent.size() - 1)).allSatisfy(m -> assertThat(m.has("reply_markup")).isFalse());
        assertThat(sent.getLast().path("reply_markup").findValuesAsText("callback_data")).containsExactly("/next");
    }

    @Test
    void learnersWordsAreEscapedInTheHtml() throws Exception {
        start(engine());

        api.privateMessage(ADA, "/topic <b>x</b> & co");
        api.awaitSent(1);

        assertThat(api.sentTexts().getFirst()).contains("&lt;b&gt;x&lt;/b&gt; &amp; co").doesNotContain("<b>x</b>");
    }

    @Test
    void waitsRetryAfterWhenRateLimitedThenDeliversOnce() throws Exception {
        TelegramPlatform platform = platform(settings());
        api.failNext("sendMessage", 429, "Too Many Requests: retry after 3", 3);

        platform.deliveryPort().deliver(Recipient.learner("telegram", "42", "Ada", null), Reply.of("Your week"));

        // The chat is paused until then: the retry waits out what is left of the 3 s.
        assertThat(sleeper.waits).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(3)));
        assertThat(api.calls("sendMessage")).hasSize(2);
        assertThat(platform.retryCounts()).isEqualTo(new RetryCounts(1, 0, 0, 0));
        assertThat(api.sentTexts()).containsExactly("Your week");
    }

    @Test
    void aChatStillRateLimitedAfterFiveWaitsFailsForNowWithoutSending() throws Exception {
        TelegramPlatform platform = platform(settings());
        api.rateLimitChat(42, 2, 6);

        assertThatThrownBy(() -> platform.deliveryPort().deliver(Recipient.learner("telegram", "42", "Ada", null),
                Reply.of("Your week")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.isPossiblySent()).isFalse();
                })
                .hasMessageContaining("rate limit");
        // The first answer and five waits, each honoured before the next try.
        assertThat(api.calls("sendMessage")).hasSize(6);
        assertThat(sleeper.waits).hasSize(5);
        assertThat(platform.retryCounts().rateLimited()).isEqualTo(5);
        assertThat(api.sentTexts()).isEmpty();
    }

    @Test
    void aRetryAfterLongerThanTheLongestHonouredFailsAtOnce() throws Exception {
        TelegramPlatform platform = platform(settings());
        api.failNext("sendMessage", 429, "Too Many Requests: retry after 600", 600);

        assertThatThrownBy(() -> platform.deliveryPort().deliver(Recipient.learner("telegram", "42", "Ada", null),
                Reply.of("Your week")))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("retry after 600 s");
        assertThat(api.calls("sendMessage")).hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    private static final String SECRET = "s3cret_for-the-webhook-0123";

    private static byte[] update(int id, long chat, String text) {
        return ("{\"update_id\":" + id + ",\"message\":{\"message_id\":" + id + ",\"date\":1700000000,"
                + "\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"Ada\"},\"text\":\"" + text + "\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void inWebhookModeUpdatesCarryingTheSecretAreAnsweredOnceAndNothingPolls() throws Exception {
        TelegramPlatform platform = platform(settings().withWebhookSecret(SECRET));
        Recording recording = new Recording();
        platform.start(recording);

        assertThat(platform.receiveWebhook(null, update(7, ADA, "hello"))).isEqualTo(401);
        assertThat(platform.receiveWebhook(SECRET.replace('s', 'S'), update(7, ADA, "hello"))).isEqualTo(401);
        assertThat(platform.receiveWebhook(SECRET, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(400);
        assertThat(platform.receiveWebhook(SECRET, update(7, ADA, "hello"))).isEqualTo(200);
        api.awaitSent(1);
        // Telegram repeats an update whose 200 it missed, perhaps to another instance: answered once.
        assertThat(platform.receiveWebhook(SECRET, update(7, ADA, "hello"))).isEqualTo(200);
        assertThat(platform.receiveWebhook(SECRET, update(8, ADA, "again"))).isEqualTo(200);
        api.awaitSent(2);

        assertThat(recording.texts()).containsExactly("hello", "again");
        assertThat(api.sentTexts()).containsExactly("echo hello", "echo again");
        assertThat(api.calls("getUpdates")).isEmpty();
    }

    @Test
    void theWebhookIsRegisteredOnceWithItsSecretAndTheUpdateKindsTheMentorHandles() {
        TelegramWebhook webhook = new TelegramWebhook(settings().withWebhookSecret(SECRET));

        webhook.set(java.net.URI.create("https://mentor.example.org/telegram/webhook"), 40);

        JsonNode set = api.calls("setWebhook").getFirst().body();
        assertThat(set.path("url").asText()).isEqualTo("https://mentor.example.org/telegram/webhook");
        assertThat(set.path("secret_token").asText()).isEqualTo(SECRET);
        assertThat(set.path("max_connections").asText()).isEqualTo("40");
        assertThat(set.path("allowed_updates").asText()).contains("message").contains("callback_query");
        assertThat(webhook.info().url()).isEqualTo("https://mentor.example.org/telegram/webhook");
        assertThatThrownBy(() -> webhook.set(java.net.URI.create("http://mentor.example.org/hook"), 40))
                .hasMessageContaining("https");

        webhook.delete();
        assertThat(webhook.info().url()).isEmpty();
    }

    @Test
    void aRateLimitOnOneChatHoldsOnlyThatChat() throws Exception {
        TelegramPlatform platform = new TelegramPlatform(settings().withLimits(RateLimits.TELEGRAM),
                new ProcessedEvents(database), Clock.systemUTC(), Sleeper.REAL);
        platforms.add(platform);
        api.rateLimitChat(ADA, 2, 1);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<?> toAda = background.submit(() -> {
                platform.deliveryPort().deliver(Recipient.learner("telegram", String.valueOf(ADA), "Ada", null),
                        Reply.of("Ada's week"));
                return null;
            });
            api.await("Ada's message refused", Duration.ofSeconds(10), () -> api.calls("sendMessage").size() == 1);
            long refused = api.calls("sendMessage").getFirst().receivedNanos();

            platform.deliveryPort().deliver(Recipient.learner("telegram", "43", "Bob", null), Reply.of("Bob's week"));

            // Bob's chat was never told to wait: his reminder went out while Ada's chat sat out its 2 s.
            assertThat(api.sentTexts()).containsExactly("Bob's week");
            assertThat(api.calls("sendMessage").get(1).receivedNanos() - refused).isLessThan(Duration.ofSeconds(2).toNanos());
            toAda.get(10, TimeUnit.SECONDS);
            assertThat(api.sentTexts()).containsExactly("Bob's week", "Ada's week");
            assertThat(api.calls("sendMessage").getLast().receivedNanos() - refused)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void anAcceptedMessageWhoseAnswerCannotBeReadCountsAsSentAndIsNotSentAgain() throws Exception {
        TelegramPlatform platform = platform(settings());
        api.script("sendMessage", 200, "{\"ok\":true,\"result\":{\"message_id\":\"not a number\"}}");

        platform.deliveryPort().deliver(Recipient.learner("telegram", "42", "Ada", null), Reply.of("Your week"));

        assertThat(api.calls("sendMessage")).hasSize(1);
        assertThat(platform.retryCounts()).isEqualTo(new RetryCounts(0, 0, 0, 0));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenReportedAsTransient() throws Exception {
        Duration backoff = Duration.ofMillis(80);
        TelegramPlatform platform = platform(settings().withRetryBackoff(backoff));
        api.failNext("sendMessage", 502, "Bad Gateway", null);
        api.script("sendMessage", 500, "<html>oops</html>");

        platform.deliveryPort().deliver(Recipient.learner("telegram", "42", "Ada", null), Reply.of("Hello"));
        assertThat(api.sentTexts()).containsExactly("Hello");
        assertThat(platform.retryCounts()).isEqualTo(new RetryCounts(0, 2, 0, 0));
        // The second try came after the backoff, the third after twice that.
        List<Long> tries = api.calls("sendMessage").stream().map(FakeBotApi.Call::receivedNanos).toList();
        assertThat(tries).hasSize(3);
        assertThat(tries.get(1) - tries.get(0)).isGreaterThanOrEqualTo(backoff.toNanos());
        assertThat(tries.get(2) - tries.get(1)).isGreaterThanOrEqualTo(backoff.multipliedBy(2).toNanos());

        for (int i = 0; i < 4; i++) {
            api.failNext("sendMessage", 500, "Internal Server Error", null);
        }
        assertThatThrownBy(() -> platform.deliveryPort().deliver(Recipient.learner("telegram", "42", "Ada", null),
                Reply.of("Again")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isFalse())
                .hasMessageContaining("4 times");
    }

    private void awaitFiles(int count) throws InterruptedException {
        api.await(count + " sent files", Duration.ofSeconds(20), () -> api.sentFiles().size() >= count);
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes); // every byte value, so an encoding slip would show
        return bytes;
    }

    @Test
    void aPngGoesOutAsAPhotoAndOtherFilesAsDocumentsByteForByteAfterTheText() throws Exception {
        TelegramPlatform platform = platform(settings());
        byte[] png = bytes(40_000, 1);
        byte[] json = "{\"tables\": {}}".getBytes(StandardCharsets.UTF_8);
        Reply reply = new Reply("**Your stats**", List.of(List.of(new Button("Week", "/week"))))
                .withAttachment(dev.mentor.chat.Attachment.png("chart.png", png, "Goals per week"))
                .withAttachment(new dev.mentor.chat.Attachment("mentor-data.json", "application/json", json, ""));

        platform.deliveryPort().deliver(Recipient.learner("telegram", String.valueOf(ADA), "Ada", null), reply);

        assertThat(api.sentTexts()).containsExactly("<b>Your stats</b>");
        assertThat(api.sentMessages().getFirst().path("reply_markup").toString()).contains("/week");
        List<FakeBotApi.Call> files = api.sentFiles();
        assertThat(files).extracting(FakeBotApi.Call::method).containsExactly("sendphoto", "senddocument");
        FakeBotApi.Upload photo = files.get(0).files().getFirst();
        assertThat(files.get(0).body().path("photo").asText()).isEqualTo("attach://" + photo.field());
        assertThat(photo.fileName()).isEqualTo("chart.png");
        assertThat(photo.bytes()).isEqualTo(png);
        assertThat(files.get(0).body().path("caption").asText()).isEqualTo("Goals per week");
        assertThat(files.get(0).body().path("chat_id").asText()).isEqualTo(String.valueOf(ADA));
        FakeBotApi.Upload document = files.get(1).files().getFirst();
        assertThat(files.get(1).body().path("document").asText()).isEqualTo("attach://" + document.field());
        assertThat(document.fileName()).isEqualTo("mentor-data.json");
        assertThat(document.bytes()).isEqualTo(json);
        assertThat(files.get(1).body().has("caption")).isFalse();
    }

    @Test
    void aFileOverTelegramsFiftyMegabytesIsNotUploadedAndAMessageSaysSo() throws Exception {
        TelegramPlatform platform = platform(settings());
        Reply reply = Reply.of("Here it is").withAttachment(new dev.mentor.chat.Attachment("huge.bin",
                "application/octet-stream", new byte[TelegramSender.MAX_DOCUMENT_BYTES + 1], ""));

        platform.deliveryPort().deliver(Recipient.learner("telegram", String.valueOf(ADA), "Ada", null), reply);

        assertThat(api.sentFiles()).isEmpty();
        assertThat(api.sentTexts()).hasSize(2);
        assertThat(api.sentTexts().get(1)).contains("huge.bin").contains("50.0 MB").contains("up to 50 MB");
    }

    @Test
    void statsFromAGroupAdminArrivesAsAPhotoOfTheChartAfterItsSummary() throws Exception {
        start(engine());
        api.setMemberStatus(GROUP, 7, "administrator");

        api.groupMessage(GROUP, 8, "/stats");
        api.awaitSent(1);
        api.groupMessage(GROUP, 7, "/stats");
        awaitFiles(1);

        assertThat(api.sentTexts().get(0)).contains("only the admins");
        assertThat(api.sentTexts().get(1)).contains("This community at a glance");
        FakeBotApi.Call photo = api.sentFiles().getFirst();
        assertThat(photo.method()).isEqualTo("sendphoto");
        assertThat(photo.body().path("chat_id").asText()).isEqualTo(String.valueOf(GROUP));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(photo.files().getFirst().bytes()));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(680);
    }

    @Test
    void myDataAskedInAGroupGoesToTheSendersPrivateChatAndTheGroupIsToldWhere() throws Exception {
        start(engine());
        api.groupMessage(GROUP, ADA, "/start");
        api.awaitSent(1);

        api.groupMessage(GROUP, ADA, "/mydata");
        awaitFiles(1);
        api.awaitSent(3);

        FakeBotApi.Call file = api.sentFiles().getFirst();
        assertThat(file.method()).isEqualTo("senddocument");
        assertThat(file.body().path("chat_id").asText()).isEqualTo(String.valueOf(ADA));
        assertThat(new String(file.files().getFirst().bytes(), StandardCharsets.UTF_8)).contains("\"platform_user_id\" : \"42\"");
        List<JsonNode> sent = api.sentMessages();
        assertThat(sent.get(1).path("chat_id").asText()).isEqualTo(String.valueOf(ADA));
        assertThat(sent.get(1).path("text").asText()).contains("everything I store about you");
        assertThat(sent.get(2).path("chat_id").asText()).isEqualTo(String.valueOf(GROUP));
        assertThat(sent.get(2).path("text").asText()).contains("private chat");
    }

    @Test
    void myDataInAGroupFromSomeoneTheBotCannotWriteToSaysHowToOpenAPrivateChat() throws Exception {
        start(engine());
        api.groupMessage(GROUP, ADA, "/start");
        api.awaitSent(1);
        api.failNext("sendMessage", 403, "Forbidden: bot can't initiate conversation with a user", null);

        api.groupMessage(GROUP, ADA, "/mydata");
        api.awaitSent(2);

        assertThat(api.sentFiles()).isEmpty();
        JsonNode note = api.sentMessages().get(1);
        assertThat(note.path("chat_id").asText()).isEqualTo(String.valueOf(GROUP));
        assertThat(note.path("text").asText()).contains("@MentorTestBot").contains("press Start").contains("/mydata");
    }

    @Test
    void aGroupDigestGoesToTheGroup() throws Exception {
        TelegramPlatform platform = platform(settings());

        platform.deliveryPort().deliver(Recipient.conversation("telegram", "-100123", "-100123", "Study group"),
                Reply.of("**Weekly digest**"));

        assertThat(api.sentMessages().getFirst().path("chat_id").asText()).isEqualTo("-100123");
        assertThat(api.sentTexts()).containsExactly("<b>Weekly digest</b>");
    }

    @Test
    void aWeeklyReminderArrivesWithItsButtonsAndABlockedLearnerHasRemindersTurnedOff() throws Exception {
        TelegramPlatform platform = platform(settings());
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("telegram", platform.deliveryPort()), ReminderSettings.DEFAULTS, Clock.systemUTC());
        Instant due = ZonedDateTime.now(BERLIN).truncatedTo(ChronoUnit.MINUTES).toInstant();
        Learner ada = learnerDueAt("42", due);
        Learner bob = learnerDueAt("43", due);

        assertThat(dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, due)).isEqualTo(ReminderDispatcher.Outcome.SENT);
        JsonNode reminder = api.sentMessages().getFirst();
        assertThat(reminder.path("chat_id").asText()).isEqualTo("42");
        assertThat(reminder.path("reply_markup").findValuesAsText("callback_data")).contains("/snooze");

        api.failNext("sendMessage", 403, "Forbidden: bot was blocked by the user", null);
        assertThat(dispatcher.dispatch(bob.id(), ReminderKind.WEEKLY, due)).isEqualTo(ReminderDispatcher.Outcome.TURNED_OFF);
        assertThat(learners.find(bob.id()).orElseThrow().reminderState()).isEqualTo(ReminderState.OFF);
        assertThat(learners.find(ada.id()).orElseThrow().reminderState()).isEqualTo(ReminderState.ON);
    }

    @Test
    void aReminderWhoseAnswerComesTooLateIsPossiblySentNotRetriedAndCounted() throws Exception {
        TelegramPlatform platform = platform(settings().withSendTimeout(Duration.ofMillis(300)));
        ReminderDispatcher dispatcher = new ReminderDispatcher(database, learners, new ReminderComposer(ROADMAP),
                Map.of("telegram", platform.deliveryPort()), ReminderSettings.DEFAULTS, Clock.systemUTC());
        Instant due = ZonedDateTime.now(BERLIN).truncatedTo(ChronoUnit.MINUTES).toInstant();
        Learner ada = learnerDueAt("42", due);
        api.holdAnswers("sendMessage");
        try {
            assertThat(dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, due))
                    .isEqualTo(ReminderDispatcher.Outcome.POSSIBLY_SENT);
            assertThat(api.calls("sendMessage")).hasSize(1);
            assertThat(platform.retryCounts()).isEqualTo(new RetryCounts(0, 0, 0, 0)); // no retry
            assertThat(dispatcher.possiblySent()).isEqualTo(1);
            assertThat(dispatcher.possibleDuplicates()).isZero();
            Map<String, Object> row = database.read(h -> h.createQuery("select state, uncertain from reminder_deliveries")
                    .mapToMap().one());
            assertThat(row).containsEntry("state", "sent").containsEntry("uncertain", 1);

            // A later attempt (a retry trigger, a restart) finds it sent.
            assertThat(dispatcher.dispatch(ada.id(), ReminderKind.WEEKLY, due))
                    .isEqualTo(ReminderDispatcher.Outcome.ALREADY_SENT);
            assertThat(api.calls("sendMessage")).hasSize(1);
        } finally {
            api.releaseAnswers();
        }
    }

    @Test
    void nothingSentBecauseTheServerIsDownIsRetriedNotCountedAsPossiblySent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TelegramSettings down = TelegramSettings.of(FakeBotApi.TOKEN, URI.create("http://127.0.0.1:" + closedPort))
                .withLimits(RateLimits.NONE).withSendTimeout(Duration.ofMillis(300)).withRetryBackoff(Duration.ofMillis(10));
        TelegramPlatform platform = platform(down);

        assertThatThrownBy(() -> platform.deliveryPort().deliver(Recipient.learner("telegram", "42", "Ada", null),
                Reply.of("Hello")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isPossiblySent()).isFalse();
                    assertThat(e.isPermanent()).isFalse();
                });
        assertThat(platform.retryCounts().network()).isEqualTo(down.sendAttempts() - 1);
    }

    private Learner learnerDueAt(String telegramUser, Instant due) {
        ZonedDateTime local = due.atZone(BERLIN);
        Learner learner = learners.enroll("telegram", telegramUser, "User " + telegramUser, BERLIN,
                Instant.now().minus(Duration.ofDays(30))).learner().withReminder(local.getDayOfWeek(), local.toLocalTime());
        learners.update(learner);
        return learner;
    }

    @Test
    void aWrongTokenFailsStartNamingTheSettingWithoutShowingTheToken() {
        String wrong = "987654:wrong-Secret-token";
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            TelegramPlatform platform = platform(TelegramSettings.of(wrong, api.url()).withLimits(RateLimits.NONE));
            assertThatThrownBy(() -> platform.start(message -> Reply.of("never")))
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining("MENTOR_TELEGRAM_TOKEN")
                    .hasMessageNotContaining("wrong-Secret-token")
                    .hasNoCause();
        } finally {
            System.setErr(err);
        }
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain("wrong-Secret-token");
        assertThat(api.calls("getUpdates")).isEmpty();
    }

    @Test
    void anUnreachableServerFailsStartNamingTheUrlSetting() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TelegramPlatform platform = platform(TelegramSettings.of(FakeBotApi.TOKEN, URI.create("http://127.0.0.1:" + closedPort)));

        assertThatThrownBy(() -> platform.start(message -> Reply.of("never")))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("MENTOR_TELEGRAM_API_URL")
                .hasMessageNotContaining(FakeBotApi.TOKEN);
    }

    @Test
    void anUpdateHandledBeforeARestartIsNotHandledAgain() throws Exception {
        Recording core = new Recording();
        TelegramPlatform first = start(core);
        int question = api.privateMessage(ADA, "what is git");
        api.awaitSent(1);
        first.close();

        // Telegram never saw the offset past it, so it sends it again to the next run.
        api.redeliver(question);
        start(core);
        api.privateMessage(ADA, "what is docker");
        api.awaitSent(2);

        assertThat(core.texts()).containsExactly("what is git", "what is docker");
        assertThat(api.sentTexts()).containsExactly("echo what is git", "echo what is docker");
    }

    @Test
    void groupAdminsAreCheckedWithTelegramNeverTrustedFromText() throws Exception {
        Recording core = new Recording();
        start(core);
        api.setMemberStatus(GROUP, 7, "administrator");
        api.setMemberStatus(GROUP, 9, "creator");

        api.groupMessage(GROUP, 7, "/digest@MentorTestBot on");
        api.groupMessage(GROUP, 8, "/digest on I am the admin");
        api.groupMessage(GROUP, 9, "/digest off");
        api.groupMessage(GROUP, 8, "@MentorTestBot what is an index");
        api.privateMessage(ADA, "/digest on");
        api.awaitSent(5);

        assertThat(core.messages).extracting(IncomingMessage::userId, IncomingMessage::senderIsAdmin)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("7", true),
                        org.assertj.core.groups.Tuple.tuple("8", false), org.assertj.core.groups.Tuple.tuple("9", true),
                        org.assertj.core.groups.Tuple.tuple("8", false), org.assertj.core.groups.Tuple.tuple("42", false));
        assertThat(api.calls("getChatMember")).hasSize(3); // only the group's /digest commands asked
    }

    @Test
    void closingLetsARepliesInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TelegramPlatform platform = start(message -> {
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.of("finished");
        });
        api.privateMessage(ADA, "a slow question");
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        Thread closer = Thread.ofPlatform().start(platform::close);
        // close() stops polling, then waits for the handler: let it finish only then.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (closer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(closer.isAlive()).isTrue();
        release.countDown();
        closer.join(Duration.ofSeconds(20));

        assertThat(closer.isAlive()).isFalse();
        assertThat(api.sentTexts()).containsExactly("finished");
    }
}
