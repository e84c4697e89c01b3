package dev.mentor.knowledge;

import java.util.List;

/** One of the six stages: a run of consecutive weeks. */
public record Stage(int number, String title, String summary, List<Week> weeks) {

    public Stage {
        weeks = List.copyOf(weeks);
    }

    public int firstWeek() {
        return weeks.getFirst().number();
    }

    public int lastWeek() {
        return weeks.getLast().number();
    }
}
