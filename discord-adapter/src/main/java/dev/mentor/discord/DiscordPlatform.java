package dev.mentor.discord;

import dev.mentor.communities.Communities;
import dev.mentor.communities.Community;
import dev.mentor.chat.Conversation;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.chat.Markup;
import dev.mentor.chat.Reply;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.platforms.ChatPlatform;
import dev.mentor.platforms.PlatformMeters;
import dev.mentor.platforms.PlatformStartException;
import dev.mentor.platforms.ProcessedEvents;
import dev.mentor.platforms.SendBudget;
import dev.mentor.platforms.DeliveryPort;
import discord4j.common.close.CloseException;
import discord4j.common.util.Snowflake;
import discord4j.core.DiscordClient;
import discord4j.core.DiscordClientBuilder;
import discord4j.core.GatewayDiscordClient;
import discord4j.core.event.domain.Event;
import discord4j.core.event.domain.guild.GuildCreateEvent;
import discord4j.core.event.domain.interaction.ButtonInteractionEvent;
import discord4j.core.event.domain.interaction.ChatInputAutoCompleteEvent;
import discord4j.core.event.domain.interaction.ChatInputInteractionEvent;
import discord4j.core.event.domain.interaction.DeferrableInteractionEvent;
import discord4j.core.event.domain.message.MessageCreateEvent;
import discord4j.core.object.command.ApplicationCommandInteractionOption;
import discord4j.core.object.command.ApplicationCommandOption;
import discord4j.core.object.command.Interaction;
import discord4j.core.object.entity.Guild;
import discord4j.core.object.entity.Member;
import discord4j.core.object.entity.Message;
import discord4j.core.object.entity.User;
import discord4j.core.object.entity.channel.Channel;
import discord4j.core.object.entity.channel.GuildMessageChannel;
import discord4j.core.object.entity.channel.TextChannel;
import discord4j.core.shard.ShardingStrategy;
import discord4j.core.object.component.ActionRow;
import discord4j.core.spec.EmbedCreateSpec;
import discord4j.discordjson.json.InteractionApplicationCommandCallbackData;
import discord4j.discordjson.json.InteractionResponseData;
import discord4j.rest.request.GlobalRateLimiter;
import discord4j.rest.util.InteractionResponseType;
import discord4j.rest.util.MultipartRequest;
import discord4j.core.spec.InteractionCallbackSpec;
import discord4j.core.spec.InteractionFollowupCreateSpec;
import discord4j.core.spec.InteractionReplyEditSpec;
import discord4j.gateway.intent.Intent;
import discord4j.gateway.intent.IntentSet;
import discord4j.rest.http.client.ClientException;
import discord4j.rest.request.RouterOptions;
import discord4j.rest.util.Permission;
import discord4j.rest.util.PermissionSet;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/**
 * The mentor on Discord through Discord4J: slash commands and buttons in, embeds out, a welcome
 * for each new server, plain mentions when allowed, and reminders by DM (see {@link DiscordDelivery}).
 */
public final class DiscordPlatform implements ChatPlatform {

    public static final String NAME = "discord";

    private static final Logger log = LoggerFactory.getLogger(DiscordPlatform.class);
    /** Discord wants an interaction acknowledged within 3 s; slower answers are deferred first. */
    private static final Duration DEFER_AFTER = Duration.ofMillis(1500);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    /** Discord lets a bot identify one shard per 5 s (per bucket): many shards take minutes to connect. */
    private static final Duration GATEWAY_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(20);
    /**
     * How long closing waits for the gateway's logout. Discord4J can lose its own close signal when Discord's
     * close frame crosses ours (an EmissionException in its websocket handler): the logout then never ends.
     */
    static final Duration LOGOUT_WAIT = Duration.ofSeconds(10);
    /** Discord replays missed events on a resumed session only briefly; older claims only take space. */
    private static final Duration PROCESSED_EVENTS_KEPT = Duration.ofDays(2);
    private static final int INVALID_TOKEN_CLOSE = 4004;
    private static final int DISALLOWED_INTENTS_CLOSE = 4014;
    private static final PermissionSet WELCOME_NEEDS = PermissionSet.of(Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES,
            Permission.EMBED_LINKS);

    private final DiscordSettings settings;
    private final Communities communities;
    private final ProcessedEvents processedEvents;
    private final ZoneId defaultZone;
    private final Clock clock;
    private final SlashCommands commands;
    private final DiscordClient client;
    /** Answers interactions outside the global rate limit, which Discord does not apply to them. */
    private final DiscordClient interactions;
    private final DiscordDelivery delivery;
    private final ReplyLayout layout = new ReplyLayout();
    private final InFlight inFlight = new InFlight();
    private final PlatformMeters meters = new PlatformMeters(NAME);
    /** Conversations touch the database and the search index: kept off Discord4J's event threads. */
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("discord-reply-", 0).factory());
    private final List<Disposable> subscriptions = new ArrayList<>();
    private final Duration logoutWait;

    private volatile GatewayDiscordClient gateway;
    private volatile Conversation conversation;
    private volatile boolean closing;
    private volatile Pattern selfMention;

    /**
     * @param roadmap     for the commands' week range and the topic autocomplete
     * @param communities the servers' settings: welcome once, digest channel for DM fallback, mentions on or off
     * @param processedEvents where each interaction and message is claimed once, so one that Discord replays,
     *                    or that reaches two instances, is answered once
     * @param restBudget  the bot's REST budget shared by every instance (50 requests a second over all of
     *                    them), or null when this is the only instance and Discord4J's own limiter is enough
     * @param defaultZone the time zone given to a server seen for the first time
     */
    public DiscordPlatform(DiscordSettings settings, Roadmap roadmap, Communities communities,
            ProcessedEvents processedEvents, SendBudget restBudget, ZoneId defaultZone, Clock clock) {
        this(settings, roadmap, communities, processedEvents, restBudget, defaultZone, clock, LOGOUT_WAIT);
    }

    /** As above, closing after at most {@code logoutWait} for the gateway's logout. */
    DiscordPlatform(DiscordSettings settings, Roadmap roadmap, Communities communities, ProcessedEvents processedEvents,
            SendBudget restBudget, ZoneId defaultZone, Clock clock, Duration logoutWait) {
        this.logoutWait = logoutWait;
        this.settings = settings;
        this.communities = communities;
        this.processedEvents = processedEvents;
        this.defaultZone = defaultZone;
        this.clock = clock;
        this.commands = new SlashCommands(roadmap);
        this.client = client(settings, restBudget == null ? null : new SharedRestBudget(restBudget));
        this.interactions = client(settings, new NoGlobalRateLimit());
        this.delivery = new DiscordDelivery(client, communities, DiscordDelivery.TIMEOUT, meters);
    }

    /** A client on the configured API; {@code globalLimit} null keeps Discord4J's 50 requests per second. */
    static DiscordClient client(DiscordSettings settings, GlobalRateLimiter globalLimit) {
        DiscordClientBuilder<DiscordClient, RouterOptions> builder = DiscordClientBuilder.create(settings.token());
        if (globalLimit != null) {
            builder.setGlobalRateLimiter(globalLimit);
        }
        return builder.setExtraOptions(options -> new RouterOptions(options.getToken(), options.getReactorResources(),
                        options.getExchangeStrategies(), options.getResponseTransformers(), options.getGlobalRateLimiter(),
                        options.getRequestQueueFactory(), settings.apiUrl()))
                .build();
    }

    @Override
    public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
        meters.bindTo(registry);
    }

    @Override
    public boolean isServing() {
        return gateway != null && !closing;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryPort deliveryPort() {
        return delivery;
    }

    @Override
    public void start(Conversation conversation) throws PlatformStartException {
        if (gateway != null) {
            throw new IllegalStateException("The Discord adapter is already started");
        }
        this.conversation = conversation;
        long applicationId = checkToken();
        processedEvents.purgeOlderThan(PROCESSED_EVENTS_KEPT, clock.instant());
        if (settings.registersCommands()) {
            registerCommands(applicationId);
        } else {
            log.info("Discord: slash commands are published by the instance with ordinal 0");
        }
        GatewayDiscordClient connected = connect();
        this.gateway = connected;
        this.selfMention = Pattern.compile("<@!?" + connected.getSelfId().asString() + ">");
        // One subscription in gateway order, so each event's work is counted before a later event's starts.
        subscriptions.add(connected.on(Event.class).subscribe(this::onEvent, this::logFailure));
        log.info("Discord: connected as {} ({} slash commands, message content {})", connected.getSelfId().asString(),
                commands.requests().size(), settings.messageContent() ? "on" : "off");
    }

    /** Asks Discord who the bot is: a wrong token fails here with a clear message, before any gateway work. */
    private long checkToken() throws PlatformStartException {
        try {
            return client.getApplicationInfo().block(START_TIMEOUT).id().asLong();
        } catch (RuntimeException e) {
            throw startFailure(Exceptions.unwrap(e), "check the bot token");
        }
    }

    private void registerCommands(long applicationId) throws PlatformStartException {
        try {
            client.getApplicationService().bulkOverwriteGlobalApplicationCommand(applicationId, commands.requests())
                    .then().block(START_TIMEOUT);
        } catch (RuntimeException e) {
            throw startFailure(Exceptions.unwrap(e), "register the slash commands");
        }
    }

    private GatewayDiscordClient connect() throws PlatformStartException {
        IntentSet intents = IntentSet.of(Intent.GUILDS, Intent.DIRECT_MESSAGES);
        if (settings.messageContent()) {
            intents = intents.or(IntentSet.of(Intent.GUILD_MESSAGES, Intent.MESSAGE_CONTENT));
        }
        try {
            GatewayDiscordClient connected = client.gateway()
                    .setEnabledIntents(intents)
                    .setSharding(sharding())
                    .setAwaitConnections(true)
                    .login()
                    .block(GATEWAY_TIMEOUT);
            if (connected == null) {
                throw new PlatformStartException("Discord's gateway did not connect");
            }
            return connected;
        } catch (RuntimeException e) {
            throw startFailure(Exceptions.unwrap(e), "connect to the gateway");
        }
    }

    private ShardingStrategy sharding() {
        if (settings.shardCount().isEmpty()) {
            return ShardingStrategy.recommended();
        }
        if (settings.shardIndices().isEmpty()) {
            return ShardingStrategy.fixed(settings.shardCount().getAsInt());
        }
        return ShardingStrategy.builder()
                .count(settings.shardCount().getAsInt())
                .indices(settings.shardIndices().stream().mapToInt(Integer::intValue).sorted().toArray())
                .build();
    }

    /** A message for the operator that names the setting to fix and never holds the token. */
    private PlatformStartException startFailure(Throwable failure, String step) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientException client && client.getStatus().code() == 401) {
                return new PlatformStartException("Discord refused the bot token in " + DiscordSettings.TOKEN
                        + " (401 Unauthorized): copy it again from the Bot page of the Discord Developer Portal");
            }
            if (cause instanceof CloseException close && close.getCode() == INVALID_TOKEN_CLOSE) {
                return new PlatformStartException("Discord's gateway refused the bot token in " + DiscordSettings.TOKEN
                        + ": copy it again from the Bot page of the Discord Developer Portal");
            }
            if (cause instanceof CloseException close && close.getCode() == DISALLOWED_INTENTS_CLOSE) {
                return new PlatformStartException("Discord refused the message-content intent: switch on Message Content "
                        + "Intent on the Bot page of the Developer Portal, or unset " + DiscordSettings.MESSAGE_CONTENT);
            }
            if (cause instanceof ClientException client) {
                return new PlatformStartException("Discord answered " + client.getStatus() + " when the mentor tried to "
                        + step + " (" + DiscordSettings.TOKEN + ", " + DiscordSettings.API_URL + ")");
            }
        }
        if (failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().startsWith("Timeout")) {
            return new PlatformStartException("Discord did not answer in time when the mentor tried to " + step + " ("
                    + DiscordSettings.API_URL + " is " + settings.apiUrl() + ")");
        }
        // The type alone: a library message could quote a request, and requests carry the token.
        return new PlatformStartException("Could not reach Discord at " + settings.apiUrl() + " to " + step + " ("
                + failure.getClass().getSimpleName() + "); check the network and " + DiscordSettings.API_URL);
    }

    // ---- events -------------------------------------------------------------------------------

    private void onEvent(Event event) {
        if (closing) {
            return;
        }
        try {
            switch (event) {
                case ChatInputInteractionEvent command -> onSlashCommand(command);
                case ButtonInteractionEvent button -> onButton(button);
                case ChatInputAutoCompleteEvent autoComplete -> onAutoComplete(autoComplete);
                case GuildCreateEvent guild -> onGuild(guild);
                case MessageCreateEvent message -> onMessage(message);
                default -> { }
            }
        } catch (RuntimeException e) {
            logFailure(e);
        }
    }

    /** Waits until the work of every event handled so far is done (tests and benchmarks). */
    boolean awaitIdle(Duration limit) throws InterruptedException {
        return inFlight.awaitNone(limit) == 0;
    }

    private void onSlashCommand(ChatInputInteractionEvent event) {
        String text = commands.text(new SlashCommands.Invocation(event.getCommandName(), subcommands(event.getOptions()),
                values(event.getOptions(), new LinkedHashMap<>())));
        answerInteraction(event, text);
    }

    private void onButton(ButtonInteractionEvent event) {
        // The custom id is the command itself: nothing to look up, so it works after a restart.
        answerInteraction(event, event.getCustomId());
    }

    private void onAutoComplete(ChatInputAutoCompleteEvent event) {
        if (!"topic".equals(event.getCommandName()) || closing) {
            return;
        }
        String typed = event.getFocusedOption().getValue().map(value -> value.getRaw()).orElse("");
        track(() -> respond(event.getInteraction(), InteractionResponseType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT,
                InteractionApplicationCommandCallbackData.builder().choices(commands.topicChoices(typed)).build()));
    }

    private void answerInteraction(DeferrableInteractionEvent event, String text) {
        if (closing) {
            return;
        }
        meters.updateReceived();
        once("interaction:" + event.getInteraction().getId().asString(), () -> interactionAnswer(event, text));
    }

    /**
     * Runs {@code work} only if this instance is the first to claim {@code eventId}: a resumed session
     * replays events, and an event can reach two instances while a shard moves between them.
     */
    private void once(String eventId, Supplier<Mono<?>> work) {
        track(() -> Mono.fromFuture(CompletableFuture.supplyAsync(
                        () -> processedEvents.claim(NAME, eventId, clock.instant()), workers), true)
                .flatMap(first -> {
                    if (!first) {
                        log.debug("Discord: {} was handled before; skipped", eventId);
                        return Mono.empty();
                    }
                    return Mono.defer(work).then();
                }));
    }

    private Mono<?> interactionAnswer(DeferrableInteractionEvent event, String text) {
        Interaction interaction = event.getInteraction();
        boolean inServer = interaction.getGuildId().isPresent();
        boolean ephemeral = inServer && SlashCommands.isPersonal(text);
        boolean admin = managesServer(interaction);
        if (SlashCommands.isAdmin(text) && !(inServer && admin)) {
            // Checked here as well as by Discord's default permissions, which a server can loosen.
            Reply refusal = Reply.of(inServer
                    ? "Sorry, only members who can **Manage Server** may change the mentor's settings here."
                    : "Server settings are changed in the server itself, by members who can **Manage Server**.");
            return reply(event, layout.layout(refusal), true);
        }
        IncomingMessage message = new IncomingMessage(NAME, interaction.getGuildId().map(Snowflake::asString).orElse(null),
                interaction.getChannelId().asString(), interaction.getUser().getId().asString(), displayName(interaction),
                text, admin, true);
        CompletableFuture<Reply> answer = CompletableFuture.supplyAsync(() -> conversation.handle(message), workers);
        Mono<Reply> answered = Mono.fromFuture(answer, true);
        return answered.map(Optional::of)
                .timeout(DEFER_AFTER, Mono.just(Optional.empty()))
                .flatMap(ready -> ready.isPresent()
                        ? reply(event, layout.layout(ready.get()), ephemeral)
                        : event.deferReply(InteractionCallbackSpec.builder().ephemeral(ephemeral).build())
                                .then(answered)
                                .flatMap(late -> editReply(event, layout.layout(late), ephemeral)));
    }

    /** Whether the interaction's member holds Manage Server (or Administrator) in this server. */
    static boolean managesServer(Interaction interaction) {
        return interaction.getData().member().toOptional()
                .flatMap(member -> member.permissions().toOptional())
                .map(raw -> PermissionSet.of(Long.parseLong(raw)))
                .map(set -> set.contains(Permission.MANAGE_GUILD) || set.contains(Permission.ADMINISTRATOR))
                .orElse(false);
    }

    private static String displayName(Interaction interaction) {
        return interaction.getMember().map(Member::getDisplayName)
                .orElseGet(() -> interaction.getUser().getGlobalName().orElse(interaction.getUser().getUsername()));
    }

    private Mono<Void> reply(DeferrableInteractionEvent event, List<ReplyLayout.Message> messages, boolean ephemeral) {
        ReplyLayout.Message first = messages.get(0);
        InteractionApplicationCommandCallbackData data = InteractionApplicationCommandCallbackData.builder()
                .embeds(DiscordMessages.embeds(first).stream().map(EmbedCreateSpec::asRequest).toList())
                .components(DiscordMessages.rows(first).stream().map(ActionRow::getData).toList())
                .allowedMentions(DiscordMessages.noPings().toData())
                .flags(ephemeral ? Message.Flag.EPHEMERAL.getFlag() : 0)
                .build();
        return respond(event.getInteraction(), InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE, data,
                DiscordMessages.uploads(first))
                .then(followUps(event, messages, ephemeral));
    }

    private Mono<Void> respond(Interaction interaction, InteractionResponseType type,
            InteractionApplicationCommandCallbackData data) {
        return respond(interaction, type, data, List.of());
    }

    /** An interaction's answer, with files uploaded beside it (a chart its embed shows, a data export). */
    private Mono<Void> respond(Interaction interaction, InteractionResponseType type,
            InteractionApplicationCommandCallbackData data, List<Tuple2<String, InputStream>> files) {
        return interactions.getInteractionService().createInteractionResponse(interaction.getId().asLong(),
                interaction.getToken(), MultipartRequest.ofRequestAndFiles(InteractionResponseData.builder()
                        .type(type.getValue()).data(data).build(), files));
    }

    private Mono<Void> editReply(DeferrableInteractionEvent event, List<ReplyLayout.Message> messages, boolean ephemeral) {
        ReplyLayout.Message first = messages.get(0);
        return event.editReply(InteractionReplyEditSpec.builder()
                        .embedsOrNull(DiscordMessages.embeds(first))
                        .componentsOrNull(List.copyOf(DiscordMessages.rows(first)))
                        .allowedMentionsOrNull(DiscordMessages.noPings())
                        .files(DiscordMessages.files(first))
                        .build())
                .then(followUps(event, messages, ephemeral));
    }

    private Mono<Void> followUps(DeferrableInteractionEvent event, List<ReplyLayout.Message> messages, boolean ephemeral) {
        return Flux.fromIterable(messages.subList(1, messages.size()))
                .concatMap(message -> event.createFollowup(InteractionFollowupCreateSpec.builder()
                        .ephemeral(ephemeral)
                        .addAllEmbeds(DiscordMessages.embeds(message))
                        .addAllComponents(DiscordMessages.rows(message))
                        .allowedMentions(DiscordMessages.noPings())
                        .addAllFiles(DiscordMessages.files(message))
                        .build()))
                .then();
    }

    private void onGuild(GuildCreateEvent event) {
        if (closing) {
            return;
        }
        Guild guild = event.getGuild();
        track(() -> Mono.fromFuture(CompletableFuture.supplyAsync(() -> communities.markWelcomed(NAME,
                        guild.getId().asString(), guild.getName(), defaultZone, clock.instant()), workers), true)
                .filter(first -> first)
                .flatMap(first -> welcomeChannel(guild)
                        .switchIfEmpty(Mono.fromRunnable(() -> log.info("Discord: no channel of server {} lets the mentor "
                                + "post its welcome", guild.getId().asString())))
                        .flatMap(channel -> channel.getRestChannel().createMessage(DiscordMessages.request(
                                layout.layout(Welcome.reply()).get(0), null, null, null)))
                        .doOnNext(sent -> log.info("Discord: welcomed server {}", guild.getId().asString())))
                .then());
    }

    /** The system channel if the mentor may post there, else the first text channel it may post in. */
    private Mono<GuildMessageChannel> welcomeChannel(Guild guild) {
        Snowflake self = gateway.getSelfId();
        Mono<GuildMessageChannel> system = guild.getSystemChannel()
                .cast(GuildMessageChannel.class)
                .filterWhen(channel -> canPost(channel, self));
        Mono<GuildMessageChannel> firstText = guild.getChannels()
                .filter(channel -> channel.getType() == Channel.Type.GUILD_TEXT)
                .ofType(TextChannel.class)
                .sort((a, b) -> Integer.compare(a.getRawPosition(), b.getRawPosition()))
                .cast(GuildMessageChannel.class)
                .filterWhen(channel -> canPost(channel, self))
                .next();
        // A system channel Discord will not show us is no reason to give up on the others.
        return system.onErrorResume(e -> Mono.empty()).switchIfEmpty(firstText).onErrorResume(e -> {
            log.warn("Discord: could not choose a welcome channel in server {}: {}", guild.getId().asString(), e.toString());
            return Mono.empty();
        });
    }

    private static Mono<Boolean> canPost(GuildMessageChannel channel, Snowflake self) {
        return channel.getEffectivePermissions(self).map(permissions -> permissions.containsAll(WELCOME_NEEDS)
                || permissions.contains(Permission.ADMINISTRATOR));
    }

    /** Plain messages: DMs always, server messages that mention the mentor when message content is on. */
    private void onMessage(MessageCreateEvent event) {
        Message message = event.getMessage();
        Optional<User> author = message.getAuthor();
        if (closing || author.isEmpty() || author.get().isBot() || gateway == null) {
            return;
        }
        Optional<Snowflake> guildId = event.getGuildId();
        String text;
        if (guildId.isPresent()) {
            if (!settings.messageContent() || !message.getUserMentionIds().contains(gateway.getSelfId())) {
                return;
            }
            text = selfMention.matcher(message.getContent()).replaceAll(" ").strip();
        } else {
            text = message.getContent().strip();
        }
        if (text.isEmpty()) {
            text = "/help";
        }
        meters.updateReceived();
        String userId = author.get().getId().asString();
        String displayName = event.getMember().map(Member::getDisplayName)
                .orElseGet(() -> author.get().getGlobalName().orElse(author.get().getUsername()));
        IncomingMessage incoming = new IncomingMessage(NAME, guildId.map(Snowflake::asString).orElse(null),
                message.getChannelId().asString(), userId, displayName, text, false, true);
        String channelId = message.getChannelId().asString();
        String replyTo = message.getId().asString();
        once("message:" + replyTo, () -> Mono.fromFuture(CompletableFuture.supplyAsync(() -> answerPlainMessage(incoming),
                        workers), true)
                .flatMap(reply -> reply.map(r -> Flux.fromIterable(layout.layout(r))
                        .index()
                        .concatMap(part -> client.getChannelById(Snowflake.of(channelId)).createMessage(
                                DiscordMessages.upload(part.getT2(), null, null, part.getT1() == 0 ? replyTo : null)))
                        .then()).orElse(Mono.empty())));
    }

    /** Empty when the core stays silent (the server switched mentions off). */
    private Optional<Reply> answerPlainMessage(IncomingMessage message) {
        if (!message.isPrivate()) {
            if (SlashCommands.isPersonal(message.text())) {
                String command = "/" + SlashCommands.commandName(message.text());
                return Optional.of(Reply.of("Use the slash command " + Markup.code(command)
                        + " for that: its answer is shown to you alone."));
            }
        }
        return conversation.respond(message);
    }

    private static List<String> subcommands(List<ApplicationCommandInteractionOption> options) {
        List<String> names = new ArrayList<>();
        for (ApplicationCommandInteractionOption option : options) {
            if (option.getType() == ApplicationCommandOption.Type.SUB_COMMAND
                    || option.getType() == ApplicationCommandOption.Type.SUB_COMMAND_GROUP) {
                names.add(option.getName());
                names.addAll(subcommands(option.getOptions()));
            }
        }
        return names;
    }

    private static Map<String, String> values(List<ApplicationCommandInteractionOption> options, Map<String, String> into) {
        for (ApplicationCommandInteractionOption option : options) {
            if (option.getType() == ApplicationCommandOption.Type.SUB_COMMAND
                    || option.getType() == ApplicationCommandOption.Type.SUB_COMMAND_GROUP) {
                values(option.getOptions(), into);
            } else {
                option.getValue().ifPresent(value -> into.put(option.getName(), value.getRaw()));
            }
        }
        return into;
    }

    /** Runs one piece of work to its end, counted so that close() waits for it; failures are logged, never thrown. */
    private void track(Supplier<Mono<?>> work) {
        inFlight.begin();
        Mono.defer(work)
                .doFinally(signal -> inFlight.end())
                .subscribe(done -> { }, this::logFailure);
    }

    private void logFailure(Throwable failure) {
        Throwable cause = Exceptions.unwrap(failure);
        meters.error(DiscordDelivery.kindOf(cause));
        if (cause instanceof ClientException client) {
            log.warn("Discord refused a reply: {} {}", client.getStatus(), client.getErrorResponse().map(Object::toString)
                    .orElse(""));
        } else {
            log.warn("Discord: a reply failed", cause);
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        subscriptions.forEach(Disposable::dispose);
        try {
            int left = inFlight.awaitNone(CLOSE_GRACE);
            if (left > 0) {
                log.warn("Discord: {} replies still unfinished after {} s; closing anyway", left, CLOSE_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        GatewayDiscordClient connected = gateway;
        if (connected != null) {
            try {
                connected.logout().block(logoutWait);
            } catch (RuntimeException e) {
                log.warn("Discord: logout did not finish cleanly ({})", e.getClass().getSimpleName());
            }
        }
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
