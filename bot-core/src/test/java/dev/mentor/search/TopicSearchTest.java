package dev.mentor.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.knowledge.RoadmapLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real index over the bundled roadmap, asked the way learners ask. */
class TopicSearchTest {

    private static TopicSearch search;

    @BeforeAll
    static void buildIndex() {
        search = new TopicSearch(new RoadmapLoader().loadBundled());
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', value = {
            "containers            | how do I package my app with docker",
            "git                   | how do branches and merging work",
            "sql                   | how do I join two tables",
            "indexes-and-transactions | what does acid stand for",
            "http                  | what does a 404 status mean",
            "authentication        | how do sessions and cookies keep a user logged in",
            "microservices         | should I split my monolith into services",
            "web-security          | how do I stop sql injection",
            "https-tls             | how do certificates work",
            "load-balancing        | spreading traffic across several servers",
            "nosql-databases       | when would I pick mongodb",
            "async-programming     | what is the event loop",
    })
    void findsTheTopicForAParaphrase(String topic, String question) {
        SearchResult result = search.search(question);

        assertThat(result.answered()).as("answered").isTrue();
        assertThat(result.hits().getFirst().topicId()).isEqualTo(topic);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', value = {
            "microservices       | what is k8s",
            "relational-databases | what is a db",
            "authentication      | how does a jwt work",
            "ci-cd               | set up ci for my project",
            "file-storage        | where do I put uploads, s3?",
    })
    void understandsLearnerVocabulary(String topic, String question) {
        assertThat(search.search(question).answer()).map(Hit::topicId).hasValue(topic);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', value = {
            "containers    | what is dokcer",
            "microservices | what is kubernets",
            "sql           | how to write a sequel querry",
            "nodejs        | why use nodjs",
            "http          | whats the differnce between 401 and 403",
    })
    void toleratesTypos(String topic, String question) {
        assertThat(search.search(question).answer()).map(Hit::topicId).hasValue(topic);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', value = {
            "containers    | what is dokcer        | docker",
            "sql           | how to write a sequel querry | query",
            "nodejs        | why use nodjs         | nodejs",
    })
    void saysWhatItUnderstoodForAnUnknownWord(String topic, String question, String correctedWord) {
        SearchResult result = search.search(question);

        assertThat(result.answer()).map(Hit::topicId).hasValue(topic);
        assertThat(result.correction()).hasValueSatisfying(c -> assertThat(c).contains(correctedWord));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "how do I bake bread?",
            "who won the football match yesterday",
            "what is the capital of france",
            "recommend me a good horror movie",
            "hi how are you",
            "what's the best java coffee bean",
            "how do I get better sleep",
    })
    void declinesQuestionsOutsideTheRoadmap(String question) {
        SearchResult result = search.search(question);

        assertThat(result.answered()).isFalse();
        assertThat(result.answer()).isEmpty();
    }

    @Test
    void doesNotBendEverydayWordsIntoRoadmapWords() {
        assertThat(search.search("how far is the moon").correction()).isEmpty();
    }

    @Test
    void returnsAtMostFiveResultsBestFirst() {
        SearchResult result = search.search("database sql query index table join");

        assertThat(result.hits()).hasSizeBetween(2, TopicSearch.MAX_RESULTS);
        for (int i = 1; i < result.hits().size(); i++) {
            assertThat(result.hits().get(i).score()).isLessThanOrEqualTo(result.hits().get(i - 1).score());
        }
    }

    @Test
    void copesWithQuestionsMadeOnlyOfPunctuationOrStopWords() {
        assertThat(search.search("?!?").hits()).isEmpty();
        assertThat(search.search("what is it").answered()).isFalse();
    }

    @Test
    void copesWithVeryLongQuestions() {
        SearchResult result = search.search("docker ".repeat(400) + "and kubernetes");

        assertThat(result.hits()).isNotEmpty();
        assertThat(result.answer()).map(Hit::topicId).hasValue("containers");
    }
}
