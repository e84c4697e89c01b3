package dev.mentor.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the roadmap from a folder holding {@code topics/*.md} and {@code plan/stage-*.yaml},
 * checks it whole, and fails with every problem found, each naming its file and field.
 */
public final class RoadmapLoader {

    /** Where the bundled roadmap lives on the classpath. */
    public static final String BUNDLED_ROOT = "roadmap";

    private static final int MIN_GOALS = 3;
    private static final int MAX_GOALS = 5;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final MarkdownBody markdown = new MarkdownBody();

    /** Loads the roadmap shipped inside the knowledge jar (or its classes folder). */
    public Roadmap loadBundled() {
        URL url = RoadmapLoader.class.getClassLoader().getResource(BUNDLED_ROOT);
        if (url == null) {
            throw new IllegalStateException("The bundled roadmap '" + BUNDLED_ROOT + "' is not on the classpath");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return load(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return load(jar.provider().getPath(uri));
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Bad roadmap location " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the bundled roadmap", e);
        }
    }

    /** Loads and validates the roadmap under {@code root}. */
    public Roadmap load(Path root) {
        Problems problems = new Problems();
        Set<String> unreadable = new HashSet<>();
        Map<String, ParsedTopic> topics = readTopics(root.resolve("topics"), problems, unreadable);
        int beforePlan = problems.count();
        List<ParsedStage> stages = readStages(root.resolve("plan"), problems);
        // An unreadable stage file would make every later week look misplaced: stop at the cause.
        List<Stage> plan = problems.count() > beforePlan ? List.of() : checkPlan(stages, topics, unreadable, problems);
        checkTopics(topics, plan, unreadable, problems);
        problems.throwIfAny();

        List<Topic> inPlanOrder = new ArrayList<>();
        plan.stream().flatMap(stage -> stage.weeks().stream())
                .flatMap(week -> week.topicIds().stream())
                .distinct()
                .forEach(id -> inPlanOrder.add(topics.get(id).topic()));
        return new Roadmap(inPlanOrder, plan);
    }

    // ---- topics ------------------------------------------------------------------------------

    private Map<String, ParsedTopic> readTopics(Path folder, Problems problems, Set<String> unreadable) {
        List<Path> files = list(folder, ".md", problems, "topics/");
        if (files.isEmpty()) {
            problems.add("topics/: no topic files (*.md) found");
        }
        // Topics are read on every core (start-up waits for them); problems are reported in file order.
        record Read(Path file, ParsedTopic topic, Problems problems) {
        }
        List<Read> reads = files.parallelStream().map(file -> {
            Problems own = new Problems();
            return new Read(file, readTopic(file, "topics/" + file.getFileName(), own), own);
        }).toList();
        List<ParsedTopic> parsed = new ArrayList<>();
        for (Read read : reads) {
            read.problems().list.forEach(problems::add);
            Path file = read.file();
            ParsedTopic topic = read.topic();
            if (topic == null) {
                // Known to exist: links to it are not reported again as links to an unknown topic.
                unreadable.add(idFromFileName(file));
            } else {
                parsed.add(topic);
            }
        }
        // The file named after an id owns it; a clash is reported on the other file.
        parsed.sort(Comparator.comparing(topic -> !topic.file().equals("topics/" + topic.topic().id() + ".md")));
        Map<String, ParsedTopic> byId = new TreeMap<>();
        for (ParsedTopic topic : parsed) {
            ParsedTopic earlier = byId.putIfAbsent(topic.topic().id(), topic);
            if (earlier != null) {
                problems.add(topic.file() + ": field 'id': '" + topic.topic().id() + "' is already used by "
                        + earlier.file());
            }
        }
        return byId;
    }

    private static String idFromFileName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.md$", "");
    }

    private ParsedTopic readTopic(Path file, String name, Problems problems) {
        String text = read(file).replace("\r\n", "\n");
        if (!text.startsWith("---\n")) {
            problems.add(name + ": missing front matter (the file must start with a line '---')");
            return null;
        }
        int end = text.indexOf("\n---\n", 3);
        if (end < 0) {
            problems.add(name + ": the front matter is not closed by a line '---'");
            return null;
        }
        FrontMatter front;
        try {
            front = yaml.readValue(text.substring(4, end + 1), FrontMatter.class);
        } catch (JsonProcessingException e) {
            problems.add(name + ": " + describe(e));
            return null;
        }
        if (front == null) {
            problems.add(name + ": the front matter is empty");
            return null;
        }
        String expectedId = idFromFileName(file);
        if (!isBlank(front.id()) && !front.id().equals(expectedId)) {
            // Reported, but the topic is still read so a clash with the real owner of the id shows too.
            problems.add(name + ": field 'id' is '" + front.id() + "' but the file is named " + expectedId + ".md");
        }
        int before = problems.count();
        if (isBlank(front.id())) {
            problems.add(name + ": field 'id' is missing");
        }
        requireText(front.title(), name, "title", problems);
        requireText(front.summary(), name, "summary", problems);
        if (front.stage() == null) {
            problems.add(name + ": field 'stage' is missing");
        }
        if (front.aliases() == null || front.aliases().isEmpty()) {
            problems.add(name + ": field 'aliases' is missing or empty");
        } else if (front.aliases().stream().anyMatch(RoadmapLoader::isBlank)) {
            problems.add(name + ": field 'aliases' has an empty entry");
        }
        if (front.related() == null) {
            problems.add(name + ": field 'related' is missing");
        }
        String body = text.substring(end + 5);
        MarkdownBody.Parsed parsedBody = markdown.parse(body);
        if (parsedBody.sections().isEmpty()) {
            problems.add(name + ": the body is empty");
        }
        parsedBody.problems().forEach(problem -> problems.add(name + ": " + problem));
        checkQuestionsDiffer(name, parsedBody.questions(), problems);
        if (problems.count() > before) {
            return null;
        }
        Topic topic = new Topic(front.id(), front.title().strip(), front.stage(), front.summary().strip(),
                front.aliases().stream().map(alias -> alias.strip().toLowerCase(Locale.ROOT)).toList(),
                front.related(), parsedBody.body(), parsedBody.sections(), parsedBody.questions(),
                passages(front.id(), front.summary().strip(), parsedBody));
        return new ParsedTopic(name, topic, parsedBody.topicLinks());
    }

    private static List<Passage> passages(String topicId, String summary, MarkdownBody.Parsed body) {
        List<Passage> passages = new ArrayList<>();
        passages.add(new Passage(topicId, Passage.SUMMARY, null, summary, summary));
        body.blocks().forEach(block ->
                passages.add(new Passage(topicId, block.section(), null, block.markdown(), block.text())));
        body.questions().forEach(entry -> passages.add(new Passage(topicId, MarkdownBody.QUESTIONS_HEADING,
                entry.question(), entry.markdown(), entry.text())));
        return passages;
    }

    /** Two entries asking the same question would make one of them unreachable. */
    private static void checkQuestionsDiffer(String name, List<QuestionAnswer> questions, Problems problems) {
        Set<String> seen = new HashSet<>();
        for (QuestionAnswer entry : questions) {
            if (!seen.add(questionKey(entry.question()))) {
                problems.add(name + ": question '" + entry.question() + "' is asked twice");
            }
        }
    }

    /** A question's words, lower-cased, without punctuation: equal keys ask the same thing. */
    static String questionKey(String question) {
        return question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private void checkTopics(Map<String, ParsedTopic> topics, List<Stage> plan, Set<String> unreadable,
                             Problems problems) {
        Map<String, Week> teaching = new HashMap<>();
        plan.forEach(stage -> stage.weeks().forEach(week ->
                week.topicIds().forEach(id -> teaching.putIfAbsent(id, week))));
        Map<String, String> askedIn = new HashMap<>();
        for (ParsedTopic parsed : topics.values()) {
            Topic topic = parsed.topic();
            for (QuestionAnswer entry : topic.questions()) {
                String earlier = askedIn.putIfAbsent(questionKey(entry.question()), parsed.file());
                if (earlier != null && !earlier.equals(parsed.file())) {
                    problems.add(parsed.file() + ": question '" + entry.question() + "' is already asked in "
                            + earlier);
                }
            }
            for (String related : topic.related()) {
                if (related.equals(topic.id())) {
                    problems.add(parsed.file() + ": field 'related' names the topic itself");
                } else if (!topics.containsKey(related) && !unreadable.contains(related)) {
                    problems.add(parsed.file() + ": field 'related' names unknown topic '" + related + "'");
                }
            }
            for (String link : parsed.links()) {
                if (!topics.containsKey(link) && !unreadable.contains(link)) {
                    problems.add(parsed.file() + ": body links to unknown topic 'topic:" + link + "'");
                }
            }
            Week week = teaching.get(topic.id());
            if (week == null) {
                if (!plan.isEmpty()) {
                    problems.add(parsed.file() + ": no week of the plan teaches this topic");
                }
            } else if (week.stage() != topic.stage()) {
                problems.add(parsed.file() + ": field 'stage' is " + topic.stage() + " but week " + week.number()
                        + ", which teaches it, is in stage " + week.stage());
            }
        }
    }

    // ---- plan --------------------------------------------------------------------------------

    private List<ParsedStage> readStages(Path folder, Problems problems) {
        List<ParsedStage> stages = new ArrayList<>();
        List<Path> files = list(folder, ".yaml", problems, "plan/");
        if (files.isEmpty()) {
            problems.add("plan/: no stage files (*.yaml) found");
        }
        for (Path file : files) {
            String name = "plan/" + file.getFileName();
            try {
                StageFile stage = yaml.readValue(read(file), StageFile.class);
                if (stage == null) {
                    problems.add(name + ": the file is empty");
                } else {
                    stages.add(new ParsedStage(name, stage));
                }
            } catch (JsonProcessingException e) {
                problems.add(name + ": " + describe(e));
            }
        }
        return stages;
    }

    private List<Stage> checkPlan(List<ParsedStage> files, Map<String, ParsedTopic> topics, Set<String> unreadable,
                                  Problems problems) {
        int before = problems.count();
        Map<Integer, ParsedStage> byNumber = new TreeMap<>();
        for (ParsedStage parsed : files) {
            StageFile stage = parsed.stage();
            if (stage.stage() == null) {
                problems.add(parsed.file() + ": field 'stage' is missing");
                continue;
            }
            requireText(stage.title(), parsed.file(), "title", problems);
            ParsedStage earlier = byNumber.putIfAbsent(stage.stage(), parsed);
            if (earlier != null) {
                problems.add(parsed.file() + ": field 'stage': stage " + stage.stage() + " is already defined in "
                        + earlier.file());
            }
        }
        int expectedStage = 1;
        for (int number : byNumber.keySet()) {
            if (number != expectedStage) {
                problems.add(byNumber.get(number).file() + ": field 'stage' is " + number + " but stage "
                        + expectedStage + " is missing (stages run 1, 2, 3... without gaps)");
            }
            expectedStage = number + 1;
        }

        Map<String, String> goalOwners = new HashMap<>();
        List<Stage> stages = new ArrayList<>();
        int expectedWeek = 1;
        for (ParsedStage parsed : byNumber.values()) {
            StageFile stage = parsed.stage();
            String file = parsed.file();
            if (stage.weeks() == null || stage.weeks().isEmpty()) {
                problems.add(file + ": field 'weeks' is missing or empty");
                continue;
            }
            List<Week> weeks = new ArrayList<>();
            for (int i = 0; i < stage.weeks().size(); i++) {
                WeekFile week = stage.weeks().get(i);
                String where = file + ": weeks[" + i + "]";
                if (week == null || week.week() == null) {
                    problems.add(where + ": field 'week' is missing");
                    continue;
                }
                where = file + ": week " + week.week();
                if (week.week() != expectedWeek) {
                    problems.add(where + ": field 'week' is " + week.week() + " but week " + expectedWeek
                            + " was expected (weeks run from 1 in stage order, without gaps or repeats)");
                }
                expectedWeek = week.week() + 1;
                requireText(week.title(), where, "title", problems);
                List<String> topicIds = week.topics() == null ? List.of() : week.topics();
                if (topicIds.isEmpty()) {
                    problems.add(where + ": field 'topics' is missing or empty");
                }
                for (String id : topicIds) {
                    if (!topics.containsKey(id) && !unreadable.contains(id)) {
                        problems.add(where + ": field 'topics' names unknown topic '" + id + "'");
                    }
                }
                List<Goal> goals = checkGoals(week.goals(), where, goalOwners, problems);
                weeks.add(new Week(week.week(), nullToEmpty(week.title()), stage.stage(), topicIds, goals));
            }
            if (!weeks.isEmpty()) {
                stages.add(new Stage(stage.stage(), nullToEmpty(stage.title()), nullToEmpty(stage.summary()), weeks));
            }
        }
        return problems.count() > before ? List.of() : stages;
    }

    private List<Goal> checkGoals(List<GoalFile> goals, String where, Map<String, String> owners, Problems problems) {
        if (goals == null || goals.size() < MIN_GOALS || goals.size() > MAX_GOALS) {
            problems.add(where + ": field 'goals' must hold " + MIN_GOALS + " to " + MAX_GOALS + " goals, found "
                    + (goals == null ? 0 : goals.size()));
            if (goals == null) {
                return List.of();
            }
        }
        List<Goal> checked = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            GoalFile goal = goals.get(i);
            String at = where + ": goals[" + i + "]";
            if (goal == null || isBlank(goal.id())) {
                problems.add(at + ": field 'id' is missing (every goal needs a stable id)");
                continue;
            }
            if (isBlank(goal.text())) {
                problems.add(at + ": field 'text' is missing");
            }
            String earlier = owners.putIfAbsent(goal.id(), where);
            if (earlier != null) {
                problems.add(at + ": field 'id': goal '" + goal.id() + "' is already used in " + earlier);
            }
            checked.add(new Goal(goal.id(), nullToEmpty(goal.text()).strip()));
        }
        return checked;
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static List<Path> list(Path folder, String suffix, Problems problems, String name) {
        if (!Files.isDirectory(folder)) {
            problems.add(name + ": folder not found");
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Turns a Jackson failure into "field 'x': what is wrong" without the parser's internals. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        String message = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
                } else {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return "field '" + path + "': " + (e instanceof MismatchedInputException mismatch
                    && mismatch.getTargetType() != null ? "expected " + kind(mismatch.getTargetType()) : message);
        }
        String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
        return "not valid YAML" + line + ": " + message;
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of fields (" + type.getSimpleName().replaceAll("File$", "").toLowerCase(Locale.ROOT) + ")";
    }

    private static void requireText(String value, String where, String field, Problems problems) {
        if (isBlank(value)) {
            problems.add(where + ": field '" + field + "' is missing");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static final class Problems {
        private final List<String> list = new ArrayList<>();

        void add(String problem) {
            list.add(problem);
        }

        int count() {
            return list.size();
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw new RoadmapException(list);
            }
        }
    }

    private record ParsedTopic(String file, Topic topic, Set<String> links) {
    }

    private record ParsedStage(String file, StageFile stage) {
    }

    record FrontMatter(String id, String title, Integer stage, String summary, List<String> aliases,
                       List<String> related) {
    }

    record StageFile(Integer stage, String title, String summary, List<WeekFile> weeks) {
    }

    record WeekFile(Integer week, String title, List<String> topics, List<GoalFile> goals) {
    }

    record GoalFile(String id, String text) {
    }
}
