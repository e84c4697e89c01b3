package dev.mentor.conversation;

import java.util.Optional;

/** What makes a question acceptable, shared by every way of asking one. */
public final class QuestionRules {

    public static final int MAX_LENGTH = 4000;

    private QuestionRules() {
    }

    /** A friendly description of what is wrong with the text as a question, or empty when it is fine. */
    public static Optional<String> problemWith(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("The question is empty: type a few words, for example \"what is docker\".");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("The question is " + text.length() + " characters long; please keep it under "
                    + MAX_LENGTH + " characters (one question at a time works best).");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of("The question contains a control character (code " + (int) c
                        + " at position " + (i + 1) + "); please send plain text.");
            }
        }
        return Optional.empty();
    }
}
