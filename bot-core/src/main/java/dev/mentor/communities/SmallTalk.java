package dev.mentor.communities;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Messages that are not questions: greetings, thanks, "ok", laughter, an emoji. The mentor declines
 * them like any question it cannot answer, but they are no FAQ entry to write, so the admins'
 * list of unanswered questions leaves them out. Only a whole message counts: "hi, what is CORS?"
 * is a question.
 */
public final class SmallTalk {

    /** Whole messages, lower-cased, without punctuation, emoji or mentions. */
    static final Set<String> PHRASES = Set.of(
            "hi", "hello", "hey", "hiya", "yo", "sup", "howdy", "hi there", "hello there", "hey there",
            "good morning", "good afternoon", "good evening", "good night", "gm", "gn",
            "thanks", "thank you", "thx", "ty", "tysm", "thanks a lot", "thank you so much", "thanks so much",
            "many thanks", "cheers", "much appreciated", "appreciate it",
            "ok", "okay", "k", "kk", "alright", "sure", "got it", "i see", "makes sense", "cool", "nice", "great",
            "awesome", "perfect", "yes", "no", "yep", "nope", "yeah", "nah",
            "lol", "lmao", "rofl", "xd", "omg", "wow", "hm", "hmm",
            "bye", "goodbye", "see you", "see ya", "cya");

    /** Who a greeting or thanks may be addressed to, after it: "thanks bot", "hi everyone". */
    static final Set<String> ADDRESSEES = Set.of("bot", "mentor", "all", "everyone", "everybody", "guys", "folks",
            "team", "man", "mate");

    private static final Pattern LAUGHTER = Pattern.compile("(?:ha|he|ah)+h?|(?:lo)+l");
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}\\s]+");
    private static final Pattern MENTION = Pattern.compile("@\\S+");
    /** "heyyy", "okkk", "lolll": a letter held down counts once. */
    private static final Pattern HELD_LETTER = Pattern.compile("(\\p{L})\\1{2,}");

    private SmallTalk() {
    }

    public static boolean is(String message) {
        String text = MENTION.matcher(message.toLowerCase(Locale.ROOT)).replaceAll(" ");
        text = NOT_A_LETTER.matcher(text).replaceAll(" ");
        text = HELD_LETTER.matcher(text).replaceAll("$1").strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return true; // only emoji, punctuation or a mention
        }
        int last = text.lastIndexOf(' ');
        if (last > 0 && ADDRESSEES.contains(text.substring(last + 1))) {
            text = text.substring(0, last);
        }
        return PHRASES.contains(text) || LAUGHTER.matcher(text).matches();
    }
}
