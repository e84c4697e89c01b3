package dev.mentor.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.console.ConsoleRenderer;
import dev.mentor.conversation.Answers;
import dev.mentor.conversation.QuestionRules;
import dev.mentor.search.Hit;
import dev.mentor.search.PassageHit;
import dev.mentor.search.Semantic;
import dev.mentor.search.SearchResult;
import dev.mentor.search.TopicSearch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mentor ask}: one question for a person, or many as JSON lines for scripts. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Answers a question about the backend roadmap.",
                "With --json and no question, reads questions one a line from standard input and "
                        + "prints one JSON object a line, in order."})
final class AskCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;
    /** Questions answered together in batch mode: enough to keep every core busy. */
    private static final int BATCH_SIZE = 512;

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "QUESTION", arity = "0..*", description = "The question (quotes optional).")
    List<String> words = List.of();

    @Option(names = "--json", description = "Print JSON lines: question, answered, results (topic, title, score).")
    boolean json;

    @Option(names = "--no-color", description = "Plain text even on a terminal.")
    boolean noColor;

    @Option(names = "--explain", description = "Show why: ranked topics with scores, and how each word of "
            + "the question is known (for content authors).")
    boolean explain;

    @Option(names = "--community", paramLabel = "ID",
            description = "Answer as inside this community, with its FAQ entries: PLATFORM:ID (discord:1234, "
                    + "telegram:-1001234) or an ID of the console. Reads the database (MENTOR_DB_URL); logs nothing.")
    String community;

    private final ObjectMapper mapper = new ObjectMapper();
    /** With --community: the community's FAQ, answered from beside the roadmap. */
    private CommunityScope scope;

    /** The community questions are answered in, and answers that know its FAQ entries. */
    private record CommunityScope(String platform, String communityId, Answers answers) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (words.isEmpty() && !json) {
            return usageError("Ask a question, for example: mentor ask \"what is docker\" "
                    + "(or use --json to read questions from standard input).");
        }
        Mentor mentor = new Mentor(words.isEmpty() ? Mentor.BATCH_THREADS : Mentor.CONVERSATION_THREADS);
        if (community != null) {
            return withCommunity(mentor, out);
        }
        return answer(mentor, out);
    }

    private int withCommunity(Mentor mentor, PrintWriter out) throws IOException {
        String id = community.strip();
        int colon = id.indexOf(':');
        String platform = colon > 0 ? id.substring(0, colon) : ChatCommand.PLATFORM;
        String communityId = colon > 0 ? id.substring(colon + 1) : id;
        if (communityId.isEmpty() || communityId.length() > 128 || !platform.matches("[a-z]{1,32}")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--community needs PLATFORM:ID or an ID, such as discord:1234 or telegram:-1001234");
        }
        try (Mentor.FaqAnswers faqAnswers = mentor.openFaqAnswers(parent.settings(), Clock.systemUTC())) {
            scope = new CommunityScope(platform, communityId, faqAnswers.answers());
            return answer(mentor, out);
        }
    }

    private int answer(Mentor mentor, PrintWriter out) throws IOException {
        if (words.isEmpty()) {
            answerEachLine(mentor, out);
            return 0;
        }
        String question = String.join(" ", words).strip();
        Optional<String> problem = QuestionRules.problemWith(question);
        if (problem.isPresent()) {
            return usageError(problem.get());
        }
        if (json) {
            out.println(jsonLine(mentor, question));
        } else if (explain) {
            explain(mentor, question, out);
        } else {
            var reply = scope == null ? mentor.answers().answer(question)
                    : scope.answers().answer(scope.platform(), scope.communityId(), question);
            out.println(new ConsoleRenderer(ConsoleRenderer.useColour(noColor)).render(reply));
        }
        return 0;
    }

    private static void explain(Mentor mentor, String question, PrintWriter out) {
        SearchResult result = mentor.search().search(question);
        TopicSearch.Coverage coverage = result.coverage();
        out.printf("question: %s%n", question);
        result.correction().ifPresent(corrected -> out.printf("read as:  %s%n", corrected));
        out.printf("answered: %s (covered %.2f, needs %.2f and a roadmap word)%n", result.answered(),
                coverage.covered(), TopicSearch.MIN_COVERAGE);
        coverage.words().forEach(word -> out.printf("  %-20s %-9s %.2f%n", word.word(), word.known(), word.specificity()));
        result.hits().forEach(hit -> out.printf("  %7.3f  %s%n", hit.score(), hit.topicId()));
        Semantic semantic = result.semantic();
        out.printf("model:    %s%n", semantic.action().name().toLowerCase(java.util.Locale.ROOT));
        semantic.topics().forEach(topic -> out.printf("  cosine %.3f  %s%n", topic.cosine(), topic.topicId()));
        result.passage().ifPresent(hit -> out.printf("passage:  %s / %s (words %.2f, cosine %s)%n  %s%n",
                hit.passage().topicId(), hit.passage().question() != null ? hit.passage().question()
                        : hit.passage().section(), hit.lexical(),
                Double.isNaN(hit.cosine()) ? "not asked" : "%.3f".formatted(hit.cosine()), hit.passage().text()));
    }

    /**
     * Batch mode: every non-blank line is a question; a bad one gets an error object and no
     * results. Lines that have already arrived are answered together on every core, and printed
     * in input order as soon as they are done, so a script that waits for each answer gets it.
     */
    private void answerEachLine(Mentor mentor, PrintWriter out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8));
        List<String> batch = new ArrayList<>(BATCH_SIZE);
        boolean open = true;
        while (open) {
            batch.clear();
            do {
                String line = reader.readLine();
                if (line == null) {
                    open = false;
                } else if (!line.isBlank()) {
                    batch.add(line.strip());
                }
            } while (open && batch.size() < BATCH_SIZE && (batch.isEmpty() || reader.ready()));
            String[] answers = new String[batch.size()];
            IntStream.range(0, batch.size()).parallel().forEach(i -> answers[i] = answerLine(mentor, batch.get(i)));
            for (String answer : answers) {
                out.println(answer);
            }
            out.flush();
        }
    }

    private String answerLine(Mentor mentor, String question) {
        Optional<String> problem = QuestionRules.problemWith(question);
        return problem.isPresent()
                ? write(new AnswerLine(question, false, List.of(), null, problem.get(), null, null, null, null))
                : jsonLine(mentor, question);
    }

    private String jsonLine(Mentor mentor, String question) {
        SearchResult result = mentor.search().search(question);
        List<ResultLine> results = result.hits().stream().map(ResultLine::of).toList();
        Why why = null;
        if (explain) {
            TopicSearch.Coverage coverage = result.coverage();
            why = new Why(round(coverage.covered()), coverage.words(),
                    SemanticLine.of(result));
        }
        FaqLine faq = scope == null ? null : scope.answers()
                .winningFaqEntry(scope.platform(), scope.communityId(), question, result)
                .map(match -> new FaqLine(match.entry().id(), match.entry().question(), match.entry().answer()))
                .orElse(null);
        String answer = faq != null ? faq.answer()
                : PLAIN.renderText(mentor.answers().roadmapAnswer(result).text());
        PassageLine passage = faq != null ? null : result.passage().map(PassageLine::of).orElse(null);
        return write(new AnswerLine(result.question(), result.answered() || faq != null, results,
                result.correction().orElse(null), null, why, faq, answer, passage));
    }

    private static final ConsoleRenderer PLAIN = new ConsoleRenderer(false);

    /** Scores and shares in JSON carry three decimals. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private String write(AnswerLine line) {
        try {
            return mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private int usageError(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(message);
        err.println("Usage: mentor ask [--json] [--no-color] [QUESTION...]   (mentor ask --help for more)");
        return BAD_INPUT;
    }

    @JsonPropertyOrder({"question", "answered", "results", "did_you_mean", "error", "why", "faq", "answer",
            "passage"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AnswerLine(
            String question,
            boolean answered,
            List<ResultLine> results,
            @JsonProperty("did_you_mean") String didYouMean,
            String error,
            Why why,
            FaqLine faq,
            String answer,
            PassageLine passage) {
    }

    /** The passage the answer leads with. */
    @JsonPropertyOrder({"topic", "section", "question", "text"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PassageLine(String topic, String section, String question, String text) {
        static PassageLine of(PassageHit hit) {
            var passage = hit.passage();
            return new PassageLine(passage.topicId(), passage.section(), passage.question(), passage.text());
        }
    }

    /** With --explain: what the sentence model did, and the passages' cosines when it was asked. */
    @JsonPropertyOrder({"action", "topics", "passage_lexical", "passage_cosine"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SemanticLine(String action, List<TopicCosineLine> topics,
                        @JsonProperty("passage_lexical") Double passageLexical,
                        @JsonProperty("passage_cosine") Double passageCosine) {
        static SemanticLine of(SearchResult result) {
            Double lexical = result.passage().map(hit -> round(hit.lexical())).orElse(null);
            Double cosine = result.passage().filter(hit -> !Double.isNaN(hit.cosine()))
                    .map(hit -> round(hit.cosine())).orElse(null);
            List<TopicCosineLine> topics = result.semantic().topics().stream()
                    .map(topic -> new TopicCosineLine(topic.topicId(), round(topic.cosine()))).toList();
            return new SemanticLine(result.semantic().action().name().toLowerCase(java.util.Locale.ROOT),
                    topics, lexical, cosine);
        }
    }

    /** With --community: the community's FAQ entry that answers the question instead of the roadmap. */
    record FaqLine(String id, String question, String answer) {
    }

    /** A topic close in meaning to the question: its best passage's cosine. */
    @JsonPropertyOrder({"topic", "cosine"})
    record TopicCosineLine(String topic, double cosine) {
    }

    /** With --explain: the confidence decision's input, and the sentence model's part. */
    record Why(double covered, List<TopicSearch.WordWeight> words, SemanticLine semantic) {
    }

    @JsonPropertyOrder({"topic", "title", "score"})
    record ResultLine(String topic, String title, double score) {
        static ResultLine of(Hit hit) {
            return new ResultLine(hit.topicId(), hit.title(), round(hit.score()));
        }
    }
}
