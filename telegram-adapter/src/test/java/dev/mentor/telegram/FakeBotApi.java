package dev.mentor.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mentor.platforms.MultipartForm;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * A Bot API server on 127.0.0.1 for tests: it holds getUpdates open like Telegram does, hands
 * out the updates a test queues, records every call, and answers with scripted errors on demand;
 * for benchmarks, after a round trip and with a seeded mix of random refusals.
 */
public final class FakeBotApi implements AutoCloseable {

    public static final String TOKEN = "123456789:AAH-fake-token-Secret_value";
    static final long BOT_ID = 123456789L;
    static final String BOT_USERNAME = "MentorTestBot";

    /**
     * A file uploaded in a multipart request: its form part's name (what a field's {@code attach://} names),
     * its file name and type as sent, and its bytes.
     */
    public record Upload(String field, String fileName, String contentType, byte[] bytes) {
    }

    /** One request the adapter made, the status it was given, and when that answer went out (0 until then). */
    public static final class Call {
        private final String method;
        private final JsonNode body;
        private final List<Upload> files;
        private final long receivedNanos;
        private final int status;
        private volatile long answeredNanos;

        Call(String method, JsonNode body, List<Upload> files, long receivedNanos, int status) {
            this.method = method;
            this.body = body;
            this.files = List.copyOf(files);
            this.receivedNanos = receivedNanos;
            this.status = status;
        }

        /** The files uploaded with it (a photo, a document), in the order they came. */
        public List<Upload> files() {
            return files;
        }

        public String method() {
            return method;
        }

        public JsonNode body() {
            return body;
        }

        public long receivedNanos() {
            return receivedNanos;
        }

        public int status() {
            return status;
        }

        public long answeredNanos() {
            return answeredNanos;
        }

        boolean accepted() {
            return body.has("accepted");
        }

        long chatId() {
            return body.path("chat_id").asLong();
        }
    }

    /**
     * Random refusals of sendMessage, drawn per request from a seeded generator: a share refused with
     * 429 and this retry_after, a share with 502; messages to the blocked chats always get 403.
     */
    record FaultMix(long seed, double rateLimitedShare, int retryAfterSeconds, double serverErrorShare,
            Set<Long> blockedChats) {

        static final FaultMix NONE = new FaultMix(0, 0, 1, 0, Set.of());

        FaultMix {
            if (rateLimitedShare < 0 || serverErrorShare < 0 || rateLimitedShare + serverErrorShare > 1) {
                throw new IllegalArgumentException("fault shares must be between 0 and 1 in all");
            }
            blockedChats = Set.copyOf(blockedChats);
        }
    }

    private record Canned(int status, String body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Object lock = new Object();
    private final LinkedHashMap<Integer, ObjectNode> pending = new LinkedHashMap<>();
    private final Map<Integer, ObjectNode> allUpdates = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Canned>> scripted = new HashMap<>();
    private final Map<String, String> memberStatus = new ConcurrentHashMap<>();
    private final Map<Integer, Long> deliveredAt = new ConcurrentHashMap<>();
    private final java.util.Set<String> held = new java.util.HashSet<>();
    /** Chats whose next messages are refused with 429, and the retry_after each refusal names. */
    private final Map<Long, Deque<Integer>> rateLimitedChats = new HashMap<>();
    /** When the last accepted message reached each chat. */
    private final Map<Long, Long> lastAcceptedAt = new ConcurrentHashMap<>();
    private volatile Duration roundTrip = Duration.ZERO;
    private FaultMix faults = FaultMix.NONE;
    private Random faultDraws = new Random(0);
    private boolean slimRecords;
    /** Like Telegram: a getUpdates ends the one being held with 409, when switched on. */
    private boolean onePoller;
    private long pollsStarted;
    private int nextUpdateId = 1000;
    private int nextMessageId = 1;
    private volatile boolean open = true;

    public FakeBotApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ----- how the server behaves -----

    /** Every call but getUpdates is answered this long after it arrived, as over a real network. */
    void roundTrip(Duration delay) {
        roundTrip = delay;
    }

    /** sendMessage calls are refused at random from now on, as this mix says (scripted answers go first). */
    void faultMix(FaultMix mix) {
        synchronized (lock) {
            faults = mix;
            faultDraws = new Random(mix.seed());
        }
    }

    /**
     * For long runs: each call is recorded with only its chat_id and the start of its text, so a hundred
     * thousand calls fit in a small heap.
     */
    void slimRecords() {
        synchronized (lock) {
            slimRecords = true;
        }
    }

    /**
     * From now on, as Telegram does for one token: a getUpdates that arrives while another is held ends
     * the held one with 409 Conflict.
     */
    public void onePollerAtATime() {
        synchronized (lock) {
            onePoller = true;
        }
    }

    // ----- what the test does as Telegram users -----

    /** A user writes in a private chat (whose id is the user's id). */
    public int privateMessage(long userId, String text) {
        return message(chat(userId, "private", null), user(userId, "Ada", false), text, null);
    }

    /** A user writes in a group. */
    int groupMessage(long groupId, long userId, String text) {
        return message(chat(groupId, "supergroup", "Study group"), user(userId, "Bob", false), text, null);
    }

    /** A user replies in a group to a message by {@code repliedFrom}. */
    int groupReply(long groupId, long userId, String text, long repliedFrom) {
        ObjectNode replied = json.createObjectNode();
        replied.put("message_id", 1).put("date", 1_700_000_000);
        replied.set("chat", chat(groupId, "supergroup", "Study group"));
        replied.set("from", user(repliedFrom, repliedFrom == BOT_ID ? "Mentor" : "Carol", repliedFrom == BOT_ID));
        replied.put("text", "earlier message");
        return message(chat(groupId, "supergroup", "Study group"), user(userId, "Bob", false), text, replied);
    }

    /** A user presses a button under one of the bot's messages. */
    int press(long chatId, String chatType, long userId, String data) {
        ObjectNode under = json.createObjectNode();
        under.put("message_id", 7).put("date", 1_700_000_000);
        under.set("chat", chat(chatId, chatType, chatType.equals("private") ? null : "Study group"));
        under.set("from", user(BOT_ID, "Mentor", true));
        under.put("text", "a reply with buttons");
        ObjectNode query = json.createObjectNode();
        query.put("id", "query-" + chatId + "-" + userId);
        query.set("from", user(userId, "Ada", false));
        query.put("chat_instance", "instance");
        query.put("data", data);
        query.set("message", under);
        return enqueue("callback_query", query);
    }

    /** Hands out an update again, as Telegram does when its receipt was never confirmed. */
    void redeliver(int updateId) {
        synchronized (lock) {
            pending.put(updateId, allUpdates.get(updateId));
            lock.notifyAll();
        }
    }

    void setMemberStatus(long chatId, long userId, String status) {
        memberStatus.put(chatId + ":" + userId, status);
    }

    /** The next call of this method (lower case) answers with this error instead. */
    void failNext(String method, int code, String description, Integer retryAfter) {
        ObjectNode body = json.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
        if (retryAfter != null) {
            body.putObject("parameters").put("retry_after", retryAfter);
        }
        script(method, code, body.toString());
    }

    /**
     * Calls of this method (lower case) are taken (a message counts as sent) but their answers are held
     * back until {@link #releaseAnswers()} or closing: as a Telegram that acted but answered too late.
     */
    void holdAnswers(String method) {
        synchronized (lock) {
            held.add(method.toLowerCase(Locale.ROOT));
        }
    }

    void releaseAnswers() {
        synchronized (lock) {
            held.clear();
            lock.notifyAll();
        }
    }

    /** The next {@code times} messages to this chat are refused with 429 and this retry_after. */
    public void rateLimitChat(long chatId, int retryAfter, int times) {
        synchronized (lock) {
            Deque<Integer> refusals = rateLimitedChats.computeIfAbsent(chatId, id -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                refusals.add(retryAfter);
            }
        }
    }

    void script(String method, int status, String body) {
        synchronized (lock) {
            scripted.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ArrayDeque<>()).add(new Canned(status, body));
        }
    }

    // ----- what the test checks -----

    public List<Call> calls(String method) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.method().equals(method.toLowerCase(Locale.ROOT))).toList();
        }
    }

    /** The texts of the messages the bot sent (accepted ones only: scripted failures are left out). */
    public List<JsonNode> sentMessages() {
        synchronized (lock) {
            return calls.stream().filter(c -> c.method().equals("sendmessage") && c.accepted()).map(Call::body)
                    .toList();
        }
    }

    /** The photos and documents the bot sent (accepted ones only), in order. */
    public List<Call> sentFiles() {
        synchronized (lock) {
            return calls.stream().filter(c -> (c.method().equals("sendphoto") || c.method().equals("senddocument"))
                    && c.accepted()).toList();
        }
    }

    public List<String> sentTexts() {
        return sentMessages().stream().map(m -> m.path("text").asText()).toList();
    }

    Long deliveredAt(int updateId) {
        return deliveredAt.get(updateId);
    }

    /** When the last message accepted for this chat arrived (System.nanoTime), or null when none did. */
    Long lastAcceptedAt(long chatId) {
        return lastAcceptedAt.get(chatId);
    }

    /** Waits (without sleeping in a loop) until the condition holds; fails after the timeout. */
    public void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; calls: " + calls.stream().map(Call::method).toList());
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    void awaitSent(int count) throws InterruptedException {
        await(count + " sent messages", Duration.ofSeconds(20), () -> sentMessages().size() >= count);
    }

    /** Whether a getUpdates is being held open: every update so far was taken in. */
    boolean idle() {
        synchronized (lock) {
            return pending.isEmpty() && waitingPolls > 0;
        }
    }

    private int waitingPolls;

    // ----- the server -----

    private void serve(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String prefix = "/bot" + TOKEN + "/";
            List<Upload> files = new ArrayList<>();
            JsonNode body = readBody(exchange, files);
            if (!path.startsWith(prefix)) {
                respond(exchange, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            Canned canned;
            Call call = null;
            synchronized (lock) {
                Deque<Canned> queue = scripted.get(method);
                canned = queue == null ? null : queue.poll();
                Deque<Integer> refusals = method.equals("sendmessage") && body.has("chat_id")
                        ? rateLimitedChats.get(body.path("chat_id").asLong()) : null;
                if (canned == null && refusals != null && !refusals.isEmpty()) {
                    canned = rateLimited(refusals.poll());
                }
                if (canned == null && method.equals("sendmessage")) {
                    canned = drawFault(body.path("chat_id").asLong());
                }
                if (!method.equals("getupdates")) {
                    call = new Call(method, slimRecords ? slim(body) : body, files, received,
                            canned == null ? 200 : canned.status());
                    calls.add(call);
                    lock.notifyAll();
                }
            }
            if (canned != null) {
                answer(exchange, call, canned.status(), canned.body());
                return;
            }
            JsonNode result = switch (method) {
                case "getme" -> user(BOT_ID, "Mentor", true).put("username", BOT_USERNAME);
                case "getupdates" -> updates(body);
                case "sendmessage", "sendphoto", "senddocument" -> sent(body, call, received);
                case "getchatmember" -> member(body);
                case "getwebhookinfo" -> webhookInfo();
                default -> json.getNodeFactory().booleanNode(true);
            };
            if (result == null) {
                respond(exchange, 409, "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by "
                        + "other getUpdates request; make sure that only one bot instance is running\"}");
                return;
            }
            synchronized (lock) {
                try {
                    while (open && held.contains(method)) {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer(exchange, call, 200, json.createObjectNode().put("ok", true).set("result", result).toString());
        }
    }

    /** Answers after the round trip (getUpdates at once: it is not a call that waits on the network here). */
    private void answer(HttpExchange exchange, Call call, int status, String body) throws IOException {
        if (call != null && !roundTrip.isZero()) {
            try {
                Thread.sleep(roundTrip);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (call != null) {
            call.answeredNanos = System.nanoTime();
        }
        respond(exchange, status, body);
    }

    private static Canned rateLimited(int retryAfter) {
        return new Canned(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                + retryAfter + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}");
    }

    /** The fault mix's answer to a message for this chat, or null to accept it. Called under the lock. */
    private Canned drawFault(long chatId) {
        if (faults.blockedChats().contains(chatId)) {
            return new Canned(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
        }
        if (faults.rateLimitedShare() == 0 && faults.serverErrorShare() == 0) {
            return null;
        }
        double draw = faultDraws.nextDouble();
        if (draw < faults.rateLimitedShare()) {
            return rateLimited(faults.retryAfterSeconds());
        }
        if (draw < faults.rateLimitedShare() + faults.serverErrorShare()) {
            return new Canned(502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}");
        }
        return null;
    }

    private ObjectNode slim(JsonNode body) {
        ObjectNode slim = json.createObjectNode();
        if (body.has("chat_id")) {
            slim.set("chat_id", body.get("chat_id"));
        }
        if (body.has("text")) {
            String text = body.get("text").asText();
            slim.put("text", text.substring(0, Math.min(text.length(), 80)));
        }
        return slim;
    }

    /** The updates for this poll, or null when a later poll ended it (one poller at a time). */
    private JsonNode updates(JsonNode body) {
        int offset = body.path("offset").asInt(0);
        long timeoutMillis = Math.min(body.path("timeout").asLong(0) * 1000, 60_000);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        ArrayNode out = json.createArrayNode();
        synchronized (lock) {
            pending.keySet().removeIf(id -> id < offset); // confirmed by the offset
            long poll = ++pollsStarted;
            waitingPolls++;
            lock.notifyAll();
            try {
                while (open && pending.isEmpty() && System.nanoTime() < deadline) {
                    if (onePoller && pollsStarted != poll) {
                        return null;
                    }
                    lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waitingPolls--;
            }
            long now = System.nanoTime();
            pending.forEach((id, update) -> {
                out.add(update);
                deliveredAt.putIfAbsent(id, now);
            });
        }
        return out;
    }

    private JsonNode sent(JsonNode body, Call call, long received) {
        ObjectNode message = json.createObjectNode();
        synchronized (lock) {
            ((ObjectNode) call.body()).put("accepted", true);
            message.put("message_id", 10_000 + nextMessageId++);
            lastAcceptedAt.merge(body.path("chat_id").asLong(), received, Math::max);
            lock.notifyAll();
        }
        message.put("date", 1_700_000_000);
        message.set("chat", chat(Long.parseLong(body.path("chat_id").asText()), "private", null));
        message.set("from", user(BOT_ID, "Mentor", true));
        message.put("text", body.path("text").asText());
        return message;
    }

    /** The webhook as the last setWebhook left it (none after deleteWebhook). */
    private JsonNode webhookInfo() {
        ObjectNode info = json.createObjectNode().put("url", "").put("has_custom_certificate", false)
                .put("pending_update_count", 0);
        synchronized (lock) {
            for (Call call : calls) {
                if (call.method().equals("setwebhook")) {
                    info.put("url", call.body().path("url").asText()).put("max_connections",
                            call.body().path("max_connections").asInt());
                } else if (call.method().equals("deletewebhook")) {
                    info.put("url", "").remove("max_connections");
                }
            }
        }
        return info;
    }

    private JsonNode member(JsonNode body) {
        long chatId = Long.parseLong(body.path("chat_id").asText());
        long userId = body.path("user_id").asLong();
        ObjectNode member = json.createObjectNode();
        member.put("status", memberStatus.getOrDefault(chatId + ":" + userId, "member"));
        member.set("user", user(userId, "Someone", false));
        return member;
    }

    private int message(ObjectNode chat, ObjectNode from, String text, ObjectNode replyTo) {
        ObjectNode message = json.createObjectNode();
        synchronized (lock) {
            message.put("message_id", nextMessageId++);
        }
        message.put("date", 1_700_000_000);
        message.set("chat", chat);
        message.set("from", from);
        message.put("text", text);
        if (replyTo != null) {
            message.set("reply_to_message", replyTo);
        }
        return enqueue("message", message);
    }

    private int enqueue(String kind, ObjectNode content) {
        synchronized (lock) {
            int id = nextUpdateId++;
            ObjectNode update = json.createObjectNode().put("update_id", id);
            update.set(kind, content);
            pending.put(id, update);
            allUpdates.put(id, update);
            lock.notifyAll();
            return id;
        }
    }

    private ObjectNode chat(long id, String type, String title) {
        ObjectNode chat = json.createObjectNode().put("id", id).put("type", type);
        if (title != null) {
            chat.put("title", title);
        }
        return chat;
    }

    private ObjectNode user(long id, String firstName, boolean bot) {
        return json.createObjectNode().put("id", id).put("is_bot", bot).put("first_name", firstName);
    }

    /** The request's JSON, or its multipart form's text fields as one JSON object with its files into {@code files}. */
    private JsonNode readBody(HttpExchange exchange, List<Upload> files) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("multipart/form-data")) {
            return formFields(bytes, type, files);
        }
        return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    }

    /**
     * A multipart form (what the client sends for setWebhook, sendPhoto, sendDocument): text fields into one
     * JSON object, parts with a file name into {@code files}.
     */
    private ObjectNode formFields(byte[] body, String contentType, List<Upload> files) throws IOException {
        ObjectNode fields = json.createObjectNode();
        for (MultipartForm.Part part : MultipartForm.parts(body, contentType)) {
            if (part.isFile()) {
                files.add(new Upload(part.field(), part.fileName(), part.contentType(), part.bytes()));
                fields.put(part.field(), "attach://" + part.fileName());
            } else {
                fields.put(part.field(), part.text());
            }
        }
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            open = false;
            lock.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
