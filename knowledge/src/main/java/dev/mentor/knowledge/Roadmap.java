package dev.mentor.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole validated roadmap: topics, stages, weeks and goals. Immutable. */
public final class Roadmap {

    private final Map<String, Topic> topics;
    private final List<Stage> stages;
    private final List<Week> weeks;
    private final Map<String, Week> weekTeachingTopic;
    private final Map<String, Goal> goals;

    Roadmap(Collection<Topic> topics, List<Stage> stages) {
        Map<String, Topic> byId = new LinkedHashMap<>();
        topics.forEach(topic -> byId.put(topic.id(), topic));
        this.topics = Collections.unmodifiableMap(byId);
        this.stages = List.copyOf(stages);
        List<Week> allWeeks = new ArrayList<>();
        stages.forEach(stage -> allWeeks.addAll(stage.weeks()));
        this.weeks = List.copyOf(allWeeks);
        Map<String, Week> teaching = new LinkedHashMap<>();
        Map<String, Goal> goalsById = new LinkedHashMap<>();
        for (Week week : weeks) {
            week.topicIds().forEach(id -> teaching.putIfAbsent(id, week));
            week.goals().forEach(goal -> goalsById.put(goal.id(), goal));
        }
        this.weekTeachingTopic = Collections.unmodifiableMap(teaching);
        this.goals = Collections.unmodifiableMap(goalsById);
    }

    /** Topics in plan order (the order the weeks teach them). */
    public Collection<Topic> topics() {
        return topics.values();
    }

    public Optional<Topic> topic(String id) {
        return Optional.ofNullable(topics.get(id));
    }

    public List<Stage> stages() {
        return stages;
    }

    public List<Week> weeks() {
        return weeks;
    }

    public Optional<Week> week(int number) {
        return number >= 1 && number <= weeks.size() ? Optional.of(weeks.get(number - 1)) : Optional.empty();
    }

    /** The week that first teaches the topic; every topic has one (the loader checks it). */
    public Week weekTeaching(String topicId) {
        Week week = weekTeachingTopic.get(topicId);
        if (week == null) {
            throw new IllegalArgumentException("No week teaches topic " + topicId);
        }
        return week;
    }

    public Stage stage(int number) {
        return stages.get(number - 1);
    }

    public Optional<Goal> goal(String id) {
        return Optional.ofNullable(goals.get(id));
    }
}
