package dev.mentor.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.platforms.MultipartForm;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Discord's REST API and gateway on 127.0.0.1, just enough for the real Discord4J client: it
 * records every REST request, answers with plausible objects, and lets a test dispatch gateway
 * events (interactions, guilds, messages) to every connected session.
 */
final class FakeDiscord implements AutoCloseable {

    static final long BOT_ID = 900000000000000001L;
    static final String GUILD = "700000000000000001";
    static final String SYSTEM_CHANNEL = "700000000000000010";
    static final String LEARNING_CHANNEL = "700000000000000011";
    static final long MANAGE_GUILD = 1L << 5;
    static final long SEND_MESSAGES = 1L << 11;
    /** View Channel, Send Messages, Embed Links, Read Message History: what @everyone may do here. */
    static final long EVERYONE = (1L << 10) | SEND_MESSAGES | (1L << 14) | (1L << 16);

    /** A file uploaded with a request: its form part's name, its file name and type as sent, and its bytes. */
    record Upload(String field, String fileName, String contentType, byte[] bytes) {
    }

    /** A REST call as the client made it: its JSON (a multipart request's payload_json) and any files. */
    record Request(String method, String path, JsonNode body, List<Upload> files) {
        Request {
            files = List.copyOf(files);
        }

        boolean is(String wantedMethod, String pathPattern) {
            return method.equals(wantedMethod) && path.matches(pathPattern);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String token;
    private final DisposableServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<JsonNode> identifies = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(800000000000000000L);
    /** Users whose DMs are closed: posting into their DM channel fails with 50007. */
    private final Set<String> closedDms = ConcurrentHashMap.newKeySet();
    private final Map<String, String> dmChannelOwners = new ConcurrentHashMap<>();
    private volatile boolean sendGuildOnReady = true;
    /** How long a posted message's answer is held back: a Discord that took the message but answered late. */
    private volatile Duration messageAnswerDelay = Duration.ZERO;
    private volatile java.util.function.Consumer<Request> listener = request -> { };

    FakeDiscord() {
        this.token = tokenFor(BOT_ID);
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
    }

    /** A token shaped like Discord's: the bot id in base64, then two opaque parts. */
    static String tokenFor(long botId) {
        return Base64.getEncoder().withoutPadding().encodeToString(Long.toString(botId).getBytes(StandardCharsets.US_ASCII))
                + ".GhJkLm.s3cr3t-t0k3n-f0r-t3sts";
    }

    String token() {
        return token;
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v10";
    }

    Map<String, String> environment() {
        return Map.of(DiscordSettings.TOKEN, token, DiscordSettings.API_URL, apiUrl());
    }

    /** Told of every REST request as it arrives (the benchmark's clock). */
    void onRequest(java.util.function.Consumer<Request> listener) {
        this.listener = listener;
    }

    /** Forgets the requests so far, so a long run does not keep them all. */
    void forgetRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    void closeDmsOf(String userId) {
        closedDms.add(userId);
    }

    /** Posted messages are taken at once (and recorded) but answered only after this long. */
    void answerMessagesAfter(Duration delay) {
        messageAnswerDelay = delay;
    }

    void sendGuildOnReady(boolean send) {
        sendGuildOnReady = send;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    /** Waits for a request the test expects; the limit only guards against a hang. */
    Request await(Predicate<Request> which) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        synchronized (requests) {
            while (true) {
                for (Request request : requests) {
                    if (which.test(request)) {
                        return request;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No such request arrived; got " + requests.stream()
                            .map(r -> r.method() + " " + r.path()).toList());
                }
                try {
                    requests.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The Identify payloads received, token included: tests look at shards and intents only. */
    List<JsonNode> identifies() {
        return List.copyOf(identifies);
    }

    int sessionCount() {
        return sessions.size();
    }

    // ---- gateway events a test sends ------------------------------------------------------------

    void dispatch(String type, JsonNode data) {
        for (Session session : sessions) {
            session.dispatch(type, data);
        }
    }

    ObjectNode slashCommand(String name, ObjectNode member, ArrayNode options) {
        ObjectNode data = json.createObjectNode().put("id", "950").put("name", name).put("type", 1);
        data.set("options", options == null ? json.createArrayNode() : options);
        return interaction(2, data, member);
    }

    ObjectNode button(String customId, ObjectNode member) {
        ObjectNode data = json.createObjectNode().put("custom_id", customId).put("component_type", 2);
        ObjectNode interaction = interaction(3, data, member);
        interaction.set("message", message("1", LEARNING_CHANNEL, user(Long.toString(BOT_ID), "Mentor", true), ""));
        return interaction;
    }

    ObjectNode autocomplete(String typed) {
        ArrayNode options = json.createArrayNode();
        options.addObject().put("name", "topic").put("type", 3).put("value", typed).put("focused", true);
        ObjectNode data = json.createObjectNode().put("id", "951").put("name", "topic").put("type", 1);
        data.set("options", options);
        return interaction(4, data, member("600000000000000001", "Ada", EVERYONE));
    }

    private ObjectNode interaction(int type, ObjectNode data, ObjectNode member) {
        String id = Long.toString(ids.incrementAndGet());
        ObjectNode interaction = json.createObjectNode()
                .put("id", id)
                .put("application_id", Long.toString(BOT_ID))
                .put("type", type)
                .put("channel_id", LEARNING_CHANNEL)
                .put("token", "interaction-token-" + id)
                .put("version", 1)
                .put("locale", "en-US")
                .put("app_permissions", Long.toString(EVERYONE));
        interaction.set("data", data);
        if (member != null) {
            interaction.put("guild_id", GUILD).put("guild_locale", "en-US").put("context", 0);
            interaction.set("member", member);
        } else {
            interaction.set("user", user("600000000000000001", "Ada", false));
            interaction.put("context", 1);
        }
        interaction.set("entitlements", json.createArrayNode());
        return interaction;
    }

    /** A DM-side interaction: no guild, no member. */
    ObjectNode directSlashCommand(String name, ArrayNode options) {
        return slashCommand(name, null, options);
    }

    ObjectNode member(String userId, String name, long permissions) {
        ObjectNode member = json.createObjectNode();
        member.set("user", user(userId, name, false));
        member.set("roles", json.createArrayNode());
        member.put("joined_at", "2026-01-01T00:00:00+00:00").put("deaf", false).put("mute", false).put("flags", 0)
                .put("permissions", Long.toString(permissions));
        member.set("nick", NullNode.instance);
        return member;
    }

    ObjectNode user(String id, String name, boolean bot) {
        ObjectNode user = json.createObjectNode().put("id", id).put("username", name).put("discriminator", "0")
                .put("bot", bot);
        user.set("avatar", NullNode.instance);
        user.set("global_name", NullNode.instance);
        return user;
    }

    ObjectNode message(String id, String channelId, ObjectNode author, String content) {
        ObjectNode message = json.createObjectNode().put("id", id).put("channel_id", channelId).put("content", content)
                .put("timestamp", "2026-01-01T00:00:00+00:00").put("tts", false).put("mention_everyone", false)
                .put("pinned", false).put("type", 0);
        message.set("author", author);
        message.set("edited_timestamp", NullNode.instance);
        message.set("mentions", json.createArrayNode());
        message.set("mention_roles", json.createArrayNode());
        message.set("attachments", json.createArrayNode());
        message.set("embeds", json.createArrayNode());
        message.set("components", json.createArrayNode());
        return message;
    }

    ArrayNode stringOption(String name, String value) {
        ArrayNode options = json.createArrayNode();
        options.addObject().put("name", name).put("type", 3).put("value", value);
        return options;
    }

    ArrayNode subcommand(String name) {
        ArrayNode options = json.createArrayNode();
        ObjectNode sub = options.addObject().put("name", name).put("type", 1);
        sub.set("options", json.createArrayNode());
        return options;
    }

    /** The guild with two text channels; @everyone may not post in the system channel. */
    ObjectNode guild() {
        ObjectNode guild = json.createObjectNode()
                .put("id", GUILD).put("name", "Backend Learners").put("owner_id", "600000000000000009")
                .put("afk_timeout", 300).put("verification_level", 0).put("default_message_notifications", 0)
                .put("explicit_content_filter", 0).put("mfa_level", 0).put("system_channel_id", SYSTEM_CHANNEL)
                .put("system_channel_flags", 0).put("premium_tier", 0).put("preferred_locale", "en-US")
                .put("nsfw_level", 0).put("premium_progress_bar_enabled", false)
                .put("joined_at", "2026-01-01T00:00:00+00:00").put("large", false).put("unavailable", false)
                .put("member_count", 2);
        for (String nullField : List.of("icon", "splash", "discovery_splash", "afk_channel_id", "application_id",
                "rules_channel_id", "vanity_url_code", "description", "banner", "public_updates_channel_id")) {
            guild.set(nullField, NullNode.instance);
        }
        ArrayNode roles = guild.putArray("roles");
        roles.addObject().put("id", GUILD).put("name", "@everyone").put("color", 0).put("hoist", false).put("position", 0)
                .put("permissions", Long.toString(EVERYONE)).put("managed", false).put("mentionable", false).put("flags", 0)
                .putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        for (String empty : List.of("emojis", "features", "voice_states", "threads", "presences", "stage_instances",
                "stickers", "guild_scheduled_events")) {
            guild.putArray(empty);
        }
        guild.putArray("members").add(botMember());
        ArrayNode channels = guild.putArray("channels");
        ObjectNode system = channels.addObject().put("id", SYSTEM_CHANNEL).put("type", 0).put("name", "general")
                .put("position", 0).put("guild_id", GUILD).put("nsfw", false);
        system.putArray("permission_overwrites").addObject().put("id", GUILD).put("type", 0).put("allow", "0")
                .put("deny", Long.toString(SEND_MESSAGES));
        channels.addObject().put("id", LEARNING_CHANNEL).put("type", 0).put("name", "learning").put("position", 1)
                .put("guild_id", GUILD).put("nsfw", false).putArray("permission_overwrites");
        return guild;
    }

    private ObjectNode botMember() {
        ObjectNode member = json.createObjectNode();
        member.set("user", user(Long.toString(BOT_ID), "Mentor", true));
        member.putArray("roles");
        member.put("joined_at", "2026-01-01T00:00:00+00:00").put("deaf", false).put("mute", false).put("flags", 0);
        return member;
    }

    // ---- REST -------------------------------------------------------------------------------------

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = request.uri().contains("?") ? request.uri().substring(0, request.uri().indexOf('?')) : request.uri();
        if (path.equals("/gateway") && request.requestHeaders().containsValue("Upgrade", "websocket", true)) {
            return response.sendWebsocket(this::session);
        }
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(bytes -> {
            if (!("Bot " + token).equals(request.requestHeaders().get("Authorization"))) {
                return send(response, 401, "{\"message\": \"401: Unauthorized\", \"code\": 0}");
            }
            List<Upload> files = new ArrayList<>();
            String type = request.requestHeaders().get("Content-Type", "");
            JsonNode parsed = type.startsWith("multipart/form-data") ? multipart(bytes, type, files)
                    : parse(new String(bytes, StandardCharsets.UTF_8));
            Request recorded = new Request(request.method().name(), path.substring("/api/v10".length()), parsed, files);
            Reply reply = answer(recorded);
            synchronized (requests) {
                requests.add(recorded);
                requests.notifyAll();
            }
            listener.accept(recorded);
            if (!messageAnswerDelay.isZero() && recorded.is("POST", "/channels/\\d+/messages")) {
                return Mono.delay(messageAnswerDelay).then(send(response, reply.status(), reply.body()));
            }
            return send(response, reply.status(), reply.body());
        });
    }

    private record Reply(int status, String body) {
    }

    private Reply answer(Request request) {
        String path = request.path();
        String method = request.method();
        String user = user(Long.toString(BOT_ID), "Mentor", true).toString();
        if (method.equals("GET") && path.equals("/gateway")) {
            return ok("{\"url\": \"ws://127.0.0.1:" + server.port() + "/gateway\"}");
        }
        if (method.equals("GET") && path.equals("/gateway/bot")) {
            return ok("{\"url\": \"ws://127.0.0.1:" + server.port() + "/gateway\", \"shards\": 1, \"session_start_limit\": "
                    + "{\"total\": 1000, \"remaining\": 999, \"reset_after\": 14400000, \"max_concurrency\": 1}}");
        }
        if (method.equals("GET") && path.equals("/oauth2/applications/@me")) {
            return ok("{\"id\": \"" + BOT_ID + "\", \"name\": \"Mentor\", \"icon\": null, \"description\": \"\", "
                    + "\"bot_public\": true, \"bot_require_code_grant\": false, \"verify_key\": \"k\", \"flags\": 0, \"summary\": \"\", "
                    + "\"owner\": " + user(Long.toString(BOT_ID + 1), "Owner", false) + "}");
        }
        if (method.equals("GET") && path.equals("/users/@me")) {
            return ok(user);
        }
        if (method.equals("PUT") && path.matches("/applications/\\d+/commands")) {
            ArrayNode answered = json.createArrayNode();
            for (JsonNode command : request.body()) {
                ObjectNode copy = command.deepCopy();
                copy.put("id", Long.toString(ids.incrementAndGet())).put("application_id", Long.toString(BOT_ID))
                        .put("version", "1").put("type", 1);
                answered.add(copy);
            }
            return ok(answered.toString());
        }
        if (method.equals("POST") && path.matches("/interactions/\\d+/[^/]+/callback")) {
            return new Reply(204, "");
        }
        if ((method.equals("POST") && path.matches("/webhooks/\\d+/[^/]+"))
                || (method.equals("PATCH") && path.matches("/webhooks/\\d+/[^/]+/messages/@original"))) {
            return ok(message(Long.toString(ids.incrementAndGet()), LEARNING_CHANNEL,
                    user(Long.toString(BOT_ID), "Mentor", true), "").toString());
        }
        if (method.equals("POST") && path.equals("/users/@me/channels")) {
            String recipient = request.body().path("recipient_id").asText();
            String channel = Long.toString(ids.incrementAndGet());
            dmChannelOwners.put(channel, recipient);
            return ok("{\"id\": \"" + channel + "\", \"type\": 1, \"recipients\": [" + user(recipient, "Learner", false)
                    + "]}");
        }
        if (method.equals("POST") && path.matches("/channels/\\d+/messages")) {
            String channel = path.split("/")[2];
            String owner = dmChannelOwners.get(channel);
            if (owner != null && closedDms.contains(owner)) {
                return new Reply(403, "{\"message\": \"Cannot send messages to this user\", \"code\": 50007}");
            }
            return ok(message(Long.toString(ids.incrementAndGet()), channel, user(Long.toString(BOT_ID), "Mentor", true),
                    request.body().path("content").asText("")).toString());
        }
        return new Reply(404, "{\"message\": \"Unknown\", \"code\": 10000}");
    }

    private static Reply ok(String body) {
        return new Reply(200, body);
    }

    private static Mono<Void> send(HttpServerResponse response, int status, String body) {
        HttpServerResponse answer = response.status(HttpResponseStatus.valueOf(status));
        if (body.isEmpty()) {
            return answer.send().then();
        }
        return answer.header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }

    private JsonNode parse(String body) {
        if (body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    /**
     * A multipart body: its JSON part ({@code payload_json}) is the request's body, and parts with a file
     * name go into {@code files}.
     */
    private JsonNode multipart(byte[] body, String contentType, List<Upload> files) {
        JsonNode payload = json.createObjectNode();
        try {
            for (MultipartForm.Part part : MultipartForm.parts(body, contentType)) {
                if (part.isFile()) {
                    files.add(new Upload(part.field(), part.fileName(), part.contentType(), part.bytes()));
                } else if ("payload_json".equals(part.field())) {
                    payload = parse(part.text());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return payload;
    }

    // ---- gateway ----------------------------------------------------------------------------------

    private Mono<Void> session(WebsocketInbound in, WebsocketOutbound out) {
        Session session = new Session();
        sessions.add(session);
        session.send(10, null, null, json.createObjectNode().put("heartbeat_interval", 45000));
        Mono<Void> receiving = in.receive().asString().doOnNext(text -> session.onPayload(parse(text))).then();
        Mono<Void> sending = out.sendObject(session.frames.asFlux()
                .map(bytes -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)))).then();
        return Mono.firstWithSignal(receiving, sending).doFinally(signal -> sessions.remove(session));
    }

    /** One gateway connection: its own zlib stream and sequence numbers. */
    private final class Session {
        private final Sinks.Many<byte[]> frames = Sinks.many().unicast().onBackpressureBuffer();
        private final Deflater deflater = new Deflater();
        private long sequence;

        void onPayload(JsonNode payload) {
            switch (payload.path("op").asInt(-1)) {
                case 1 -> send(11, null, null, null);
                case 2 -> identify(payload.path("d"));
                default -> { }
            }
        }

        private void identify(JsonNode identify) {
            identifies.add(identify);
            if (!token.equals(identify.path("token").asText())) {
                frames.tryEmitComplete();
                return;
            }
            ObjectNode ready = json.createObjectNode().put("v", 10).put("session_id", "session-" + ids.incrementAndGet())
                    .put("resume_gateway_url", "ws://127.0.0.1:" + server.port() + "/gateway");
            ready.set("user", user(Long.toString(BOT_ID), "Mentor", true));
            ready.putArray("guilds").addObject().put("id", GUILD).put("unavailable", true);
            ready.putArray("private_channels");
            ready.putArray("shard").add(identify.path("shard").path(0).asInt(0)).add(identify.path("shard").path(1).asInt(1));
            ready.putObject("application").put("id", Long.toString(BOT_ID)).put("flags", 0);
            dispatch("READY", ready);
            if (sendGuildOnReady) {
                dispatch("GUILD_CREATE", guild());
            }
        }

        synchronized void dispatch(String type, JsonNode data) {
            send(0, type, ++sequence, data);
        }

        synchronized void send(int op, String type, Long sequenceNumber, JsonNode data) {
            ObjectNode payload = json.createObjectNode().put("op", op);
            if (type == null) {
                payload.set("t", NullNode.instance);
            } else {
                payload.put("t", type);
            }
            if (sequenceNumber == null) {
                payload.set("s", NullNode.instance);
            } else {
                payload.put("s", sequenceNumber);
            }
            payload.set("d", data == null ? NullNode.instance : data);
            frames.tryEmitNext(compress(payload.toString().getBytes(StandardCharsets.UTF_8)));
        }

        /** Discord's zlib-stream: one deflater for the whole connection, each payload ending in a sync flush. */
        private byte[] compress(byte[] input) {
            deflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int written;
            do {
                written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, written);
            } while (written == buffer.length);
            return out.toByteArray();
        }
    }

    @Override
    public void close() {
        sessions.forEach(session -> session.frames.tryEmitComplete());
        server.disposeNow(Duration.ofSeconds(5));
    }

    List<String> requestLines() {
        List<String> lines = new ArrayList<>();
        requests.forEach(request -> lines.add(request.method() + " " + request.path()));
        return lines;
    }
}
