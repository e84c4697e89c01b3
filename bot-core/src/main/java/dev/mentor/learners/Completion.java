package dev.mentor.learners;

import java.time.Instant;

/** A goal a learner ticked off, and when. */
public record Completion(String goalId, Instant completedAt) {
}
