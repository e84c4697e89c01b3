package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The `ask` contract: for people, and JSON lines for scripts and the quality scorer. */
class AskCommandTest {

    private final ObjectMapper json = new ObjectMapper();

    private List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    @Test
    void jsonBatchAnswersEveryLineInOrderWithNothingElseOnStdout() throws Exception {
        CommandLineRun run = CommandLineRun.run("what is docker\nhow do I bake bread\n\nwhat is a rest api\n", "ask", "--json");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> answers = lines(run.out().strip());
        assertThat(answers).extracting(a -> a.get("question").asText())
                .containsExactly("what is docker", "how do I bake bread", "what is a rest api");
        assertThat(answers.get(0).get("answered").asBoolean()).isTrue();
        assertThat(answers.get(0).get("results").get(0).get("topic").asText()).isEqualTo("containers");
        assertThat(answers.get(1).get("answered").asBoolean()).isFalse();
        assertThat(answers.get(2).get("results").get(0).get("topic").asText()).isEqualTo("rest");
        for (JsonNode answer : answers) {
            assertThat(answer.get("results").size()).isLessThanOrEqualTo(5);
            answer.get("results").forEach(result -> {
                assertThat(result.get("title").asText()).isNotBlank();
                assertThat(result.get("score").isNumber()).isTrue();
            });
        }
    }

    @Test
    void jsonBatchKeepsInputOrderAcrossManyLinesAnsweredInParallel() throws Exception {
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            questions.add(List.of("what is docker", "what is git number " + (i % 90), "how do I bake bread").get(i % 3));
        }
        CommandLineRun run = CommandLineRun.run(String.join("\n", questions) + "\n", "ask", "--json");

        List<JsonNode> answers = lines(run.out().strip());
        assertThat(answers).extracting(a -> a.get("question").asText()).containsExactlyElementsOf(questions);
        assertThat(answers).extracting(a -> a.get("answered").asBoolean())
                .containsExactlyElementsOf(questions.stream().map(q -> !q.contains("bread")).toList());
    }

    @Test
    void jsonFieldsComeInTheDocumentedOrder() throws Exception {
        CommandLineRun run = CommandLineRun.run("", "ask", "--json", "what is git");

        assertThat(run.out()).startsWith("{\"question\":\"what is git\",\"answered\":true,\"results\":[{\"topic\":\"git\",\"title\":");
        assertThat(run.out().strip().lines()).hasSize(1);
    }

    @Test
    void jsonBatchGivesABadLineAnErrorAndGoesOn() throws Exception {
        CommandLineRun run = CommandLineRun.run("x".repeat(10_000) + "\nwhat is \u0001git\nwhat is git\n", "ask", "--json");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> answers = lines(run.out().strip());
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).get("error").asText()).contains("10000 characters");
        assertThat(answers.get(0).get("answered").asBoolean()).isFalse();
        assertThat(answers.get(1).get("error").asText()).contains("control character");
        assertThat(answers.get(2).has("error")).isFalse();
    }

    @Test
    void jsonReportsASpellingCorrection() throws Exception {
        JsonNode answer = json.readTree(CommandLineRun.run("", "ask", "--json", "what is dokcer").out());

        assertThat(answer.get("did_you_mean").asText()).contains("docker");
    }

    @Test
    void explainShowsHowEachWordIsKnownAndTheDecision() throws Exception {
        String out = CommandLineRun.run("", "ask", "--explain", "docker pizza").out();
        JsonNode why = json.readTree(CommandLineRun.run("", "ask", "--json", "--explain", "docker pizza").out()).get("why");

        assertThat(out).contains("answered: ").containsPattern("docker\\s+STRONG").containsPattern("pizza\\s+UNKNOWN");
        assertThat(why.get("words")).extracting(word -> word.get("word").asText() + ":" + word.get("known").asText())
                .containsExactly("docker:STRONG", "pizza:UNKNOWN");
        assertThat(why.get("covered").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void jsonCarriesThePlainAnswerAndThePassageItLeadsWith() throws Exception {
        JsonNode answer = json.readTree(CommandLineRun.run("", "ask", "--json",
                "what's the difference between PUT and PATCH").out());

        JsonNode passage = answer.get("passage");
        assertThat(passage.get("topic").asText()).isEqualTo("http-methods");
        assertThat(passage.get("section").asText()).isEqualTo("Questions learners ask");
        assertThat(passage.get("text").asText()).contains("PATCH changes only the fields");
        assertThat(answer.get("answer").asText()).startsWith(passage.get("text").asText().substring(0, 40))
                .contains("HTTP methods").doesNotContain("**").doesNotContain("\\");
        assertThat(answer.get("results").get(0).get("topic").asText()).isEqualTo("http-methods");
    }

    @Test
    void jsonOfADeclinedQuestionHasTheDeclineAsAnswerAndNoPassage() throws Exception {
        JsonNode answer = json.readTree(CommandLineRun.run("", "ask", "--json", "how do I bake bread").out());

        assertThat(answer.get("answered").asBoolean()).isFalse();
        assertThat(answer.has("passage")).isFalse();
        assertThat(answer.get("answer").asText()).contains("I don't know that one");
    }

    @Test
    void explainShowsWhatTheSentenceModelDid() throws Exception {
        String out = CommandLineRun.run("", "ask", "--explain", "my app crashes sometimes and i cant reproduce it").out();
        JsonNode semantic = json.readTree(CommandLineRun.run("", "ask", "--json", "--explain",
                "my app crashes sometimes and i cant reproduce it").out()).get("why").get("semantic");

        assertThat(out).contains("model:    rescued").containsPattern("cosine 0\\.\\d+  debugging").contains("passage:");
        assertThat(semantic.get("action").asText()).isEqualTo("rescued");
        assertThat(semantic.get("topics").get(0).get("topic").asText()).isEqualTo("debugging");
        assertThat(semantic.get("passage_cosine").asDouble()).isBetween(0.3, 1.0);
    }

    @Test
    void answersAPersonInPlainTextWhenPiped() {
        CommandLineRun run = CommandLineRun.run("", "ask", "what", "is", "docker");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Week 20").contains("/topic containers").doesNotContain("\u001b[").doesNotContain("**");
    }

    @Test
    void badQuestionsExitNonZeroWithAMessageAndUsage() {
        for (String question : List.of("", "   ", "x".repeat(10_000), "what is \u001b git")) {
            CommandLineRun run = CommandLineRun.run("", "ask", question);

            assertThat(run.exitCode()).as(question.length() + " chars").isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("Usage: mentor ask");
        }
    }

    @Test
    void noQuestionWithoutJsonIsAUsageError() {
        CommandLineRun run = CommandLineRun.run("", "ask");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Ask a question").contains("Usage: mentor ask");
    }

    @Test
    void unknownOptionsAndCommandsAreUsageErrors() {
        CommandLineRun option = CommandLineRun.run("", "ask", "--jsn", "what is git");
        CommandLineRun command = CommandLineRun.run("", "teach");

        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("--jsn").contains("Usage: mentor ask");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("teach").contains("Usage: mentor");
    }

    @Test
    void versionAndHelpWork() {
        assertThat(CommandLineRun.run("", "--version").out()).startsWith("mentor ");
        assertThat(CommandLineRun.run("", "--help").out()).contains("chat").contains("ask");
    }
}
