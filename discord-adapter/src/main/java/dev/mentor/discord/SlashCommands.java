package dev.mentor.discord;

import dev.mentor.conversation.CommandSpec;
import dev.mentor.conversation.Commands;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import discord4j.core.object.command.ApplicationCommandContexts;
import discord4j.core.object.command.ApplicationCommandOption;
import discord4j.discordjson.json.ApplicationCommandOptionChoiceData;
import discord4j.discordjson.json.ApplicationCommandOptionData;
import discord4j.discordjson.json.ApplicationCommandRequest;
import discord4j.rest.util.Permission;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The slash commands the mentor registers, and their translation into the core's text commands:
 * {@code /ask question:what is docker} becomes {@code "/ask what is docker"}.
 */
final class SlashCommands {

    private static final int SUB_COMMAND = ApplicationCommandOption.Type.SUB_COMMAND.getValue();
    private static final int STRING = ApplicationCommandOption.Type.STRING.getValue();
    private static final int INTEGER = ApplicationCommandOption.Type.INTEGER.getValue();
    private static final int BOOLEAN = ApplicationCommandOption.Type.BOOLEAN.getValue();
    /** Where a command may be used: in servers, and in the bot's DMs. */
    private static final int CONTEXT_GUILD = ApplicationCommandContexts.GUILD.getValue();
    private static final int CONTEXT_BOT_DM = ApplicationCommandContexts.BOT_DM.getValue();
    private static final int MAX_AUTOCOMPLETE_CHOICES = 25;
    private static final int MAX_CHOICE_NAME = 100;

    /** Answered ephemerally in servers: they show or change one learner's own things. */
    static final Set<String> PERSONAL = Commands.ALL.stream().filter(CommandSpec::personal)
            .flatMap(spec -> Stream.concat(Stream.of(spec.name()), spec.aliases().stream()))
            .collect(Collectors.toUnmodifiableSet());
    /** Only for members who hold Manage Server; answered ephemerally too. */
    static final Set<String> ADMIN = Commands.ALL.stream().filter(spec -> spec.scope() == CommandSpec.Scope.ADMIN)
            .map(CommandSpec::name).collect(Collectors.toUnmodifiableSet());

    /** A slash command as invoked: its name, the subcommands chosen, and the option values by name. */
    record Invocation(String name, List<String> subcommands, Map<String, String> values) {
        Invocation {
            subcommands = List.copyOf(subcommands);
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        String value(String option) {
            String value = values.get(option);
            return value == null ? "" : value.strip();
        }
    }

    private final Roadmap roadmap;

    SlashCommands(Roadmap roadmap) {
        this.roadmap = roadmap;
    }

    /** The name of the core command a text starts with ("/week 2" is "week"), lower case. */
    static String commandName(String text) {
        String body = text.strip();
        if (!body.startsWith("/")) {
            return "";
        }
        int end = 1;
        while (end < body.length() && !Character.isWhitespace(body.charAt(end)) && body.charAt(end) != '@') {
            end++;
        }
        return body.substring(1, end).toLowerCase(Locale.ROOT);
    }

    static boolean isPersonal(String text) {
        return PERSONAL.contains(commandName(text)) || isAdmin(text);
    }

    static boolean isAdmin(String text) {
        return ADMIN.contains(commandName(text));
    }

    /** The core's text for a slash command, or the command name alone when it has no options. */
    String text(Invocation invocation) {
        String name = invocation.name();
        return switch (name) {
            case "digest" -> switch (first(invocation)) {
                case "schedule" -> "/digest " + invocation.value("day") + " " + invocation.value("time");
                case "zone" -> "/digest zone " + invocation.value("zone");
                default -> "/digest " + first(invocation);
            };
            case "faq" -> switch (first(invocation)) {
                case "add" -> "/faq add " + invocation.value("question") + " | " + invocation.value("answer");
                case "remove" -> "/faq remove " + invocation.value("id");
                default -> "/faq " + first(invocation);
            };
            case "mentions" -> "/mentions " + first(invocation);
            case "forget" -> "true".equals(invocation.value("confirm")) ? "/forget confirm" : "/forget";
            default -> {
                StringBuilder text = new StringBuilder("/").append(name);
                invocation.subcommands().forEach(sub -> text.append(' ').append(sub));
                invocation.values().values().forEach(value -> text.append(' ').append(value.strip()));
                yield text.toString().strip();
            }
        };
    }

    private static String first(Invocation invocation) {
        return invocation.subcommands().isEmpty() ? "" : invocation.subcommands().get(0);
    }

    /** Topics whose title or id contains what the learner typed, titles shown, ids sent. */
    List<ApplicationCommandOptionChoiceData> topicChoices(String typed) {
        String wanted = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        Stream<Topic> topics = roadmap.topics().stream();
        List<Topic> starting = new ArrayList<>();
        List<Topic> containing = new ArrayList<>();
        topics.forEach(topic -> {
            String title = topic.title().toLowerCase(Locale.ROOT);
            if (title.startsWith(wanted) || topic.id().startsWith(wanted)) {
                starting.add(topic);
            } else if (title.contains(wanted) || topic.id().contains(wanted)
                    || topic.aliases().stream().anyMatch(alias -> alias.toLowerCase(Locale.ROOT).contains(wanted))) {
                containing.add(topic);
            }
        });
        return Stream.concat(starting.stream(), containing.stream())
                .limit(MAX_AUTOCOMPLETE_CHOICES)
                .map(topic -> (ApplicationCommandOptionChoiceData) ApplicationCommandOptionChoiceData.builder()
                        .name(truncate(topic.title(), MAX_CHOICE_NAME))
                        .value(topic.id())
                        .build())
                .toList();
    }

    /** Every command, for bulk overwrite at start. */
    List<ApplicationCommandRequest> requests() {
        int weeks = roadmap.weeks().size();
        List<ApplicationCommandRequest> requests = new ArrayList<>();
        requests.add(learner("ask",
                option(STRING, "question", "Your question, for example: what is docker", true).maxLength(300).build()));
        requests.add(learner("week",
                option(INTEGER, "number", "A week from 1 to " + weeks + " (your own week if left out)", false)
                        .minValue(1.0).maxValue((double) weeks).build()));
        requests.add(learner("done",
                option(STRING, "goal", "The goal's number in /week", true).maxLength(64).build()));
        requests.add(learner("undo",
                option(STRING, "goal", "The goal's number in /week", true).maxLength(64).build()));
        requests.add(learner("progress"));
        requests.add(learner("remind",
                option(STRING, "when", "A day and time (mon 9am, friday 18:30), off, on, or pause N", false).maxLength(64).build()));
        requests.add(learner("timezone",
                option(STRING, "zone", "A city, zone, abbreviation or offset: Berlin, Europe/Berlin, PST, UTC+2", false).maxLength(64).build()));
        requests.add(learner("roadmap"));
        requests.add(learner("topic",
                option(STRING, "topic", "Start typing a topic's name", true).autocomplete(true).maxLength(100).build()));
        requests.add(learner("help"));
        requests.add(learner("start"));
        requests.add(learner("next"));
        requests.add(learner("goto",
                option(INTEGER, "week", "A week from 1 to " + weeks, true).minValue(1.0).maxValue((double) weeks).build()));
        requests.add(learner("snooze"));
        requests.add(learner("mydata"));
        requests.add(learner("forget",
                option(BOOLEAN, "confirm", "True to delete, within 5 minutes of /forget; leave out to see what would go", false).build()));

        requests.add(admin("digest",
                sub("on", "Post the weekly digest in this channel"),
                sub("off", "Stop the weekly digest"),
                sub("schedule", "Choose the digest's day and time",
                        option(STRING, "day", "Day of the week", true).choices(days()).build(),
                        option(STRING, "time", "Time, for example 10:00 or 5pm", true).maxLength(10).build()),
                sub("zone", "Choose the server's time zone for the digest",
                        option(STRING, "zone", "A city, zone, abbreviation or offset: Berlin, Europe/Berlin, PST, UTC+2", true).maxLength(64).build())));
        requests.add(admin("mentions",
                sub("on", "Answer messages that mention the mentor"),
                sub("off", "Answer slash commands only")));
        requests.add(admin("faq",
                sub("add", "Add a question and its answer",
                        option(STRING, "question", "The question", true).maxLength(300).build(),
                        option(STRING, "answer", "The answer", true).maxLength(1500).build()),
                sub("list", "List this server's questions"),
                sub("remove", "Remove a question",
                        option(STRING, "id", "The question's id from /faq list", true).maxLength(20).build())));
        requests.add(admin("unanswered"));
        requests.add(admin("stats"));
        return requests;
    }

    /** A command's description as the core declares it. */
    private static String described(String name) {
        return Commands.find(name).orElseThrow(() -> new IllegalStateException("/" + name + " is not declared"))
                .description();
    }

    private static ApplicationCommandRequest learner(String name, ApplicationCommandOptionData... options) {
        return ApplicationCommandRequest.builder()
                .name(name)
                .description(described(name))
                .addAllOptions(List.of(options))
                .addAllContexts(List.of(CONTEXT_GUILD, CONTEXT_BOT_DM))
                .build();
    }

    /** Hidden by default from members without Manage Server; the adapter checks again on use. */
    private static ApplicationCommandRequest admin(String name, ApplicationCommandOptionData... subs) {
        return ApplicationCommandRequest.builder()
                .name(name)
                .description(described(name))
                .addAllOptions(List.of(subs))
                .defaultMemberPermissions(Long.toString(Permission.MANAGE_GUILD.getValue()))
                .addAllContexts(List.of(CONTEXT_GUILD))
                .build();
    }

    private static ApplicationCommandOptionData sub(String name, String description, ApplicationCommandOptionData... options) {
        return ApplicationCommandOptionData.builder()
                .type(SUB_COMMAND)
                .name(name)
                .description(description)
                .addAllOptions(List.of(options))
                .build();
    }

    private static discord4j.discordjson.json.ImmutableApplicationCommandOptionData.Builder option(int type, String name,
            String description, boolean required) {
        return ApplicationCommandOptionData.builder().type(type).name(name).description(description).required(required);
    }

    private static List<ApplicationCommandOptionChoiceData> days() {
        return Stream.of(DayOfWeek.values())
                .map(day -> (ApplicationCommandOptionChoiceData) ApplicationCommandOptionChoiceData.builder()
                        .name(day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))
                        .value(day.name())
                        .build())
                .toList();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
