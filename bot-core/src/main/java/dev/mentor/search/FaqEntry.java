package dev.mentor.search;

import java.time.Instant;

/** A question and answer an admin added for one community. */
public record FaqEntry(String id, String platform, String communityId, String question, String answer,
        Instant createdAt) {
}
