package dev.mentor.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.knowledge.Passage;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled roadmap with the real sentence model, asked as learners ask in chats: which topic,
 * which passage leads the answer, and what the model changed.
 */
class HybridSearchTest {

    private static Roadmap roadmap;
    private static TopicSearch search;

    @BeforeAll
    static void build() {
        roadmap = new RoadmapLoader().loadBundled();
        search = new TopicSearch(roadmap, SemanticSearch.bundled(roadmap, 2));
    }

    @Test
    void aDifferenceLeadsWithThePassageThatStatesIt() {
        SearchResult result = search.search("what's the difference between PUT and PATCH");

        Passage lead = result.passage().orElseThrow().passage();
        assertThat(lead.topicId()).isEqualTo("http-methods");
        assertThat(lead.text()).containsIgnoringCase("PUT replaces the whole resource")
                .containsIgnoringCase("PATCH changes only the fields");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "what is the n+1 problem with an orm             | orm          | N+1",
            "merge vs rebase, which one should i use         | git          | rebase",
            "401 vs 403 whats the difference                 | http         | 403",
            "Error: connect ECONNREFUSED 127.0.0.1:5432      | debugging    | not running",
            "'npm' is not recognized as an internal or external command | command-line | PATH",
    })
    void aNamedConceptOrErrorLeadsWithThePassageAboutIt(String question, String topic, String fact) {
        SearchResult result = search.search(question);

        assertThat(result.answer()).map(Hit::topicId).hasValue(topic);
        assertThat(result.passage().orElseThrow().passage().text()).containsIgnoringCase(fact);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "WTF is Docker                    | containers    | Docker packages your app",
            "what is a rest api               | rest          | resources",
            "ELI5: What is an API exactly?    | apis          | restaurant",
    })
    void aQuestionThatOnlyNamesATopicLeadsWithWhatItIs(String question, String topic, String fact) {
        SearchResult result = search.search(question);

        assertThat(result.answer()).map(Hit::topicId).hasValue(topic);
        assertThat(result.passage().orElseThrow().passage().text()).contains(fact);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "my app crashes sometimes and i cant reproduce it      | debugging",
            "How are 127.0.0.1, 0.0.0.0 and localhost different?   | web-servers",
            "Why is SHA-256 not good for passwords?                | web-security",
    })
    void theModelRescuesCasualWordingsTheWordsAloneWouldDecline(String question, String topic) {
        SearchResult result = search.search(question);

        assertThat(result.answered()).isTrue();
        assertThat(result.hits().getFirst().topicId()).isEqualTo(topic);
        assertThat(result.semantic().action()).isEqualTo(Semantic.Action.RESCUED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "center a container vertically",
            "how do i center a div inside a flex container",
            "react form validation with useState",
            "how do i get better sleep",
            "what's the best java coffee bean for espresso",
    })
    void nearDomainOffTopicQuestionsStayDeclined(String question) {
        SearchResult result = search.search(question);

        assertThat(result.answered()).as(question).isFalse();
        assertThat(result.passage()).isEmpty();
    }

    @Test
    void homonymsDoNotDecideAlone() {
        assertThat(search.search("center a container vertically").answered()).isFalse();
        assertThat(search.search("how do i run my app in a container").answer()).map(Hit::topicId)
                .hasValue("containers");
    }

    @Test
    void chatFormattingAndQuotesAreReadThrough() {
        SearchResult plain = search.search("what's the difference between PUT and PATCH?");
        SearchResult formatted = search.search("> **what's** the _difference_ between `PUT` and __PATCH__?");

        assertThat(formatted.answer()).isEqualTo(plain.answer());
        assertThat(formatted.passage().orElseThrow().passage()).isEqualTo(plain.passage().orElseThrow().passage());
    }

    @Test
    void aPastedStackTraceWithAQuestionIsOneQuestion() {
        SearchResult result = search.search("""
                my express app keeps dying, why??
                node:events:496
                      throw er; // Unhandled 'error' event
                Error: listen EADDRINUSE: address already in use :::3000
                    at Server.setupListenHandle [as _listen2] (node:net:1908:16)
                """);

        assertThat(result.answer()).map(Hit::topicId).hasValue("nodejs");
        assertThat(result.passage().orElseThrow().passage().text()).contains("3000");
    }

    @Test
    void aLongPostIsReadForTheQuestionItAsks() {
        String post = "Hi everyone, I've been doing frontend with React for about two years at a small agency and "
                + "I really enjoy it, but lately my team lead keeps saying I should grow towards full stack. I tried a "
                + "couple of tutorials last weekend and got a little server running on my laptop, which was fun, "
                + "though I copied most of it. My partner thinks I'm overthinking this. Anyway, sorry for the long post. "
                + "Should I learn Node or Python first for the backend?";

        SearchResult result = search.search(post);

        assertThat(result.answer()).map(Hit::topicId).hasValue("programming-language");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "¿Cómo puedo conectar mi base de datos PostgreSQL con Node?  | relational-databases",
            "Как запустить docker контейнер?                              | containers",
            "Wie kann ich eine REST API mit Spring bauen?                 | rest",
    })
    void aQuestionInAnotherLanguageIsNotAnsweredButItsTechnicalWordIsKept(String question, String topic) {
        SearchResult result = search.search(question);

        assertThat(result.notEnglish()).isTrue();
        assertThat(result.answered()).isFalse();
        assertThat(result.hits()).isNotEmpty();
        assertThat(result.hits().getFirst().topicId()).isEqualTo(topic);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"what is docker", "how do i undo my last git commit", "what is the event loop",
            "docker compose up fails, why", "que es un api gateway"})
    void englishQuestionsWithForeignLookingWordsStayEnglish(String question) {
        assertThat(search.search(question).notEnglish()).as(question).isEqualTo(question.startsWith("que es un api"));
    }

    @Test
    void aQuestionTheWordsSettleNeverWakesTheModel() {
        SearchResult result = search.search("how do I write a dockerfile");

        assertThat(result.semantic().action()).isEqualTo(Semantic.Action.NOT_USED);
        assertThat(result.passage().orElseThrow().cosine()).isNaN();
    }

    @Test
    void lexicalSearchAloneStillAnswersAndChoosesPassages() {
        TopicSearch lexical = new TopicSearch(roadmap, null);

        SearchResult result = lexical.search("what's the difference between PUT and PATCH");

        assertThat(result.answer()).map(Hit::topicId).hasValue("http-methods");
        assertThat(result.passage().orElseThrow().passage().text()).containsIgnoringCase("PATCH changes only");
        assertThat(result.semantic().action()).isEqualTo(Semantic.Action.NOT_USED);
    }
}
