package dev.mentor.knowledge;

/** A concrete, checkable weekly goal. The id is stable: learners' progress points at it. */
public record Goal(String id, String text) {
}
