package dev.mentor.discord;

import dev.mentor.communities.Communities;
import dev.mentor.communities.Community;
import dev.mentor.chat.Reply;
import dev.mentor.platforms.PlatformMeters;
import dev.mentor.platforms.DeliveryException;
import dev.mentor.platforms.DeliveryPort;
import dev.mentor.platforms.Recipient;
import discord4j.common.util.Snowflake;
import discord4j.discordjson.json.DMCreateRequest;
import discord4j.rest.RestClient;
import discord4j.rest.http.client.ClientException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;

/**
 * Reminders and digests out to Discord, over REST only (no gateway connection needed). A learner
 * gets a DM; when their DMs are closed the reminder goes to their community's digest channel with
 * a mention, so it is not lost.
 */
final class DiscordDelivery implements DeliveryPort {

    private static final Logger log = LoggerFactory.getLogger(DiscordDelivery.class);
    /** Discord's "Cannot send messages to this user": DMs closed, or no server shared. */
    static final int CANNOT_MESSAGE_USER = 50007;
    /** Discord4J retries rate limits and server errors itself; past this the core retries later instead. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RestClient rest;
    private final Communities communities;
    private final Duration timeout;
    private final PlatformMeters meters;
    private final ReplyLayout layout = new ReplyLayout();

    DiscordDelivery(RestClient rest, Communities communities, Duration timeout, PlatformMeters meters) {
        this.meters = meters;
        this.rest = rest;
        this.communities = communities;
        this.timeout = timeout;
    }

    @Override
    public void deliver(Recipient recipient, Reply reply) throws DeliveryException {
        List<ReplyLayout.Message> messages = layout.layout(reply);
        if (recipient.isConversation()) {
            post(recipient.conversationId(), messages, null, "the channel " + recipient.conversationId());
            return;
        }
        String userId = recipient.platformUserId();
        try {
            String dmChannel = block(rest.getUserService().createDM(DMCreateRequest.builder().recipientId(userId).build()))
                    .id().asString();
            send(dmChannel, messages, null, "a DM to user " + userId);
        } catch (RuntimeException e) {
            Throwable failure = Exceptions.unwrap(e);
            meters.error(kindOf(failure));
            if (!isDmClosed(failure)) {
                throw classify(failure, "a DM to user " + userId);
            }
            log.debug("User {} does not accept DMs; trying their community's channel", userId);
            Optional<String> fallback = Optional.ofNullable(recipient.communityId())
                    .flatMap(community -> communities.find(DiscordPlatform.NAME, community))
                    .flatMap(Community::digestTarget);
            if (fallback.isEmpty()) {
                throw DeliveryException.permanentFailure("User " + userId + " does not accept DMs and their community has "
                        + "no digest channel to fall back to");
            }
            post(fallback.get(), messages, userId, "the fallback channel " + fallback.get() + " of user " + userId);
        }
    }

    private void post(String channelId, List<ReplyLayout.Message> messages, String mentionUserId, String what)
            throws DeliveryException {
        try {
            send(channelId, messages, mentionUserId, what);
        } catch (RuntimeException e) {
            meters.error(kindOf(Exceptions.unwrap(e)));
            throw classify(Exceptions.unwrap(e), what);
        }
    }

    /**
     * Posts the parts in order. A DM refused on the first part is thrown as it came, for the caller's fallback.
     * A part whose answer never came may have arrived, and parts after the first follow ones that did: either
     * way sending again would repeat what arrived, so it counts as possibly sent.
     */
    private void send(String channelId, List<ReplyLayout.Message> messages, String mentionUserId, String what)
            throws DeliveryException {
        var channel = rest.getChannelById(Snowflake.of(channelId));
        for (int i = 0; i < messages.size(); i++) {
            // Only the first part carries the mention: one ping per reminder.
            String content = i == 0 && mentionUserId != null ? "<@" + mentionUserId + ">" : null;
            try {
                block(channel.createMessage(DiscordMessages.upload(messages.get(i), content,
                        i == 0 ? mentionUserId : null, null)));
            } catch (RuntimeException e) {
                Throwable failure = Exceptions.unwrap(e);
                if (failure instanceof TimeoutException || i > 0) {
                    meters.error(kindOf(failure)); // thrown below as it is; counted by the caller otherwise
                }
                if (failure instanceof TimeoutException) {
                    throw DeliveryException.possiblySent("Discord did not answer within " + timeout.toMillis()
                            + " ms to " + what + ": it may have arrived, so it is not sent again", null);
                }
                if (i > 0) {
                    throw DeliveryException.possiblySent("part " + (i + 1) + " of " + messages.size() + " to " + what
                            + " failed after the parts before it arrived: " + classify(failure, what).getMessage(), null);
                }
                throw e;
            }
        }
    }

    private <T> T block(reactor.core.publisher.Mono<T> mono) {
        return mono.timeout(timeout).block();
    }

    static boolean isDmClosed(Throwable failure) {
        return failure instanceof ClientException client && errorCode(client) == CANNOT_MESSAGE_USER;
    }

    static int errorCode(ClientException failure) {
        return failure.getErrorResponse()
                .map(response -> response.getFields().get("code"))
                .filter(Number.class::isInstance)
                .map(code -> ((Number) code).intValue())
                .orElse(-1);
    }

    /** How operators see a failure in the metrics. */
    static PlatformMeters.ErrorKind kindOf(Throwable failure) {
        if (failure instanceof ClientException client) {
            int status = client.getStatus().code();
            if (status == 429) {
                return PlatformMeters.ErrorKind.RATE_LIMITED;
            }
            if (status >= 500) {
                return PlatformMeters.ErrorKind.SERVER_ERROR;
            }
            return status == 403 ? PlatformMeters.ErrorKind.FORBIDDEN : PlatformMeters.ErrorKind.REJECTED;
        }
        return failure instanceof TimeoutException ? PlatformMeters.ErrorKind.TIMEOUT : PlatformMeters.ErrorKind.NETWORK;
    }

    /** Rate limits, server errors, time-outs and network trouble pass; other refusals will not. */
    static DeliveryException classify(Throwable failure, String what) {
        if (failure instanceof ClientException client) {
            int status = client.getStatus().code();
            String message = "Discord answered " + status + " (code " + errorCode(client) + ") to " + what;
            if (status == 429 || status >= 500) {
                return DeliveryException.transientFailure(message, null);
            }
            return DeliveryException.permanentFailure(message);
        }
        if (failure instanceof TimeoutException) {
            // Only a step before any message (opening the DM) gets here: nothing went out, so it is retried.
            return DeliveryException.transientFailure("Discord did not answer in time to " + what, null);
        }
        return DeliveryException.transientFailure("Could not reach Discord for " + what + ": " + failure.getClass().getSimpleName(),
                failure);
    }
}
