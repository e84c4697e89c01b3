package dev.mentor.conversation;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import dev.mentor.search.TopicSearch;
import java.util.Locale;
import java.util.Optional;

/**
 * The mentor's side of a conversation, the same on every platform: commands and free-text
 * questions in, neutral replies out.
 */
public final class ConversationEngine implements Conversation {

    private final Roadmap roadmap;
    private final TopicSearch search;
    private final RoadmapReplies replies;
    private final Answers answers;
    private final LearnerCommands learners;
    private final CommunityCommands communities;

    /**
     * @param answers     answers questions (with the communities' FAQ when it has them)
     * @param communities community admins' commands and votes
     */
    public ConversationEngine(Roadmap roadmap, TopicSearch search, Answers answers, LearnerCommands learners,
            CommunityCommands communities) {
        this.roadmap = roadmap;
        this.search = search;
        this.replies = new RoadmapReplies(roadmap);
        this.answers = answers;
        this.learners = learners;
        this.communities = communities;
    }

    @Override
    public Reply handle(IncomingMessage message) {
        String text = message.text() == null ? "" : message.text().strip();
        Optional<String> problem = QuestionRules.problemWith(text);
        if (problem.isPresent()) {
            return Reply.of(Markup.escape(problem.get()));
        }
        if (!text.startsWith("/")) {
            return ask(message, text);
        }
        Command command = Command.parse(text);
        return switch (command.name()) {
            case "start" -> learners.start(message);
            case "help" -> replies.help();
            case "roadmap" -> replies.roadmap();
            case "week" -> week(message, command.argument());
            case "done" -> learners.done(message, command.argument(), false);
            case "undo" -> learners.done(message, command.argument(), true);
            case "progress" -> learners.progress(message);
            case "next" -> learners.next(message);
            case "goto" -> learners.goTo(message, command.argument());
            case "timezone", "tz" -> learners.timezone(message, command.argument());
            case "remind" -> learners.remind(message, command.argument());
            case "snooze" -> learners.snooze(message);
            case "forget" -> learners.forget(message, command.argument());
            case "topic" -> topic(command.argument());
            case "digest" -> communities.digest(message, command.argument());
            case "mentions" -> communities.mentions(message, command.argument());
            case "faq" -> communities.faq(message, command.argument());
            case "unanswered" -> communities.unanswered(message);
            case "vote" -> communities.vote(message, command.argument());
            case "ask" -> command.argument().isEmpty()
                    ? Reply.of("Ask me a question after " + Markup.code("/ask") + ", for example "
                            + Markup.code("/ask what is docker") + ".")
                    : ask(message, command.argument());
            default -> Reply.of("I don't know the command " + Markup.code("/" + command.name()) + ". "
                    + "Type " + Markup.code("/help") + " to see what I can do.");
        };
    }

    private Reply ask(IncomingMessage message, String question) {
        return answers.answer(message.platform(), message.communityId(), question);
    }

    /** {@code /week} is the learner's own week; {@code /week N} any week, with the learner's ticks if enrolled. */
    private Reply week(IncomingMessage message, String argument) {
        int last = roadmap.weeks().size();
        String usage = "Usage: " + Markup.code("/week") + " for your week, or " + Markup.code("/week N")
                + " with N from 1 to " + last + ", for example " + Markup.code("/week 5") + ".";
        if (argument.isEmpty()) {
            return learners.week(message, Optional.empty()).orElseGet(() -> {
                Reply first = replies.week(roadmap.week(1).orElseThrow());
                return new Reply(first.text() + "\n\nSend " + Markup.code("/start") + " to enroll and tick these goals off.",
                        first.buttons());
            });
        }
        if (!argument.matches("\\d{1,3}")) {
            return Reply.of(Markup.bold(argument) + " is not a week number. " + usage);
        }
        int number = Integer.parseInt(argument);
        if (roadmap.week(number).isEmpty()) {
            return Reply.of("There is no week " + number + ": the roadmap has weeks 1 to " + last + ". " + usage);
        }
        return learners.week(message, Optional.of(number)).orElseGet(() -> replies.week(roadmap.week(number).orElseThrow()));
    }

    private Reply topic(String argument) {
        String usage = "Usage: " + Markup.code("/topic ID") + ", for example " + Markup.code("/topic git")
                + ". " + Markup.code("/roadmap") + " lists every topic.";
        if (argument.isEmpty()) {
            return Reply.of(usage);
        }
        Optional<Topic> topic = roadmap.topic(argument.toLowerCase(Locale.ROOT));
        if (topic.isPresent()) {
            return replies.topic(topic.get());
        }
        if (QuestionRules.problemWith(argument).isEmpty()) {
            // A learner may type a topic's name rather than its id: find what they meant.
            Optional<Topic> meant = search.search(argument).answer().flatMap(hit -> roadmap.topic(hit.topicId()));
            if (meant.isPresent()) {
                return replies.topic(meant.get());
            }
        }
        return Reply.of("I have no topic " + Markup.bold(argument) + ". " + usage);
    }

    /** A slash command split into its name (without any @botname) and the rest of the line. */
    record Command(String name, String argument) {
        static Command parse(String text) {
            String body = text.substring(1);
            int space = indexOfWhitespace(body);
            String name = space < 0 ? body : body.substring(0, space);
            String argument = space < 0 ? "" : body.substring(space).strip();
            int at = name.indexOf('@');
            if (at >= 0) {
                name = name.substring(0, at);
            }
            return new Command(name.toLowerCase(Locale.ROOT), argument);
        }

        private static int indexOfWhitespace(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isWhitespace(text.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }
    }
}
