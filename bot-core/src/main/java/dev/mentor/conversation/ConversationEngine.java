package dev.mentor.conversation;

import dev.mentor.chat.Reply;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.chat.Conversation;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Topic;
import dev.mentor.logging.LearnerLogContext;
import dev.mentor.search.TopicSearch;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private final Map<String, Handler> handlers;
    private final FollowUps followUps;

    /**
     * @param answers     answers questions (with the communities' FAQ when it has them)
     * @param communities community admins' commands and votes
     * @param clock       how long a conversation's last answer is remembered for follow-ups
     */
    public ConversationEngine(Roadmap roadmap, TopicSearch search, Answers answers, LearnerCommands learners,
            CommunityCommands communities, Clock clock) {
        this.roadmap = roadmap;
        this.search = search;
        this.replies = new RoadmapReplies(roadmap);
        this.answers = answers;
        this.learners = learners;
        this.communities = communities;
        this.handlers = handlers();
        this.followUps = new FollowUps(clock);
    }

    /** What each declared command does; every command of {@link Commands#ALL} has exactly one. */
    private Map<String, Handler> handlers() {
        Map<String, Handler> all = new HashMap<>();
        all.put("start", (message, argument) -> learners.start(message));
        all.put("help", (message, argument) -> replies.help());
        all.put("roadmap", (message, argument) -> replies.roadmap());
        all.put("week", this::week);
        all.put("done", (message, argument) -> learners.done(message, argument, false));
        all.put("undo", (message, argument) -> learners.done(message, argument, true));
        all.put("progress", (message, argument) -> learners.progress(message));
        all.put("next", (message, argument) -> learners.next(message));
        all.put("goto", learners::goTo);
        all.put("timezone", learners::timezone);
        all.put("remind", learners::remind);
        all.put("snooze", (message, argument) -> learners.snooze(message));
        all.put("forget", learners::forget);
        all.put("mydata", (message, argument) -> learners.myData(message));
        all.put("topic", (message, argument) -> topic(argument));
        all.put("digest", communities::digest);
        all.put("mentions", communities::mentions);
        all.put("faq", communities::faq);
        all.put("unanswered", (message, argument) -> communities.unanswered(message));
        all.put("stats", (message, argument) -> communities.stats(message));
        all.put("vote", communities::vote);
        all.put("ask", (message, argument) -> argument.isEmpty()
                ? Reply.of("Ask me a question after " + Markup.code("/ask") + ", for example "
                        + Markup.code("/ask what is docker") + ".")
                : ask(message, argument));
        Set<String> declared = new HashSet<>();
        Commands.ALL.forEach(spec -> declared.add(spec.name()));
        if (!declared.equals(all.keySet())) {
            throw new IllegalStateException("Commands declared " + declared + " but handled " + all.keySet());
        }
        return Map.copyOf(all);
    }

    /** What a command does with its message and the text after its name. */
    @FunctionalInterface
    private interface Handler {
        Reply handle(IncomingMessage message, String argument);
    }

    @Override
    public Optional<Reply> respond(IncomingMessage message) {
        if (!message.isPrivate()) {
            String text = message.text() == null ? "" : message.text().strip();
            boolean command = text.startsWith("/");
            if ((!message.addressed() && !command)
                    || (!command && !communities.answersMentions(message.platform(), message.communityId()))) {
                return Optional.empty();
            }
        }
        return Optional.of(handle(message));
    }

    @Override
    public Reply handle(IncomingMessage message) {
        return LearnerLogContext.call(message.platform(), message.userId(), () -> handleInContext(message));
    }

    private Reply handleInContext(IncomingMessage message) {
        String text = message.text() == null ? "" : message.text().strip();
        Optional<String> problem = QuestionRules.problemWith(text);
        if (problem.isPresent()) {
            return Reply.of(Markup.escape(problem.get()));
        }
        if (!text.startsWith("/")) {
            return plainLanguage(message, text);
        }
        Command command = Command.parse(text);
        Optional<CommandSpec> spec = Commands.find(command.name());
        if (spec.isEmpty()) {
            return unknownCommand(command);
        }
        CommandSpec known = spec.get();
        // Who may use a command, and where, is checked here once for every command.
        if (known.place() == CommandSpec.Place.COMMUNITY && message.isPrivate()) {
            return Reply.of(Markup.code("/" + known.name()) + " sets things up for a community: use it in your "
                    + "server or group, not in a private chat.");
        }
        if (known.scope() == CommandSpec.Scope.ADMIN && !message.senderIsAdmin()) {
            return Reply.of("Sorry, only the admins of this community can use " + Markup.code("/" + known.name())
                    + ". Ask one of them if you'd like it changed.");
        }
        return handlers.get(known.name()).handle(message, command.argument());
    }

    /** A command the mentor does not have: the closest one it has, with a button, or the help. */
    private Reply unknownCommand(Command command) {
        Optional<String> meant = CommandTypos.closest(command.name(), command.argument());
        if (meant.isPresent()) {
            return new Reply("I don't know the command " + Markup.code("/" + command.name()) + ". Did you mean "
                    + Markup.code(meant.get()) + "?", List.of(List.of(new Button(meant.get(), meant.get()),
                    new Button("Help", "/help"))));
        }
        return new Reply("I don't know the command " + Markup.code("/" + command.name()) + ". "
                + "Type " + Markup.code("/help") + " to see what I can do.", List.of(List.of(new Button("Help", "/help"))));
    }

    /**
     * A message that is not a command: small talk or a phrase that means a command, a follow-up of
     * the last answer, or else a question.
     */
    private Reply plainLanguage(IncomingMessage message, String text) {
        Optional<Intents.Match> intent = Intents.read(text);
        if (intent.isPresent()) {
            return intent(message, intent.get());
        }
        Optional<FollowUps.FollowUp> followUp = followUps.read(message, text);
        if (followUp.isPresent()) {
            return followUp(message, followUp.get());
        }
        if (FollowUps.continuesNothing(text)) {
            return new Reply("More about what? Ask me a question first, for example " + Markup.code("what is docker")
                    + ", then say \"tell me more\" or \"give me an example\".",
                    List.of(List.of(new Button("Roadmap", "/roadmap"), new Button("Help", "/help"))));
        }
        return ask(message, text);
    }

    private Reply intent(IncomingMessage message, Intents.Match match) {
        Intents.Intent intent = match.intent();
        return switch (intent.kind()) {
            case SMALL_TALK -> new Reply(intent.reply(), List.of(List.of(new Button("Help", "/help"),
                    new Button("Roadmap", "/roadmap"), new Button("My week", "/week"))));
            case RUN -> handle(withText(message, match.command()));
            case OFFER -> new Reply("Did you mean " + Markup.code(match.command()) + "? Tap the button to do it.",
                    List.of(List.of(new Button(match.command(), match.command()))));
        };
    }

    private Reply followUp(IncomingMessage message, FollowUps.FollowUp followUp) {
        FollowUps.Last last = followUp.last();
        RoadmapReplies.Continued continued = switch (followUp.kind()) {
            case MORE -> replies.more(last.passage());
            case EXAMPLE -> replies.example(last.passage());
            // "and in mongo?" is the last question asked again about something else.
            case CONTEXT -> null;
        };
        if (continued == null) {
            return ask(message, last.question() + " " + followUp.rest());
        }
        followUps.remember(message, last.question(), continued.last());
        return continued.reply();
    }

    private static IncomingMessage withText(IncomingMessage message, String text) {
        return new IncomingMessage(message.platform(), message.communityId(), message.conversationId(),
                message.userId(), message.displayName(), text, message.senderIsAdmin(), message.addressed());
    }

    private Reply ask(IncomingMessage message, String question) {
        Answers.Answered answered = answers.answered(message.platform(), message.communityId(), question);
        answered.passage().ifPresent(passage -> followUps.remember(message, question, passage));
        return answered.reply();
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
