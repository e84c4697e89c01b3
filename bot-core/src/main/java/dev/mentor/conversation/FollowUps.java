package dev.mentor.conversation;

import dev.mentor.chat.IncomingMessage;
import dev.mentor.knowledge.Passage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last answer of each conversation, kept for a while in memory, so "tell me more", "give me
 * an example" or "and in mongo?" continue from it. Per learner and chat; forgotten after
 * {@link #REMEMBERED_FOR} or when too many conversations are remembered.
 */
final class FollowUps {

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(30);
    private static final int CONVERSATIONS_REMEMBERED = 10_000;

    private static final Pattern MORE = Pattern.compile("^(tell me more|more|more please|go on|continue|keep going|"
            + "and\\?|elaborate|can you elaborate|explain more|more details?|and then\\??|what else)[\\s!.?]*$");
    private static final Pattern EXAMPLE = Pattern.compile("^((can you |could you )?(please )?(give|show) (me )?"
            + "(an |a |some )?(code )?examples?( please)?|examples?|an example|for example|example please|e\\.?g\\.?)"
            + "[\\s!.?]*$");
    private static final Pattern CONTEXT = Pattern.compile("^(and|what about|how about|and what about|and how about|"
            + "what if i use|and with|and in|and for|same (for|in|with)|what about in|and using) (?<rest>.{1,80}?)"
            + "[\\s!.?]*$");

    /** What a follow-up asks for. */
    enum Kind {
        MORE, EXAMPLE, CONTEXT
    }

    /** A message read as a follow-up of the last answer. */
    record FollowUp(Kind kind, Last last, String rest) {
    }

    /** The last roadmap answer of a conversation: its question and the passage it led with. */
    record Last(String question, Passage passage, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Last> lastByConversation = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Last> eldest) {
            return size() > CONVERSATIONS_REMEMBERED;
        }
    };

    FollowUps(Clock clock) {
        this.clock = clock;
    }

    synchronized void remember(IncomingMessage message, String question, Passage passage) {
        lastByConversation.put(key(message), new Last(question, passage, clock.instant()));
    }

    /** The follow-up this message asks, when the conversation had an answer recently. */
    synchronized Optional<FollowUp> read(IncomingMessage message, String text) {
        String normal = normal(text);
        Kind kind;
        String rest = "";
        Matcher context = CONTEXT.matcher(normal);
        if (MORE.matcher(normal).matches()) {
            kind = Kind.MORE;
        } else if (EXAMPLE.matcher(normal).matches()) {
            kind = Kind.EXAMPLE;
        } else if (context.matches()) {
            kind = Kind.CONTEXT;
            rest = context.group("rest");
        } else {
            return Optional.empty();
        }
        Last last = lastByConversation.get(key(message));
        if (last == null || last.at().plus(REMEMBERED_FOR).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new FollowUp(kind, last, rest));
    }

    /** "Tell me more" or "an example" with no answer to continue from. */
    static boolean continuesNothing(String text) {
        String normal = normal(text);
        return MORE.matcher(normal).matches() || EXAMPLE.matcher(normal).matches();
    }

    private static String normal(String text) {
        return text.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String key(IncomingMessage message) {
        return message.platform() + "\u0000" + message.conversationId() + "\u0000" + message.userId();
    }
}
