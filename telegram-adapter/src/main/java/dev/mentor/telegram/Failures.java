package dev.mentor.telegram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Describes client failures for logs and errors, always without the token. */
final class Failures {

    private Failures() {
    }

    /**
     * A one-line description of a failure and its causes. Only messages are used, scrubbed of
     * the token: client errors may quote the request URL, which holds it.
     */
    static String describe(Throwable failure, TelegramSettings settings) {
        if (failure instanceof TelegramApiRequestException request && request.getErrorCode() != null
                && request.getErrorCode() != 0) {
            return settings.scrub("[" + request.getErrorCode() + "] " + request.getApiResponse());
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t : causes(failure)) {
            if (text.length() >= 500) {
                break;
            }
            if (!text.isEmpty()) {
                text.append(": ");
            }
            String message = t.getMessage();
            boolean wrapper = t instanceof TelegramApiException && t.getCause() != null;
            text.append(wrapper || message == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + " " + message);
        }
        return settings.scrub(text.toString());
    }

    /** The failure, then its cause, its cause's cause and so on, each once even when the chain loops. */
    static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
