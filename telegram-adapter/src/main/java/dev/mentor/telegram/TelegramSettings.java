package dev.mentor.telegram;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * How the Telegram adapter connects and sends.
 *
 * @param token          the bot token from BotFather; never printed
 * @param apiUrl         the Bot API server, {@code https://api.telegram.org} unless self-hosted or faked
 * @param limits         outbound pacing
 * @param pollTimeout    how long one long-poll request may wait for updates
 * @param workers        threads handling updates; one chat always stays on one thread, in order
 * @param sendAttempts   tries per message on server errors and network failures
 * @param retryBackoff   wait before the second try; it doubles each time
 * @param maxRetryAfter  the longest {@code retry_after} honoured in place; longer ones fail the
 *                       delivery for now so a reminder is retried later rather than blocking
 * @param closeGrace     how long closing waits for replies in flight
 * @param sendTimeout    how long a sent request waits for Telegram's answer; a message whose answer does
 *                       not come back in time may have arrived, so it counts as possibly sent and is not
 *                       sent again
 * @param webhookSecret  null to long-poll (one instance); else updates come to the webhook endpoint, and only
 *                       requests carrying this secret in {@code X-Telegram-Bot-Api-Secret-Token} are taken;
 *                       never printed
 */
public record TelegramSettings(String token, URI apiUrl, RateLimits limits, Duration pollTimeout, int workers,
        int sendAttempts, Duration retryBackoff, Duration maxRetryAfter, Duration closeGrace, Duration sendTimeout,
        String webhookSecret) {

    public static final String TOKEN_SETTING = "MENTOR_TELEGRAM_TOKEN";
    public static final String API_URL_SETTING = "MENTOR_TELEGRAM_API_URL";
    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    public static final String SEND_TIMEOUT_SETTING = "MENTOR_TELEGRAM_SEND_TIMEOUT";
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
    public static final String MODE_SETTING = "MENTOR_TELEGRAM_MODE";
    public static final String WEBHOOK_SECRET_SETTING = "MENTOR_TELEGRAM_WEBHOOK_SECRET";
    /** What Telegram allows in a webhook's secret token. */
    private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,256}");

    public TelegramSettings {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(TOKEN_SETTING + " is empty");
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c == '/' || c > '~')) {
            // The token is a URL path segment; say what is wrong without echoing it.
            throw new IllegalArgumentException(TOKEN_SETTING + " holds spaces, slashes or other characters a bot token never has");
        }
        checkApiUrl(apiUrl);
        if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofSeconds(100)) > 0) {
            throw new IllegalArgumentException("the Telegram poll timeout must be between 0 and 100 seconds, not " + pollTimeout);
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("Telegram workers must be between 1 and 64, not " + workers);
        }
        if (sendAttempts < 1) {
            throw new IllegalArgumentException("Telegram send attempts must be at least 1, not " + sendAttempts);
        }
        if (sendTimeout == null || sendTimeout.compareTo(Duration.ofMillis(1)) < 0
                || sendTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException(SEND_TIMEOUT_SETTING + " must be between 1 ms and 5 minutes, not "
                    + sendTimeout);
        }
        if (webhookSecret != null && !SECRET.matcher(webhookSecret).matches()) {
            // Not echoed: it is a secret.
            throw new IllegalArgumentException(WEBHOOK_SECRET_SETTING + " must be 16 to 256 letters, digits, '_' or '-' "
                    + "(Telegram's rule for a webhook's secret token)");
        }
    }

    /** Whether updates come to the webhook endpoint rather than by long polling. */
    public boolean webhook() {
        return webhookSecret != null;
    }

    /** The production settings for a token and a server. */
    public static TelegramSettings of(String token, URI apiUrl) {
        // 64 update workers: a chat waiting out its 429 or a retry's backoff holds its worker, and with it the
        // chats that share it (chat id modulo the workers), so many small lanes keep that to a few chats.
        return new TelegramSettings(token, apiUrl, RateLimits.TELEGRAM, Duration.ofSeconds(50), 64, 4,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30), DEFAULT_SEND_TIMEOUT, null);
    }

    /**
     * The settings from {@code MENTOR_TELEGRAM_TOKEN} and {@code MENTOR_TELEGRAM_API_URL}, or empty
     * when no token is set (the adapter is not wanted).
     *
     * @throws IllegalArgumentException naming the setting when the URL or the token is malformed
     */
    public static Optional<TelegramSettings> fromEnvironment(Map<String, String> environment) {
        String token = environment.getOrDefault(TOKEN_SETTING, "").strip();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String url = environment.getOrDefault(API_URL_SETTING, "").strip();
        TelegramSettings settings = of(token, url.isEmpty() ? DEFAULT_API_URL : parseApiUrl(url));
        String timeout = environment.getOrDefault(SEND_TIMEOUT_SETTING, "").strip();
        if (!timeout.isEmpty()) {
            settings = settings.withSendTimeout(parseSendTimeout(timeout));
        }
        String mode = environment.getOrDefault(MODE_SETTING, "").strip().toLowerCase(Locale.ROOT);
        String secret = environment.getOrDefault(WEBHOOK_SECRET_SETTING, "").strip();
        return switch (mode) {
            case "", "polling" -> Optional.of(settings);
            case "webhook" -> {
                if (secret.isEmpty()) {
                    throw new IllegalArgumentException(MODE_SETTING + " is 'webhook', which needs " + WEBHOOK_SECRET_SETTING
                            + ": 16 to 256 letters, digits, '_' or '-', the same on every instance and given to "
                            + "./mentor telegram-webhook set");
                }
                yield Optional.of(settings.withWebhookSecret(secret));
            }
            default -> throw new IllegalArgumentException(MODE_SETTING + " is '" + mode + "'; expected polling (one "
                    + "instance, the default) or webhook (several instances behind a load balancer)");
        };
    }

    /** A send timeout: seconds ({@code 30}, {@code 30s}) or milliseconds ({@code 500ms}). */
    public static Duration parseSendTimeout(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).strip()));
            }
            return Duration.ofSeconds(Long.parseLong((value.endsWith("s") ? value.substring(0, value.length() - 1) : value)
                    .strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEND_TIMEOUT_SETTING + " must be seconds (30, 30s) or milliseconds "
                    + "(500ms), not: " + text);
        }
    }

    /** Parses a Bot API server address: http(s), a host, an optional port, nothing after. */
    public static URI parseApiUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(API_URL_SETTING + " is not a URL: " + text);
        }
        checkApiUrl(uri);
        return uri;
    }

    private static void checkApiUrl(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException(API_URL_SETTING + " is missing");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(API_URL_SETTING + " must start with http:// or https://, not: " + uri);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(API_URL_SETTING + " has no host: " + uri);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            // The client builds /bot<token>/<method> on the server's root; a prefix would be dropped silently.
            throw new IllegalArgumentException(API_URL_SETTING + " must be only scheme, host and port, "
                    + "for example https://api.telegram.org or http://127.0.0.1:8081, not: " + uri);
        }
    }

    public TelegramSettings withLimits(RateLimits newLimits) {
        return new TelegramSettings(token, apiUrl, newLimits, pollTimeout, workers, sendAttempts, retryBackoff,
                maxRetryAfter, closeGrace, sendTimeout, webhookSecret);
    }

    public TelegramSettings withPollTimeout(Duration timeout) {
        return new TelegramSettings(token, apiUrl, limits, timeout, workers, sendAttempts, retryBackoff, maxRetryAfter,
                closeGrace, sendTimeout, webhookSecret);
    }

    public TelegramSettings withWorkers(int count) {
        return new TelegramSettings(token, apiUrl, limits, pollTimeout, count, sendAttempts, retryBackoff, maxRetryAfter,
                closeGrace, sendTimeout, webhookSecret);
    }

    public TelegramSettings withRetryBackoff(Duration backoff) {
        return new TelegramSettings(token, apiUrl, limits, pollTimeout, workers, sendAttempts, backoff, maxRetryAfter,
                closeGrace, sendTimeout, webhookSecret);
    }

    public TelegramSettings withSendTimeout(Duration timeout) {
        return new TelegramSettings(token, apiUrl, limits, pollTimeout, workers, sendAttempts, retryBackoff, maxRetryAfter,
                closeGrace, timeout, webhookSecret);
    }

    public TelegramSettings withWebhookSecret(String secret) {
        return new TelegramSettings(token, apiUrl, limits, pollTimeout, workers, sendAttempts, retryBackoff, maxRetryAfter,
                closeGrace, sendTimeout, secret);
    }

    /** The server as the telegrambots client wants it. */
    TelegramUrl telegramUrl() {
        String scheme = apiUrl.getScheme().toLowerCase(Locale.ROOT);
        int port = apiUrl.getPort() > 0 ? apiUrl.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, apiUrl.getHost(), port, false);
    }

    /** Replaces the token wherever it appears (client errors often quote the request URL). */
    String scrub(String text) {
        return text == null ? "" : text.replace(token, "<token>");
    }

    @Override
    public String toString() {
        return "TelegramSettings[token=***, apiUrl=" + apiUrl + ", limits=" + limits + ", pollTimeout=" + pollTimeout
                + ", workers=" + workers + ", sendAttempts=" + sendAttempts + ", retryBackoff=" + retryBackoff
                + ", maxRetryAfter=" + maxRetryAfter + ", closeGrace=" + closeGrace + ", sendTimeout=" + sendTimeout
                + ", mode=" + (webhook() ? "webhook, secret=***" : "polling") + "]";
    }
}
