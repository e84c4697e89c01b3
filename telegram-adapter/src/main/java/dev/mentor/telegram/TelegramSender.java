package dev.mentor.telegram;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.mentor.chat.Attachment;
import dev.mentor.chat.Button;
import dev.mentor.chat.Reply;
import dev.mentor.platforms.PlatformMeters;
import dev.mentor.platforms.DeliveryException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends to Telegram without losing messages: paced by the {@link SendLimiter}; on 429 it waits
 * {@code retry_after} and tries again; on a server error or a network failure it retries with
 * backoff (two Failsafe retry policies, each with its own count); 403 (blocked, kicked) and a chat that
 * is gone are permanent. It returns only once Telegram accepted every part.
 */
final class TelegramSender {

    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);
    /** Rate-limit answers honoured in a row before giving up for now. */
    private static final int MAX_RATE_LIMITED = 5;

    private final TelegramClient client;
    private final TelegramSettings settings;
    private final SendLimiter limiter;
    private final BooleanSupplier open;
    private final RetrySummary retries;
    private final PlatformMeters meters;
    private final TelegramHtml html = new TelegramHtml();

    /** Waits out Telegram's 429s; outside {@link #failures}, so that each keeps its own count. */
    private final RetryPolicy<Object> rateLimited;
    private final RetryPolicy<Object> failures;

    TelegramSender(TelegramClient client, TelegramSettings settings, SendLimiter limiter, BooleanSupplier open,
            RetrySummary retries, PlatformMeters meters) {
        this.retries = retries;
        this.meters = meters;
        this.client = client;
        this.settings = settings;
        this.limiter = limiter;
        this.open = open;
        this.rateLimited = rateLimitPolicy();
        this.failures = failurePolicy();
    }

    /** Telegram's limits on what a bot uploads: a photo up to 10 MB, any other file up to 50 MB. */
    static final int MAX_PHOTO_BYTES = 10 * 1024 * 1024;
    static final int MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
    /** A caption holds at most 1024 characters. */
    static final int MAX_CAPTION = 1024;

    /**
     * Sends a reply as one or more HTML messages, the buttons under the last, then each of its files:
     * a PNG or JPEG as a photo, anything else (or a picture too large for a photo) as a document, within
     * Telegram's limits; a file past them is replaced by a message that says so. A reply with no text, no
     * buttons and no files sends nothing (the core's way of staying silent).
     */
    void send(ChatTarget target, Reply reply, SendLimiter.Pace pace) throws DeliveryException {
        List<String> parts = html.render(reply.text());
        if (parts.isEmpty() && !reply.buttons().isEmpty()) {
            parts = List.of("…"); // Telegram wants text under a keyboard
        }
        int total = parts.size() + reply.attachments().size();
        if (total == 0) {
            return;
        }
        InlineKeyboardMarkup keyboard = keyboard(reply.buttons());
        int sent = 0;
        for (int i = 0; i < parts.size(); i++) {
            boolean first = sent == 0;
            boolean last = i == parts.size() - 1;
            SendMessage message = SendMessage.builder()
                    .chatId(target.chatId())
                    .text(parts.get(i))
                    .parseMode(ParseMode.HTML)
                    .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                    .messageThreadId(target.threadId())
                    .replyParameters(first ? replyTo(target) : null)
                    .replyMarkup(last ? keyboard : null)
                    .build();
            sendPart(() -> call(message, target, pace), target, sent++, total);
        }
        for (Attachment attachment : reply.attachments()) {
            boolean first = sent == 0;
            sendPart(() -> sendFile(target, attachment, first, pace), target, sent++, total);
        }
    }

    /** One part of a reply: the first fails as it came; a later one after earlier parts arrived is possibly sent. */
    private void sendPart(Part part, ChatTarget target, int index, int total) throws DeliveryException {
        try {
            part.send();
        } catch (DeliveryException e) {
            if (index == 0 || e.isPermanent() || e.isPossiblySent()) {
                throw e;
            }
            // Sending it all again would repeat the parts that arrived: the rest is given up, counted as sent.
            throw DeliveryException.possiblySent("part " + (index + 1) + " of " + total + " to chat "
                    + target.chatId() + " failed after the parts before it arrived: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Part {
        void send() throws DeliveryException;
    }

    /** A file as a photo or a document, or a message saying it is too large for Telegram. */
    private void sendFile(ChatTarget target, Attachment attachment, boolean first, SendLimiter.Pace pace)
            throws DeliveryException {
        String caption = attachment.caption().isEmpty() ? null
                : attachment.caption().length() > MAX_CAPTION ? attachment.caption().substring(0, MAX_CAPTION - 1) + "…"
                : attachment.caption();
        ReplyParameters replyTo = first ? replyTo(target) : null;
        if (isPhoto(attachment) && attachment.size() <= MAX_PHOTO_BYTES) {
            // A new upload each try: the stream of the one before has been read.
            call("sendPhoto", true, () -> client.execute(SendPhoto.builder()
                    .chatId(target.chatId())
                    .photo(new InputFile(attachment.open(), attachment.fileName()))
                    .caption(caption)
                    .messageThreadId(target.threadId())
                    .replyParameters(replyTo)
                    .build()), target, pace);
        } else if (attachment.size() <= MAX_DOCUMENT_BYTES) {
            call("sendDocument", true, () -> client.execute(SendDocument.builder()
                    .chatId(target.chatId())
                    .document(new InputFile(attachment.open(), attachment.fileName()))
                    .caption(caption)
                    .messageThreadId(target.threadId())
                    .replyParameters(replyTo)
                    .build()), target, pace);
        } else {
            log.warn("Telegram: {} ({}) is over Telegram's {} MB for a bot's files; said so instead", attachment.fileName(),
                    attachment.readableSize(), MAX_DOCUMENT_BYTES / (1024 * 1024));
            call(SendMessage.builder()
                    .chatId(target.chatId())
                    .text("📎 I couldn't send " + TelegramHtml.escape(attachment.fileName()) + ": it is "
                            + attachment.readableSize() + ", and Telegram takes files of up to "
                            + MAX_DOCUMENT_BYTES / (1024 * 1024) + " MB from a bot.")
                    .parseMode(ParseMode.HTML)
                    .messageThreadId(target.threadId())
                    .replyParameters(replyTo)
                    .build(), target, pace);
        }
    }

    /** Sent as a photo: the formats Telegram shows inline. */
    static boolean isPhoto(Attachment attachment) {
        return attachment.mediaType().equals("image/png") || attachment.mediaType().equals("image/jpeg");
    }

    private static ReplyParameters replyTo(ChatTarget target) {
        return target.replyToMessageId() == null ? null
                : ReplyParameters.builder().messageId(target.replyToMessageId()).allowSendingWithoutReply(true).build();
    }

    /**
     * Executes one Bot API method with the retry rules; messages wait for the limiter first, as
     * their {@code pace} says; other methods (answers to button presses, member look-ups) do not count.
     */
    <T extends Serializable> T call(BotApiMethod<T> method, ChatTarget target, SendLimiter.Pace pace)
            throws DeliveryException {
        return call(method.getMethod(), method instanceof SendMessage, () -> client.execute(method), target, pace);
    }

    /** One request to Telegram, made anew on each try. */
    @FunctionalInterface
    private interface Request<T> {
        T execute() throws TelegramApiException;
    }

    /**
     * @param name    the Bot API method, for the log
     * @param message whether it posts a message (text, photo, document): one whose answer never came may
     *                have arrived, so it is not tried again
     */
    private <T> T call(String name, boolean message, Request<T> request, ChatTarget target, SendLimiter.Pace pace)
            throws DeliveryException {
        try {
            return Failsafe.with(rateLimited, failures).get(() -> attempt(name, message, request, target, pace));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DeliveryException delivery) {
                throw delivery;
            }
            if (cause instanceof RateLimited limited) {
                throw DeliveryException.transientFailure("Telegram rate limit: retry after " + limited.wait.toSeconds()
                        + " s", null);
            }
            if (cause instanceof Retryable retryable) {
                throw DeliveryException.transientFailure("Telegram " + name + " to chat " + target.chatId() + " failed "
                        + settings.sendAttempts() + " times, last: " + retryable.getMessage(), null);
            }
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw DeliveryException.transientFailure("interrupted while waiting to retry a Telegram message", null);
            }
            throw e;
        }
    }

    /**
     * One try: Telegram's answer, or what the failure means: {@link RateLimited} and {@link Retryable} are
     * tried again by the policies; a {@link DeliveryException} ends the call as it is.
     */
    private <T> T attempt(String name, boolean message, Request<T> request, ChatTarget target, SendLimiter.Pace pace)
            throws DeliveryException, RateLimited, Retryable {
        if (!open.getAsBoolean()) {
            throw DeliveryException.transientFailure("the Telegram adapter is closed", null);
        }
        retries.tick();
        try {
            limiter.acquire(target.chatId(), target.group(), pace);
            return request.execute();
        } catch (TelegramApiRequestException e) {
            if (message && acceptedButUnreadable(e)) {
                // Telegram answered in JSON that did not fit a message: it took the message, and sending
                // it again would send it twice.
                log.warn("Telegram accepted {} to chat {} but its answer could not be read ({}); counted as sent",
                        name, target.chatId(), e.getMessage());
                return null;
            }
            int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
            String description = settings.scrub(e.getApiResponse() == null ? e.getMessage() : e.getApiResponse());
            meters.error(kindOf(code, description));
            if (code == 429) {
                Duration wait = Duration.ofSeconds(e.getParameters() != null && e.getParameters().getRetryAfter() != null
                        ? Math.max(1, e.getParameters().getRetryAfter()) : 1);
                if (wait.compareTo(settings.maxRetryAfter()) > 0) {
                    throw DeliveryException.transientFailure("Telegram rate limit: retry after " + wait.toSeconds() + " s",
                            null);
                }
                throw new RateLimited(name, target.chatId(), pace, wait);
            }
            if (code == 403 || chatGone(code, description)) {
                throw DeliveryException.permanentFailure("Telegram refused " + name + " to chat "
                        + target.chatId() + ": [" + code + "] " + description);
            }
            if (code >= 500 || code == 0) {
                // 0: no Bot API answer at all (a proxy's error page); worth another try like a 5xx.
                throw new Retryable(name, target.chatId(), "[" + code + "] " + description, RetrySummary.Kind.SERVER_ERROR);
            }
            throw DeliveryException.transientFailure("Telegram rejected " + name + " to chat "
                    + target.chatId() + ": [" + code + "] " + description, null);
        } catch (TelegramApiException e) {
            boolean unanswered = UnansweredRequest.in(e);
            meters.error(unanswered ? PlatformMeters.ErrorKind.TIMEOUT : PlatformMeters.ErrorKind.NETWORK);
            if (message && unanswered) {
                // The request went out and no answer came back: Telegram may have taken it. Sending it
                // again is what delivered messages twice, so it is not retried; the caller counts it.
                throw DeliveryException.possiblySent("Telegram did not answer " + name + " to chat "
                        + target.chatId() + " within " + settings.sendTimeout().toMillis() + " ms", null);
            }
            throw new Retryable(name, target.chatId(), Failures.describe(e, settings), RetrySummary.Kind.NETWORK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure("interrupted while sending to Telegram", null);
        }
    }

    /**
     * Telegram's 429: honoured up to {@link #MAX_RATE_LIMITED} times in a row. A paced message waits in the
     * limiter, which holds only its chat; anything else waits here.
     */
    private RetryPolicy<Object> rateLimitPolicy() {
        return RetryPolicy.builder()
                .handle(RateLimited.class)
                .withMaxRetries(MAX_RATE_LIMITED)
                .withDelayFn(context -> context.getLastException() instanceof RateLimited limited
                        && limited.pace == SendLimiter.Pace.UNPACED ? limited.wait : Duration.ZERO)
                .onRetryScheduled(event -> {
                    RateLimited limited = (RateLimited) event.getLastException();
                    log.debug("Telegram asked to slow down ({} to chat {}): retrying in {} s", limited.method,
                            limited.chatId, limited.wait.toSeconds());
                    retries.retried(RetrySummary.Kind.RATE_LIMITED);
                    if (limited.pace != SendLimiter.Pace.UNPACED) {
                        // Only this chat waits: the limiter holds its next message, this one included, until then.
                        limiter.pauseChat(limited.chatId, limited.wait);
                    }
                })
                .build();
    }

    /** Server errors and network failures: {@code sendAttempts} tries, the wait doubling from {@code retryBackoff}. */
    private RetryPolicy<Object> failurePolicy() {
        return RetryPolicy.builder()
                .handle(Retryable.class)
                .withMaxAttempts(settings.sendAttempts())
                .withBackoff(settings.retryBackoff(), settings.retryBackoff().multipliedBy(1L << 10))
                .onRetryScheduled(event -> {
                    Retryable failure = (Retryable) event.getLastException();
                    log.debug("Telegram {} to chat {} failed ({}); try {} of {} in {} ms", failure.method, failure.chatId,
                            failure.getMessage(), event.getAttemptCount() + 1, settings.sendAttempts(),
                            event.getDelay().toMillis());
                    retries.retried(failure.kind);
                })
                .build();
    }

    /** Telegram asked to wait {@code wait} before the next message. */
    private static final class RateLimited extends Exception {
        private static final long serialVersionUID = 1L;
        private final String method;
        private final long chatId;
        private final transient SendLimiter.Pace pace;
        private final Duration wait;

        RateLimited(String method, long chatId, SendLimiter.Pace pace, Duration wait) {
            super("retry after " + wait.toSeconds() + " s", null, false, false);
            this.method = method;
            this.chatId = chatId;
            this.pace = pace;
            this.wait = wait;
        }
    }

    /** A failure another try may get past: a server error, or a request that never reached Telegram. */
    private static final class Retryable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String method;
        private final long chatId;
        private final transient RetrySummary.Kind kind;

        Retryable(String method, long chatId, String why, RetrySummary.Kind kind) {
            super(why, null, false, false);
            this.method = method;
            this.chatId = chatId;
            this.kind = kind;
        }
    }

    private static PlatformMeters.ErrorKind kindOf(int code, String description) {
        if (code == 429) {
            return PlatformMeters.ErrorKind.RATE_LIMITED;
        }
        if (code == 403 || chatGone(code, description)) {
            return PlatformMeters.ErrorKind.FORBIDDEN;
        }
        return code >= 500 || code == 0 ? PlatformMeters.ErrorKind.SERVER_ERROR : PlatformMeters.ErrorKind.REJECTED;
    }

    /**
     * An answer that was JSON but did not fit the expected result: Telegram's own answer, so the call went
     * through. A page that is not JSON at all (a proxy's error) fails to parse instead, and is retried.
     */
    private static boolean acceptedButUnreadable(TelegramApiRequestException e) {
        if (e.getErrorCode() != null && e.getErrorCode() != 0) {
            return false;
        }
        return Failures.causes(e).stream().skip(1)
                .anyMatch(cause -> cause instanceof com.fasterxml.jackson.databind.JsonMappingException);
    }

    /** Chats that will never take a message again: deleted, or a user who never existed. */
    private static boolean chatGone(int code, String description) {
        String lower = description.toLowerCase(Locale.ROOT);
        return code == 400 && (lower.contains("chat not found") || lower.contains("user not found")
                || lower.contains("peer_id_invalid") || lower.contains("user is deactivated"));
    }

    private static InlineKeyboardMarkup keyboard(List<List<Button>> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> keyboard = rows.stream()
                .map(row -> new InlineKeyboardRow(row.stream()
                        .map(button -> InlineKeyboardButton.builder().text(button.label()).callbackData(button.command()).build())
                        .toList()))
                .toList();
        return InlineKeyboardMarkup.builder().keyboard(keyboard).build();
    }
}
