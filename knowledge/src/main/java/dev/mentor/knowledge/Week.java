package dev.mentor.knowledge;

import java.util.List;

/** One week of the plan: what to study and what to get done. */
public record Week(int number, String title, int stage, List<String> topicIds, List<Goal> goals) {

    public Week {
        topicIds = List.copyOf(topicIds);
        goals = List.copyOf(goals);
    }
}
