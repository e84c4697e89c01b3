package dev.mentor.discord;

import dev.mentor.chat.Attachment;
import dev.mentor.chat.Button;
import discord4j.core.spec.MessageCreateFields;
import java.io.InputStream;
import java.util.ArrayList;
import reactor.util.function.Tuple2;
import discord4j.core.object.component.ActionComponent;
import discord4j.core.object.component.ActionRow;
import discord4j.core.spec.EmbedCreateSpec;
import discord4j.discordjson.json.AllowedMentionsData;
import discord4j.discordjson.json.ComponentData;
import discord4j.discordjson.json.EmbedData;
import discord4j.discordjson.json.MessageCreateRequest;
import discord4j.discordjson.json.MessageReferenceData;
import discord4j.rest.util.AllowedMentions;
import discord4j.rest.util.MultipartRequest;
import discord4j.rest.util.Color;
import java.util.List;

/** Discord4J objects for a laid-out message: embeds, button rows, and whom it may ping. */
final class DiscordMessages {

    /** The mentor's colour down the side of its embeds. */
    static final Color COLOR = Color.of(0x2F80ED);

    private DiscordMessages() {
    }

    /** The text's embeds, then one per picture (shown from the upload) or captioned file. */
    static List<EmbedCreateSpec> embeds(ReplyLayout.Message message) {
        List<EmbedCreateSpec> embeds = new ArrayList<>();
        message.embeds().forEach(text -> embeds.add(EmbedCreateSpec.builder().color(COLOR).description(text).build()));
        for (Attachment file : message.embedded()) {
            EmbedCreateSpec.Builder embed = EmbedCreateSpec.builder().color(COLOR);
            if (!file.caption().isEmpty()) {
                embed.description(DiscordMarkdown.escape(file.caption()));
            }
            if (file.isImage()) {
                embed.image("attachment://" + file.fileName());
            }
            embeds.add(embed.build());
        }
        return embeds;
    }

    /** The message's files, each read from its own stream. */
    static List<MessageCreateFields.File> files(ReplyLayout.Message message) {
        return message.files().stream().map(file -> MessageCreateFields.File.of(file.fileName(), file.open())).toList();
    }

    /** The message's files as a multipart upload takes them. */
    static List<Tuple2<String, InputStream>> uploads(ReplyLayout.Message message) {
        return files(message).stream().map(MessageCreateFields.File::asRequest).toList();
    }

    /** A button's custom id is its command, so a press works after a restart with nothing remembered. */
    static List<ActionRow> rows(ReplyLayout.Message message) {
        return message.rows().stream()
                .map(row -> ActionRow.of(row.stream().map(DiscordMessages::button).toList()))
                .toList();
    }

    private static ActionComponent button(Button button) {
        return discord4j.core.object.component.Button.secondary(button.command(), button.label());
    }

    /** Nobody is pinged by anything a reply says, learners' words included. */
    static AllowedMentions noPings() {
        return AllowedMentions.suppressAll();
    }

    /**
     * A channel message for REST: the embeds and buttons, with {@code content} above them (a
     * mention, or empty) pinging only {@code pingUserId} when given.
     */
    static MessageCreateRequest request(ReplyLayout.Message message, String content, String pingUserId,
            String replyToMessageId) {
        List<EmbedData> embeds = embeds(message).stream().map(EmbedCreateSpec::asRequest).toList();
        List<ComponentData> components = rows(message).stream().map(ActionRow::getData).toList();
        AllowedMentionsData allowed = pingUserId == null
                ? AllowedMentionsData.builder().parse(List.of()).build()
                : AllowedMentionsData.builder().parse(List.of()).users(List.of(pingUserId)).build();
        var builder = MessageCreateRequest.builder()
                .embeds(embeds)
                .components(components)
                .allowedMentions(allowed);
        if (content != null && !content.isEmpty()) {
            builder.content(content);
        }
        if (replyToMessageId != null) {
            builder.messageReference(MessageReferenceData.builder().messageId(replyToMessageId).failIfNotExists(false).build());
        }
        return builder.build();
    }

    /** As {@link #request}, with the message's files uploaded beside it. */
    static MultipartRequest<MessageCreateRequest> upload(ReplyLayout.Message message, String content, String pingUserId,
            String replyToMessageId) {
        return MultipartRequest.ofRequestAndFiles(request(message, content, pingUserId, replyToMessageId),
                uploads(message));
    }
}
