package dev.mentor.telegram;

/**
 * Telegram calls tried again since start, by why, and how many summary lines were logged.
 *
 * @param rateLimited  answered 429 and retried after {@code retry_after}
 * @param serverErrors answered 5xx (or not by the Bot API at all) and retried with backoff
 * @param network      no answer (connection refused, DNS, connect timeout) and retried with backoff
 * @param summaries    the INFO lines that summarised them, at most one a minute
 */
public record RetryCounts(long rateLimited, long serverErrors, long network, long summaries) {

    public long total() {
        return rateLimited + serverErrors + network;
    }
}
