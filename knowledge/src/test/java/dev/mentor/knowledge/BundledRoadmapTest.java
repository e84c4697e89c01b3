package dev.mentor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The roadmap we ship: the contract of topic ids, the 26-week plan, and the content rules. */
class BundledRoadmapTest {

    /** The fixed ids other parts (tests, evaluations, learners' progress) rely on; more topics may join them. */
    private static final List<String> REQUIRED_TOPICS = List.of(
            "backend-role", "learning-plan", "git", "fetch-and-json", "async-programming", "http-methods",
            "backend-as-a-service", "programming-language",
            "relational-databases", "sql", "normalization", "nosql-databases", "sql-vs-nosql", "orm",
            "indexes-and-transactions",
            "apis", "backend-frameworks", "rest", "http", "authentication",
            "debugging", "testing", "caching-and-performance",
            "web-servers", "nodejs", "file-storage", "cloud-computing", "load-balancing", "containers",
            "microservices", "ci-cd",
            "web-security", "https-tls", "portfolio-and-jobs");

    /** Stage number to its first and last week. */
    private static final Map<Integer, List<Integer>> STAGE_WEEKS = Map.of(
            1, List.of(1, 4), 2, List.of(5, 9), 3, List.of(10, 14), 4, List.of(15, 17), 5, List.of(18, 23),
            6, List.of(24, 26));

    private static Roadmap roadmap;

    @BeforeAll
    static void load() {
        roadmap = new RoadmapLoader().loadBundled();
    }

    @Test
    void holdsEveryRequiredTopic() {
        assertThat(roadmap.topics()).extracting(Topic::id).containsAll(REQUIRED_TOPICS);
        assertThat(roadmap.topics()).hasSizeGreaterThanOrEqualTo(35);
    }

    @Test
    void hasTwentySixWeeksInSixStagesWithTheAgreedRanges() {
        assertThat(roadmap.weeks()).extracting(Week::number).containsExactlyElementsOf(IntStream.rangeClosed(1, 26).boxed().toList());
        assertThat(roadmap.stages()).hasSize(6);
        for (Stage stage : roadmap.stages()) {
            assertThat(List.of(stage.firstWeek(), stage.lastWeek())).as("stage " + stage.number())
                    .isEqualTo(STAGE_WEEKS.get(stage.number()));
        }
    }

    @Test
    void everyTopicIsTaughtInAWeekOfItsStage() {
        for (Topic topic : roadmap.topics()) {
            assertThat(roadmap.weekTeaching(topic.id()).stage()).as(topic.id()).isEqualTo(topic.stage());
        }
    }

    @Test
    void everyTopicHasABodyOf150To400WordsAndTheFiveSections() {
        for (Topic topic : roadmap.topics()) {
            assertThat(topic.wordCount()).as(topic.id() + " words").isBetween(150, 400);
            assertThat(topic.sections()).extracting(Topic.Section::heading).as(topic.id())
                    .containsExactly("What it is", "Why it matters", "What to practise", "Common pitfalls",
                            "Where to go next");
        }
    }

    @Test
    void everyTopicAnswersAtLeastTwelveQuestionsLearnersAskAndTheRoadmapOverFourHundred() {
        for (Topic topic : roadmap.topics()) {
            assertThat(topic.questions()).as(topic.id() + " questions").hasSizeGreaterThanOrEqualTo(12);
            assertThat(topic.questions()).allSatisfy(entry -> {
                assertThat(entry.question()).hasSizeBetween(5, 120);
                assertThat(entry.text().split("\\s+")).as(entry.question()).hasSizeBetween(25, 160);
            });
        }
        assertThat(roadmap.topics().stream().mapToInt(topic -> topic.questions().size()).sum()).isGreaterThan(400);
    }

    @Test
    void everyTopicHasAliasesASummaryAndTwoToFourRelatedTopics() {
        for (Topic topic : roadmap.topics()) {
            assertThat(topic.aliases()).as(topic.id()).hasSizeGreaterThanOrEqualTo(5).doesNotHaveDuplicates();
            assertThat(topic.summary().split("\\s+")).as(topic.id() + " summary").hasSizeBetween(8, 60);
            assertThat(topic.related()).as(topic.id()).hasSizeBetween(2, 4);
        }
    }

    @Test
    void everyWeekHasThreeToFiveGoalsWithWeekPrefixedIds() {
        for (Week week : roadmap.weeks()) {
            assertThat(week.goals()).as("week " + week.number()).hasSizeBetween(3, 5);
            String prefix = "w%02d-".formatted(week.number());
            assertThat(week.goals()).allSatisfy(goal -> {
                assertThat(goal.id()).startsWith(prefix).matches("[a-z0-9-]+");
                assertThat(goal.text()).hasSizeBetween(10, 200);
            });
        }
    }
}
