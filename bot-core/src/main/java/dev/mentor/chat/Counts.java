package dev.mentor.chat;

/** A number with its noun, singular or plural as the number asks: "1 learner", "2 learners", "0 goals". */
public final class Counts {

    private Counts() {
    }

    /** For nouns whose plural adds an "s" (learner, member, question, goal, week, stage, minute). */
    public static String of(long count, String singular) {
        return of(count, singular, singular + "s");
    }

    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
