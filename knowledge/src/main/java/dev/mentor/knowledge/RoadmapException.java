package dev.mentor.knowledge;

import java.util.List;

/** The roadmap content is broken. Each problem names the file and the field at fault. */
public class RoadmapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RoadmapException(List<String> problems) {
        super("The roadmap content has " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
