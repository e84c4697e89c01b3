package dev.mentor.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.chat.Conversation;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.chat.Markup;
import dev.mentor.chat.Reply;
import dev.mentor.platforms.ChatPlatform;
import dev.mentor.platforms.PlatformMeters;
import dev.mentor.platforms.PlatformStartException;
import dev.mentor.platforms.ProcessedEvents;
import dev.mentor.platforms.SendBudget;
import dev.mentor.platforms.DeliveryException;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllChatAdministrators;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The mentor in Telegram, through the telegrambots client: long polling in, Telegram HTML out.
 *
 * <p>Updates are handled by {@link TelegramSettings#workers()} threads; all updates of one chat go
 * to the same thread, so a chat's messages are answered in order while other chats go on. Each
 * update is claimed in {@link ProcessedEvents} before it is handled, so one that Telegram sends
 * again after a restart is not handled twice.
 */
public final class TelegramPlatform implements ChatPlatform {

    public static final String NAME = "telegram";

    private static final Logger log = LoggerFactory.getLogger(TelegramPlatform.class);
    static final List<String> UPDATE_TYPES = List.of("message", "callback_query");
    private static final Duration MAX_POLL_BACKOFF = Duration.ofSeconds(30);
    /** Far more than any update: a larger body is not Telegram's. */
    static final int MAX_WEBHOOK_BODY = 1 << 20;
    /** More than the reminder threads and update workers together can have waiting on answers. */
    static final int MAX_REQUESTS_IN_FLIGHT = 512;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean conflictReported;
    private static final Duration PROCESSED_EVENTS_KEPT = Duration.ofDays(7);

    private final TelegramSettings settings;
    private final ProcessedEvents processedEvents;
    private final Clock clock;
    private final OkHttpClient sendingHttp;
    private final OkHttpClient pollingHttp;
    private final OkHttpTelegramClient client;
    private final OkHttpTelegramClient pollingClient;
    private final TelegramSender sender;
    private final RetrySummary retries = new RetrySummary(System::nanoTime);
    private final PlatformMeters meters = new PlatformMeters(NAME);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean polling;
    /** False once closing drained the workers: later sends fail fast instead of using a closed client. */
    private volatile boolean sending = true;
    private volatile Conversation conversation;
    private volatile Addressing addressing;
    private volatile long botId;
    private volatile String botUsername = "";
    private volatile ExecutorService[] workers = new ExecutorService[0];
    private volatile Thread poller;

    /**
     * @param processedEvents where handled updates are recorded (on the mentor's database)
     */
    public TelegramPlatform(TelegramSettings settings, ProcessedEvents processedEvents, Clock clock) {
        this(settings, processedEvents, clock, null, Sleeper.REAL);
    }

    /**
     * As above, with the bot's send budget shared with other instances (30 messages a second in all, not
     * each); each chat's own pacing stays with this instance.
     */
    public TelegramPlatform(TelegramSettings settings, ProcessedEvents processedEvents, Clock clock, SendBudget shared) {
        this(settings, processedEvents, clock, shared, Sleeper.REAL);
    }

    /** As above, with the limiter's waits (its pacing, a rate-limited chat's pause) going to {@code sleeper}. */
    TelegramPlatform(TelegramSettings settings, ProcessedEvents processedEvents, Clock clock, Sleeper sleeper) {
        this(settings, processedEvents, clock, null, sleeper);
    }

    private TelegramPlatform(TelegramSettings settings, ProcessedEvents processedEvents, Clock clock, SendBudget shared,
            Sleeper sleeper) {
        this.settings = settings;
        this.processedEvents = processedEvents;
        this.clock = clock;
        // The Telegram client sends through OkHttp's asynchronous queue, which by default lets 5 requests to a
        // host run at once: at a 300 ms round trip that caps sending at 16 a second, under Telegram's 30, and
        // replies queue behind reminders. The pacing is the limiter's job, so the queue lets everything in.
        Dispatcher sendingQueue = new Dispatcher();
        sendingQueue.setMaxRequests(MAX_REQUESTS_IN_FLIGHT);
        sendingQueue.setMaxRequestsPerHost(MAX_REQUESTS_IN_FLIGHT);
        this.sendingHttp = new OkHttpClient.Builder()
                .dispatcher(sendingQueue)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(settings.sendTimeout())
                .writeTimeout(Duration.ofSeconds(30))
                .addNetworkInterceptor(UnansweredRequest.marker())
                .build();
        // Its own dispatcher, so closing can cancel the long poll without touching replies in flight.
        this.pollingHttp = sendingHttp.newBuilder()
                .dispatcher(new Dispatcher())
                .readTimeout(settings.pollTimeout().plusSeconds(15))
                .build();
        ObjectMapper json = this.json;
        this.client = new OkHttpTelegramClient(json, sendingHttp, settings.token(), settings.telegramUrl());
        this.pollingClient = new OkHttpTelegramClient(json, pollingHttp, settings.token(), settings.telegramUrl());
        SendLimiter limiter = new SendLimiter(settings.limits(), System::nanoTime, sleeper, shared);
        this.sender = new TelegramSender(client, settings, limiter, () -> sending, retries, meters);
    }

    /** Telegram calls tried again since start, by why (429, 5xx, network). */
    public RetryCounts retryCounts() {
        return retries.counts();
    }

    @Override
    public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
        meters.bindTo(registry);
    }

    @Override
    public boolean isServing() {
        return started.get() && !closed.get();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Reminders to a learner go to their private chat (their user id); a conversation recipient
     * (a group digest) goes to that group.
     */
    @Override
    public DeliveryPort deliveryPort() {
        return this::deliver;
    }

    private void deliver(Recipient recipient, Reply reply) throws DeliveryException {
        String id = recipient.isConversation() ? recipient.conversationId() : recipient.platformUserId();
        long chatId;
        try {
            chatId = Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            throw DeliveryException.permanentFailure("not a Telegram chat id: " + id);
        }
        sender.send(recipient.isConversation() ? ChatTarget.groupChat(chatId) : ChatTarget.privateChat(chatId), reply,
                SendLimiter.Pace.BULK);
    }

    @Override
    public void start(Conversation handler) throws PlatformStartException {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("the Telegram adapter starts once");
        }
        User me = checkToken();
        this.botId = me.getId();
        this.botUsername = me.getUserName();
        this.addressing = new Addressing(me.getUserName(), MenuCommands.ALL);
        this.conversation = handler;
        publishCommands();
        // Telegram redelivers for a day at most; older claims only take space.
        processedEvents.purgeOlderThan(PROCESSED_EVENTS_KEPT, clock.instant());
        workers = new ExecutorService[settings.workers()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("telegram-worker-" + i).factory());
        }
        if (settings.webhook()) {
            // Updates come to the webhook endpoint, on whichever instance the load balancer picks.
            log.info("Telegram: receiving updates by webhook as @{} on {}", me.getUserName(), settings.apiUrl());
            return;
        }
        polling = true;
        poller = Thread.ofPlatform().name("telegram-poller").start(this::poll);
        log.info("Telegram: polling as @{} on {}", me.getUserName(), settings.apiUrl());
    }

    private User checkToken() throws PlatformStartException {
        try {
            User me = client.execute(new GetMe());
            if (me == null || me.getUserName() == null) {
                throw new PlatformStartException("Telegram's getMe answered without the bot's username; check "
                        + TelegramSettings.API_URL_SETTING + " (" + settings.apiUrl() + ")");
            }
            return me;
        } catch (TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            if (code != null && (code == 401 || code == 404)) {
                // 404 too: Telegram answers "Not Found" to a token that is not even well formed.
                throw new PlatformStartException("Telegram refused the bot token in " + TelegramSettings.TOKEN_SETTING
                        + " (" + code + " " + settings.scrub(e.getApiResponse())
                        + "); copy the token of your bot from @BotFather again");
            }
            throw new PlatformStartException("Telegram's getMe failed at " + settings.apiUrl() + " ("
                    + TelegramSettings.API_URL_SETTING + "): " + Failures.describe(e, settings));
        } catch (TelegramApiException e) {
            throw new PlatformStartException("Cannot reach the Telegram Bot API at " + settings.apiUrl() + " ("
                    + TelegramSettings.API_URL_SETTING + "): " + Failures.describe(e, settings));
        }
    }

    /** The menu for everyone, and for group admins the same plus their commands. Not fatal: it only helps. */
    private void publishCommands() {
        List<BotCommand> learner = MenuCommands.LEARNER.stream().map(c -> new BotCommand(c.name(), c.description())).toList();
        List<BotCommand> admin = Stream.concat(MenuCommands.LEARNER.stream(), MenuCommands.ADMIN.stream())
                .map(c -> new BotCommand(c.name(), c.description())).toList();
        try {
            client.execute(SetMyCommands.builder().commands(learner).scope(new BotCommandScopeDefault()).build());
            client.execute(SetMyCommands.builder().commands(admin).scope(new BotCommandScopeAllChatAdministrators()).build());
        } catch (TelegramApiException e) {
            log.warn("Telegram: could not publish the command menu ({}); commands still work when typed",
                    Failures.describe(e, settings));
        }
    }

    /** The long-poll loop: fetch, hand each update to its chat's worker, confirm by asking from the next offset. */
    private void poll() {
        int offset = 0;
        Duration backoff = Duration.ZERO;
        while (polling) {
            try {
                List<Update> updates = pollingClient.execute(GetUpdates.builder().offset(offset).limit(100)
                        .timeout((int) settings.pollTimeout().toSeconds()).allowedUpdates(UPDATE_TYPES).build());
                backoff = Duration.ZERO;
                for (Update update : updates) {
                    if (!polling) {
                        return; // not confirmed to Telegram: it sends them again after a restart
                    }
                    dispatch(update);
                    offset = Math.max(offset, update.getUpdateId() + 1);
                }
            } catch (TelegramApiException e) {
                if (!polling) {
                    return;
                }
                backoff = backoff.isZero() ? Duration.ofSeconds(1)
                        : backoff.multipliedBy(2).compareTo(MAX_POLL_BACKOFF) > 0 ? MAX_POLL_BACKOFF : backoff.multipliedBy(2);
                String why = Failures.describe(e, settings);
                if (e instanceof TelegramApiRequestException request && request.getErrorCode() != null
                        && request.getErrorCode() == 409) {
                    // Said once: it will not go away by itself, and repeating it every 30 s drowns the log.
                    if (!conflictReported) {
                        conflictReported = true;
                        log.warn("Telegram: getUpdates refused with 409 ({}): another instance polls with this token, or "
                                + "a webhook is set. Run one polling instance per bot; for several, set {}=webhook with "
                                + "{} on every instance and register it once with ./mentor telegram-webhook set. "
                                + "Polling again every {} s meanwhile", why, TelegramSettings.MODE_SETTING,
                                TelegramSettings.WEBHOOK_SECRET_SETTING, MAX_POLL_BACKOFF.toSeconds());
                    } else {
                        log.debug("Telegram: getUpdates still refused with 409");
                    }
                } else {
                    log.warn("Telegram: getUpdates failed ({}); polling again in {} s", why, backoff.toSeconds());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** The header Telegram puts the webhook's secret token in. */
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    /** Whether updates come by webhook ({@link #receiveWebhook}) rather than by long polling. */
    public boolean receivesByWebhook() {
        return settings.webhook();
    }

    /**
     * One update posted to the webhook endpoint: {@code secretToken} is the request's
     * {@code X-Telegram-Bot-Api-Secret-Token}, compared in constant time. Answers with the HTTP status to
     * send back, at once: the update is handled on its chat's worker, claimed once in the database (Telegram
     * repeats an update it got no 200 for, maybe to another instance).
     */
    public int receiveWebhook(String secretToken, byte[] body) {
        if (!settings.webhook() || !started.get() || closed.get() || conversation == null) {
            return 503; // Telegram tries again later
        }
        if (secretToken == null || !java.security.MessageDigest.isEqual(
                secretToken.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                settings.webhookSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            log.debug("Telegram: a webhook request without the right secret token was refused");
            return 401;
        }
        if (body.length > MAX_WEBHOOK_BODY) {
            return 413;
        }
        Update update;
        try {
            update = json.readValue(body, Update.class);
        } catch (java.io.IOException e) {
            log.warn("Telegram: a webhook request with the right secret held no update ({})", e.getMessage());
            return 400;
        }
        if (update.getUpdateId() == null) {
            return 400;
        }
        return dispatch(update) ? 200 : 503;
    }

    /** Hands the update to its chat's worker; false when closing, so Telegram sends it again. */
    private boolean dispatch(Update update) {
        long chat = chatOf(update);
        try {
            workers[(int) Math.floorMod(chat, (long) workers.length)].execute(() -> handleSafely(update));
            return true;
        } catch (RejectedExecutionException e) {
            log.debug("Telegram: update {} arrived while closing; Telegram will send it again", update.getUpdateId());
            return false;
        }
    }

    private static long chatOf(Update update) {
        if (update.hasMessage()) {
            return update.getMessage().getChatId();
        }
        if (update.hasCallbackQuery()) {
            CallbackQuery query = update.getCallbackQuery();
            return query.getMessage() != null ? query.getMessage().getChatId() : query.getFrom().getId();
        }
        return 0;
    }

    private void handleSafely(Update update) {
        meters.updateReceived();
        try {
            if (!processedEvents.claim(NAME, String.valueOf(update.getUpdateId()), clock.instant())) {
                log.debug("Telegram: update {} was handled before; skipped", update.getUpdateId());
                return;
            }
            if (update.hasCallbackQuery()) {
                handleButton(update.getCallbackQuery());
            } else if (update.hasMessage()) {
                handleMessage(update.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("Telegram: update {} failed: {}", update.getUpdateId(), Failures.describe(e, settings), e);
        }
    }

    private void handleMessage(Message message) {
        Chat chat = message.getChat();
        User from = message.getFrom();
        if (message.getText() == null || from == null || chat == null || !isConversation(chat)) {
            return; // joins, stickers, channel posts: nothing to answer
        }
        boolean isPrivate = chat.isUserChat();
        boolean anonymousAdmin = message.getSenderChat() != null && message.getSenderChat().getId().equals(chat.getId());
        if (Boolean.TRUE.equals(from.getIsBot()) && !anonymousAdmin) {
            return; // never talk with other bots: two bots could answer each other forever
        }
        Message replied = message.getReplyToMessage();
        boolean repliesToBot = replied != null && replied.getFrom() != null && replied.getFrom().getId() == botId;
        Optional<String> text = addressing.textFor(message.getText(), isPrivate, repliesToBot);
        if (text.isEmpty()) {
            return;
        }
        ChatTarget target = new ChatTarget(chat.getId(), !isPrivate,
                Boolean.TRUE.equals(message.getIsTopicMessage()) ? message.getMessageThreadId() : null,
                isPrivate ? null : message.getMessageId());
        respond(chat, from, anonymousAdmin, text.get(), target, false);
    }

    /** A button press is its command sent by whoever pressed it; the press is always answered. */
    private void handleButton(CallbackQuery query) {
        try {
            sender.call(new AnswerCallbackQuery(query.getId()), ChatTarget.privateChat(query.getFrom().getId()),
                    SendLimiter.Pace.UNPACED);
        } catch (DeliveryException e) {
            log.info("Telegram: could not answer a button press ({})", e.getMessage());
        }
        MaybeInaccessibleMessage under = query.getMessage();
        if (query.getData() == null || under == null || under.getChat() == null || !isConversation(under.getChat())) {
            return;
        }
        Chat chat = under.getChat();
        Integer thread = under instanceof Message message && Boolean.TRUE.equals(message.getIsTopicMessage())
                ? message.getMessageThreadId() : null;
        respond(chat, query.getFrom(), false, query.getData(), new ChatTarget(chat.getId(), !chat.isUserChat(), thread, null),
                true);
    }

    /**
     * @param pressed a button of the mentor's own was pressed: always for the mentor; a typed
     *                message is answered only when the core decides so (mentions may be off)
     */
    private void respond(Chat chat, User from, boolean anonymousAdmin, String text, ChatTarget target, boolean pressed) {
        boolean isPrivate = chat.isUserChat();
        String chatId = String.valueOf(chat.getId());
        boolean admin = !isPrivate && needsAdminStatus(text) && (anonymousAdmin || isAdmin(chat.getId(), from.getId()));
        IncomingMessage incoming = new IncomingMessage(NAME, isPrivate ? null : chatId, chatId, String.valueOf(from.getId()),
                displayName(from), text, admin, true);
        Reply reply;
        try {
            Optional<Reply> answer = pressed ? Optional.of(conversation.handle(incoming)) : conversation.respond(incoming);
            if (answer.isEmpty()) {
                return;
            }
            reply = answer.get();
        } catch (RuntimeException e) {
            log.error("Telegram: the mentor failed on a message in chat {}", chatId, e);
            reply = Reply.of("Sorry, something went wrong on my side. Please try again in a moment.");
        }
        try {
            if (reply.personal() && !isPrivate) {
                sendPrivately(from.getId(), text, reply, target);
            } else {
                sender.send(target, reply, SendLimiter.Pace.REPLY);
            }
        } catch (DeliveryException e) {
            log.warn(e.isPossiblySent() ? "Telegram: reply to chat {} may not have arrived, not sent again: {}"
                    : "Telegram: reply to chat {} not delivered: {}", chatId, e.getMessage());
        }
    }

    /**
     * A reply for the sender's eyes only, asked for in a group: it goes to their private chat, and the group
     * is told where it went; one who never opened a chat with the bot (Telegram lets no bot write first) is
     * told how to.
     */
    private void sendPrivately(long userId, String text, Reply reply, ChatTarget group) throws DeliveryException {
        Reply note;
        try {
            sender.send(ChatTarget.privateChat(userId), reply, SendLimiter.Pace.REPLY);
            note = Reply.of("📬 I've sent that to you in a private chat: it's for your eyes only.");
        } catch (DeliveryException e) {
            if (!e.isPermanent()) {
                throw e;
            }
            String command = Addressing.commandName(text).map(name -> Markup.code("/" + name)).orElse("it");
            note = Reply.of(Markup.escape("That's for your eyes only, and I can't write to you privately yet: open a "
                    + "chat with me (@" + botUsername + "), press Start, then send ") + command + " there.");
        }
        sender.send(group, note, SendLimiter.Pace.REPLY);
    }

    private static boolean needsAdminStatus(String text) {
        return Addressing.commandName(text).map(MenuCommands.NEEDING_ADMIN_STATUS::contains).orElse(false);
    }

    /** Asks Telegram, never the text: creators and administrators administer a group. */
    private boolean isAdmin(long chatId, long userId) {
        try {
            ChatMember member = sender.call(new GetChatMember(String.valueOf(chatId), userId), ChatTarget.groupChat(chatId),
                    SendLimiter.Pace.UNPACED);
            return member != null && ("creator".equals(member.getStatus()) || "administrator".equals(member.getStatus()));
        } catch (DeliveryException e) {
            log.warn("Telegram: could not check whether user {} administers chat {} ({}); treated as not", userId, chatId,
                    e.getMessage());
            return false;
        }
    }

    private static boolean isConversation(Chat chat) {
        return chat.isUserChat() || chat.isGroupChat() || chat.isSuperGroupChat();
    }

    private static String displayName(User user) {
        String name = Stream.of(user.getFirstName(), user.getLastName())
                .filter(part -> part != null && !part.isBlank()).reduce((a, b) -> a + " " + b).orElse("");
        if (!name.isBlank()) {
            return name;
        }
        return user.getUserName() != null ? user.getUserName() : "Telegram user " + user.getId();
    }

    /**
     * Stops polling (the request waiting for updates is cancelled), lets every update already
     * taken in finish, replies included, then releases the HTTP client.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        polling = false;
        pollingHttp.dispatcher().cancelAll();
        if (poller != null) {
            poller.interrupt();
            join(poller);
        }
        long deadline = System.nanoTime() + settings.closeGrace().toNanos();
        for (ExecutorService worker : workers) {
            worker.shutdown();
        }
        for (ExecutorService worker : workers) {
            try {
                if (!worker.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("Telegram: replies still running after {} s; stopping them", settings.closeGrace().toSeconds());
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.shutdownNow();
            }
        }
        sending = false;
        retries.flush();
        for (OkHttpClient http : List.of(sendingHttp, pollingHttp)) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        log.info("Telegram: stopped");
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
