package dev.mentor.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Registers the bot's webhook with Telegram, once for all instances (not at every start): the public URL
 * the load balancer answers on, the secret Telegram must send back, how many connections Telegram may open,
 * and the kinds of update the mentor handles.
 */
public final class TelegramWebhook {

    /** Telegram's own bounds for max_connections. */
    public static final int MIN_CONNECTIONS = 1;
    public static final int MAX_CONNECTIONS = 100;

    /** What Telegram says about the webhook. */
    public record Status(String url, int pendingUpdates, Integer maxConnections, String lastError,
            Instant lastErrorAt) {
    }

    private final TelegramSettings settings;
    private final OkHttpTelegramClient client;

    public TelegramWebhook(TelegramSettings settings) {
        this.settings = settings;
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        this.client = new OkHttpTelegramClient(new ObjectMapper(), http, settings.token(), settings.telegramUrl());
    }

    /**
     * Points Telegram at {@code url} with the secret from the settings.
     *
     * @throws IllegalArgumentException when the URL is not https (Telegram's rule) or the count is out of bounds
     * @throws IllegalStateException    when Telegram refuses or cannot be reached; the message holds no token
     */
    public void set(URI url, int maxConnections) {
        if (!settings.webhook()) {
            throw new IllegalArgumentException(TelegramSettings.WEBHOOK_SECRET_SETTING + " must be set (with "
                    + TelegramSettings.MODE_SETTING + "=webhook): Telegram sends it back with every update");
        }
        if (url.getScheme() == null || !url.getScheme().toLowerCase(Locale.ROOT).equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("the webhook URL must be https://host/..., as Telegram requires, not: " + url);
        }
        if (maxConnections < MIN_CONNECTIONS || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("--max-connections must be from " + MIN_CONNECTIONS + " to " + MAX_CONNECTIONS
                    + ", not " + maxConnections);
        }
        call(() -> client.execute(SetWebhook.builder()
                .url(url.toString())
                .secretToken(settings.webhookSecret())
                .maxConnections(maxConnections)
                .allowedUpdates(TelegramPlatform.UPDATE_TYPES)
                .build()), "setWebhook");
    }

    /** Removes the webhook, so a single instance can long-poll again; pending updates are kept. */
    public void delete() {
        call(() -> client.execute(DeleteWebhook.builder().dropPendingUpdates(false).build()), "deleteWebhook");
    }

    public Status info() {
        WebhookInfo info = call(() -> client.execute(new GetWebhookInfo()), "getWebhookInfo");
        return new Status(info.getUrl() == null ? "" : info.getUrl(),
                info.getPendingUpdatesCount() == null ? 0 : info.getPendingUpdatesCount(),
                info.getMaxConnections(),
                info.getLastErrorMessage(),
                info.getLastErrorDate() == null ? null : Instant.ofEpochSecond(info.getLastErrorDate()));
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws TelegramApiException;
    }

    private <T> T call(Call<T> call, String method) {
        try {
            return call.run();
        } catch (TelegramApiException e) {
            throw new IllegalStateException("Telegram's " + method + " failed at " + settings.apiUrl() + ": "
                    + Failures.describe(e, settings)); // not the cause: its message may quote the token
        }
    }
}
