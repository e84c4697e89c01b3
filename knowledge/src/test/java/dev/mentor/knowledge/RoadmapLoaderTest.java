package dev.mentor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on small hand-made roadmaps in a temp folder: one valid, then one fault at a time. */
class RoadmapLoaderTest {

    @TempDir
    Path root;

    private final RoadmapLoader loader = new RoadmapLoader();

    @BeforeEach
    void writeValidRoadmap() throws IOException {
        Files.createDirectories(root.resolve("topics"));
        Files.createDirectories(root.resolve("plan"));
        writeTopic("alpha", 1, "[beta]", "See [Beta](topic:beta).");
        writeTopic("beta", 1, "[alpha]", "Back to [Alpha](topic:alpha).");
        writeTopic("gamma", 2, "[alpha, beta]", "Plain text.");
        writeStage(1, """
                  - week: 1
                    title: First week
                    topics: [alpha]
                    goals: %s
                  - week: 2
                    title: Second week
                    topics: [beta]
                    goals: %s
                """.formatted(goals(1), goals(2)));
        writeStage(2, """
                  - week: 3
                    title: Third week
                    topics: [gamma]
                    goals: %s
                """.formatted(goals(3)));
    }

    @Test
    void loadsAValidRoadmapInPlanOrder() {
        Roadmap roadmap = loader.load(root);

        assertThat(roadmap.topics()).extracting(Topic::id).containsExactly("alpha", "beta", "gamma");
        assertThat(roadmap.weeks()).extracting(Week::number).containsExactly(1, 2, 3);
        assertThat(roadmap.stage(2).firstWeek()).isEqualTo(3);
        assertThat(roadmap.weekTeaching("beta").number()).isEqualTo(2);
        assertThat(roadmap.goal("w03-goal-b")).map(Goal::text).hasValue("Do thing b of week 3.");
        Topic alpha = roadmap.topic("alpha").orElseThrow();
        assertThat(alpha.sections()).extracting(Topic.Section::heading).containsExactly("What it is", "Where to go next");
        assertThat(alpha.aliases()).containsExactly("alpha thing", "the a");
    }

    @Test
    void namesFileAndFieldOfADuplicateTopicId() throws IOException {
        Files.writeString(root.resolve("topics/alpha-copy.md"),
                Files.readString(root.resolve("topics/alpha.md")));

        assertProblems("topics/alpha-copy.md: field 'id' is 'alpha' but the file is named alpha-copy.md",
                "topics/alpha-copy.md: field 'id': 'alpha' is already used by topics/alpha.md");
    }

    @Test
    void namesAMissingTopicId() throws IOException {
        replaceIn("topics/beta.md", "id: beta\n", "");

        assertProblems("topics/beta.md: field 'id' is missing");
    }

    @Test
    void namesARelatedLinkToAnUnknownTopic() throws IOException {
        replaceIn("topics/gamma.md", "related: [alpha, beta]", "related: [alpha, delta]");

        assertProblems("topics/gamma.md: field 'related' names unknown topic 'delta'");
    }

    @Test
    void namesABodyLinkToAnUnknownTopic() throws IOException {
        replaceIn("topics/alpha.md", "(topic:beta)", "(topic:betta)");

        assertProblems("topics/alpha.md: body links to unknown topic 'topic:betta'");
    }

    @Test
    void namesAWeekThatTeachesAnUnknownTopic() throws IOException {
        replaceIn("plan/stage-2.yaml", "topics: [gamma]", "topics: [gamma, omega]");

        assertProblems("plan/stage-2.yaml: week 3: field 'topics' names unknown topic 'omega'");
    }

    @Test
    void namesAGapInTheWeeks() throws IOException {
        replaceIn("plan/stage-2.yaml", "week: 3", "week: 4");

        assertProblems("plan/stage-2.yaml: week 4: field 'week' is 4 but week 3 was expected");
    }

    @Test
    void namesAGoalWithoutId() throws IOException {
        replaceIn("plan/stage-1.yaml", "{id: w02-goal-b, text: Do thing b of week 2.}", "{text: Do thing b of week 2.}");

        assertProblems("plan/stage-1.yaml: week 2: goals[1]: field 'id' is missing");
    }

    @Test
    void namesADuplicateGoalId() throws IOException {
        replaceIn("plan/stage-2.yaml", "w03-goal-a", "w01-goal-a");

        assertProblems("plan/stage-2.yaml: week 3: goals[0]: field 'id': goal 'w01-goal-a' is already used in "
                + "plan/stage-1.yaml: week 1");
    }

    @Test
    void namesAWeekWithTooFewGoals() throws IOException {
        replaceIn("plan/stage-2.yaml", ", {id: w03-goal-c, text: Do thing c of week 3.}", "");

        assertProblems("plan/stage-2.yaml: week 3: field 'goals' must hold 3 to 5 goals, found 2");
    }

    @Test
    void namesATopicNoWeekTeaches() throws IOException {
        writeTopic("delta", 2, "[alpha]", "Orphan.");

        assertProblems("topics/delta.md: no week of the plan teaches this topic");
    }

    @Test
    void namesATopicWhoseStageDisagreesWithItsWeek() throws IOException {
        replaceIn("topics/gamma.md", "stage: 2", "stage: 1");

        assertProblems("topics/gamma.md: field 'stage' is 1 but week 3, which teaches it, is in stage 2");
    }

    @Test
    void namesAnUnknownField() throws IOException {
        replaceIn("topics/beta.md", "stage: 1\n", "stage: 1\ncolour: blue\n");

        assertProblems("topics/beta.md: unknown field 'colour'");
    }

    @Test
    void namesAFieldOfTheWrongType() throws IOException {
        replaceIn("topics/beta.md", "stage: 1\n", "stage: first\n");

        assertThatThrownBy(() -> loader.load(root))
                .isInstanceOf(RoadmapException.class)
                .satisfies(e -> assertThat(((RoadmapException) e).problems())
                        .containsExactly("topics/beta.md: field 'stage': expected a whole number"));
    }

    @Test
    void namesMalformedYaml() throws IOException {
        replaceIn("plan/stage-1.yaml", "title: Stage one", "title: 'unclosed");

        assertThatThrownBy(() -> loader.load(root))
                .isInstanceOf(RoadmapException.class)
                .satisfies(e -> assertThat(((RoadmapException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("plan/stage-1.yaml: not valid YAML at line")));
    }

    @Test
    void namesAFileWithoutFrontMatter() throws IOException {
        Files.writeString(root.resolve("topics/beta.md"), "Just text, no front matter.\n");

        assertProblems("topics/beta.md: missing front matter (the file must start with a line '---')");
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        replaceIn("topics/gamma.md", "related: [alpha, beta]", "related: [alpha, delta]");
        replaceIn("plan/stage-2.yaml", "w03-goal-a", "");

        assertThatThrownBy(() -> loader.load(root))
                .isInstanceOf(RoadmapException.class)
                .satisfies(e -> assertThat(((RoadmapException) e).problems()).hasSize(2))
                .hasMessageContaining("2 problem(s)");
    }

    @Test
    void splitsATopicIntoPassagesAndKeepsItsQuestionsApart() throws IOException {
        appendTo("topics/alpha.md", """

                Two ways:
                - **One** way, with `code`.
                - Another way.

                ```
                run it
                ```

                ## Questions learners ask

                ### What is the difference between one and another?
                One replaces everything; another changes only what you send.

                ### Is alpha worth learning?
                Yes, for two reasons.

                - It is small.
                """);

        Topic alpha = loader.load(root).topic("alpha").orElseThrow();

        assertThat(alpha.sections()).extracting(Topic.Section::heading).containsExactly("What it is", "Where to go next");
        assertThat(alpha.markdown()).doesNotContain("Questions learners ask").contains("Another way.");
        assertThat(alpha.questions()).extracting(QuestionAnswer::question)
                .containsExactly("What is the difference between one and another?", "Is alpha worth learning?");
        assertThat(alpha.questions().get(1).markdown()).isEqualTo("Yes, for two reasons.\n\n- It is small.");
        assertThat(alpha.passages()).extracting(Passage::section).containsExactly("Summary", "What it is",
                "Where to go next", "Where to go next", "Where to go next", "Where to go next",
                "Questions learners ask", "Questions learners ask");
        assertThat(alpha.passages()).extracting(Passage::markdown).contains("**One** way, with `code`.",
                "Another way.\n\n```\nrun it\n```");
        assertThat(alpha.passages().getLast().question()).isEqualTo("Is alpha worth learning?");
        assertThat(alpha.passages().get(4).text()).isEqualTo("One way, with \"code\".");
    }

    @Test
    void namesAQuestionWithoutAnswerAndTextBeforeTheFirstQuestion() throws IOException {
        appendTo("topics/beta.md", """

                ## Questions learners ask
                Some words first.

                ### Why beta?

                ### Why not?
                Because.
                """);

        assertProblems("topics/beta.md: 'Questions learners ask' has text before its first '###' question",
                "topics/beta.md: question 'Why beta?' has no answer");
    }

    @Test
    void namesAQuestionAskedTwiceInATopicOrAcrossTopics() throws IOException {
        String question = """

                ## Questions learners ask

                ### Why gamma?
                Because.
                """;
        appendTo("topics/alpha.md", question);
        appendTo("topics/gamma.md", question);
        appendTo("topics/beta.md", question.replace("Why gamma?", "Why beta?") + """

                ### why BETA
                Twice.
                """);

        assertProblems("topics/beta.md: question 'why BETA' is asked twice",
                "topics/gamma.md: question 'Why gamma?' is already asked in topics/alpha.md");
    }

    private void appendTo(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.writeString(path, Files.readString(path) + text);
    }

    private void assertProblems(String... expectedPrefixes) {
        assertThatThrownBy(() -> loader.load(root))
                .isInstanceOfSatisfying(RoadmapException.class, e -> {
                    assertThat(e.problems()).hasSize(expectedPrefixes.length);
                    for (int i = 0; i < expectedPrefixes.length; i++) {
                        assertThat(e.problems().get(i)).startsWith(expectedPrefixes[i]);
                    }
                });
    }

    private void writeTopic(String id, int stage, String related, String where) throws IOException {
        Files.writeString(root.resolve("topics/" + id + ".md"), """
                ---
                id: %s
                title: Topic %s
                stage: %d
                summary: A short summary of %s.
                aliases: [Alpha Thing, the a]
                related: %s
                ---
                ## What it is
                Words about %s.

                ## Where to go next
                %s
                """.formatted(id, id, stage, id, related, id, where));
    }

    private void writeStage(int number, String weeks) throws IOException {
        Files.writeString(root.resolve("plan/stage-" + number + ".yaml"), """
                stage: %d
                title: Stage %s
                summary: What stage %d does.
                weeks:
                %s""".formatted(number, number == 1 ? "one" : "two", number, weeks));
    }

    private static String goals(int week) {
        String w = "w%02d".formatted(week);
        return "[{id: %s-goal-a, text: Do thing a of week %d.}, {id: %s-goal-b, text: Do thing b of week %d.}, "
                .formatted(w, week, w, week)
                + "{id: %s-goal-c, text: Do thing c of week %d.}]".formatted(w, week);
    }

    private void replaceIn(String file, String from, String to) throws IOException {
        Path path = root.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
    }
}
