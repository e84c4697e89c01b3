package dev.mentor.conversation;

import dev.mentor.communities.SmallTalk;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-language messages that are not questions about the roadmap: small talk, and phrases
 * that mean one of the commands. A small declared table, read top to bottom; the first phrase
 * that matches the whole message wins.
 */
final class Intents {

    /** What a phrase means. */
    enum Kind {
        /** Hello, thanks, bye: a short friendly reply. */
        SMALL_TALK,
        /** Runs the command at once (it is harmless or asks for confirmation itself). */
        RUN,
        /** Offers the command with a button: it changes something the learner may not have meant. */
        OFFER
    }

    /**
     * @param command the command line it stands for, from the match (null for small talk)
     * @param reply   for small talk, what the mentor says
     */
    record Intent(String name, Pattern phrase, Kind kind, Function<Matcher, String> command, String reply) {
    }

    /** A message read as an intent: which one, and the command line it stands for. */
    record Match(Intent intent, String command) {
    }

    private static final String END = "[\\s!.?]*$";

    static final List<Intent> TABLE = List.of(
            run("help", "(help|help me|help pls|what can you do|what do you do|how does this work|commands|"
                    + "menu|\\?|who are you|what are you)", matcher -> "/help"),
            run("week", "(what('?s| is)? next|what (should|do) i do( now| next| this week)?|what now|"
                    + "what('?s| is| are) my (goals?|week|tasks?)|(show|give) me my (week|goals)|my (week|goals)|"
                    + "this week('?s goals)?|what am i (supposed to be )?doing this week)", matcher -> "/week"),
            run("progress", "((show|see|check) (me )?)?my progress|how am i doing|how far am i|"
                    + "how far have i come", matcher -> "/progress"),
            run("done", "(i |i've |i have )?(finished|did|completed|done|done with|ticked|ticked off) goal (?<goal>\\d{1,2})",
                    matcher -> "/done " + matcher.group("goal")),
            run("remind off", "(please )?(stop|turn off|disable|pause|no more|mute)( the| my| all)? reminders?( please)?",
                    matcher -> "/remind off"),
            run("remind at", "remind me (on |every )?(?<day>mon|tue|wed|thu|fri|sat|sun)[a-z]* at (?<time>.{1,20})",
                    matcher -> "/remind " + matcher.group("day") + " " + matcher.group("time")),
            offer("forget", "(please )?(delete|erase|remove|wipe|forget)( all)? (my data|my account|everything about me|"
                    + "me|my info(rmation)?)", matcher -> "/forget"),
            offer("next week", "(move (me )?on|next week|go to (the )?next week|i('m| am) done with (this|my) week)",
                    matcher -> "/next"),
            offer("start", "(enroll me|sign me up|i want to (start|enroll|join)|let'?s (start|begin)|get started)",
                    matcher -> "/start"));

    private Intents() {
    }

    /** Small talk, by how it starts: the replies differ, the list of what is small talk is {@link SmallTalk}'s. */
    private static final List<Intent> SMALL_TALK = List.of(
            smallTalk("thanks", "(thank|thx|ty|cheers|much appreciated|appreciate).*",
                    "You're welcome! Keep going, and ask whenever you're stuck."),
            smallTalk("goodbye", "(bye|goodbye|see you|see ya|cya|good night|gn)\\b.*",
                    "Good luck with your week! I'll be here when you need me."),
            smallTalk("greeting", "(hi|hello|hey|hiya|yo|sup|howdy|good (morning|afternoon|evening)|gm)\\b.*",
                    "Hi! I'm your backend mentor. Ask me anything about backend development, or pick something below."),
            smallTalk("ack", ".*", "👍 Anything else? Ask a question or pick something below."));

    /** The intent the whole message expresses, if any. */
    static Optional<Match> read(String text) {
        String normal = text.strip().toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("\\s+", " ");
        if (SmallTalk.is(normal)) {
            Intent kind = SMALL_TALK.stream().filter(intent -> intent.phrase().matcher(normal).matches()).findFirst()
                    .orElseThrow();
            return Optional.of(new Match(kind, null));
        }
        for (Intent intent : TABLE) {
            Matcher matcher = intent.phrase().matcher(normal);
            if (matcher.matches()) {
                return Optional.of(new Match(intent, intent.kind() == Kind.SMALL_TALK ? null
                        : intent.command().apply(matcher)));
            }
        }
        return Optional.empty();
    }

    private static Intent smallTalk(String name, String phrase, String reply) {
        return new Intent(name, pattern(phrase), Kind.SMALL_TALK, matcher -> null, reply);
    }

    private static Intent run(String name, String phrase, Function<Matcher, String> command) {
        return new Intent(name, pattern(phrase), Kind.RUN, command, null);
    }

    private static Intent offer(String name, String phrase, Function<Matcher, String> command) {
        return new Intent(name, pattern(phrase), Kind.OFFER, command, null);
    }

    private static Pattern pattern(String phrase) {
        return Pattern.compile("^(?:" + phrase + ")" + END);
    }
}
