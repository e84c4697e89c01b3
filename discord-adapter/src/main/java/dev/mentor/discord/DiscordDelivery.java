package dev.mentor.discord;

import dev.mentor.communities.Communities;
import dev.mentor.communities.Community;
import dev.mentor.conversation.Reply;
import dev.mentor.reminders.DeliveryException;
import dev.mentor.reminders.DeliveryPort;
import dev.mentor.reminders.Recipient;
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
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RestClient rest;
    private final Communities communities;
    private final ReplyLayout layout = new ReplyLayout();

    DiscordDelivery(RestClient rest, Communities communities) {
        this.rest = rest;
        this.communities = communities;
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
            send(dmChannel, messages, null);
        } catch (RuntimeException e) {
            Throwable failure = Exceptions.unwrap(e);
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
            send(channelId, messages, mentionUserId);
        } catch (RuntimeException e) {
            throw classify(Exceptions.unwrap(e), what);
        }
    }

    private void send(String channelId, List<ReplyLayout.Message> messages, String mentionUserId) {
        var channel = rest.getChannelById(Snowflake.of(channelId));
        for (int i = 0; i < messages.size(); i++) {
            // Only the first part carries the mention: one ping per reminder.
            String content = i == 0 && mentionUserId != null ? "<@" + mentionUserId + ">" : null;
            block(channel.createMessage(DiscordMessages.request(messages.get(i), content, i == 0 ? mentionUserId : null,
                    null)));
        }
    }

    private static <T> T block(reactor.core.publisher.Mono<T> mono) {
        return mono.timeout(TIMEOUT).block();
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
            return DeliveryException.transientFailure("Discord did not answer within " + TIMEOUT.toSeconds() + " s to " + what,
                    null);
        }
        return DeliveryException.transientFailure("Could not reach Discord for " + what + ": " + failure.getClass().getSimpleName(),
                failure);
    }
}
