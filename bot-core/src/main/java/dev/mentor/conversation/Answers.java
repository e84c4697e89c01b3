package dev.mentor.conversation;

import dev.mentor.chat.Reply;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import dev.mentor.communities.QuestionLog;
import dev.mentor.knowledge.Passage;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.search.FaqEntry;
import dev.mentor.search.FaqIndex;
import dev.mentor.search.FaqMatch;
import dev.mentor.search.PassageHit;
import dev.mentor.search.SearchResult;
import dev.mentor.search.Semantic;
import dev.mentor.search.TopicSearch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers a free-text question from the roadmap and, inside a community, from that community's
 * own FAQ entries; or declines it honestly. Community questions are logged (without who asked)
 * and their answers carry helpful / not helpful buttons.
 */
public final class Answers implements MeterBinder {

    /** An FAQ entry matching this closely beats a roadmap topic: the community wrote it for this question. */
    static final double FAQ_OVER_TOPIC = 0.8;

    private final Roadmap roadmap;
    private final TopicSearch search;
    private final RoadmapReplies replies;
    private final FaqIndex faq;
    private final QuestionLog log;
    private final Clock clock;
    /** Counted from construction; in the app's registry once bound (see {@link #bindTo}). */
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final Counter fromRoadmap = questions("answered");
    private final Counter fromFaq = questions("faq");
    private final Counter declined = questions("declined");
    private final Counter refused = questions("refused");
    private final Counter rescued = Counter.builder("mentor.questions.rescued")
            .description("Questions the lexical search declined and the sentence model answered")
            .register(meters);
    private final Timer latency = Timer.builder("mentor.answer.latency")
            .description("Time to find the answer to a question (search, model, FAQ entries)")
            .publishPercentileHistogram()
            .register(meters);

    /** Roadmap answers only: no database, nothing logged. */
    public Answers(Roadmap roadmap, TopicSearch search) {
        this(roadmap, search, null, null, Clock.systemUTC());
    }

    public Answers(Roadmap roadmap, TopicSearch search, FaqIndex faq, QuestionLog log, Clock clock) {
        this.roadmap = roadmap;
        this.search = search;
        this.replies = new RoadmapReplies(roadmap);
        this.faq = faq;
        this.log = log;
        this.clock = clock;
    }

    public Reply answer(String question) {
        return answer(null, null, question);
    }

    /** What answers the question asked on a platform, in a community (null in a private chat). */
    public Reply answer(String platform, String communityId, String question) {
        return answered(platform, communityId, question).reply();
    }

    /**
     * An answer and, when the roadmap gave it, the passage it led with (what a follow-up such as
     * "tell me more" continues from).
     */
    record Answered(Reply reply, Optional<Passage> passage) {
    }

    private Counter questions(String outcome) {
        return Counter.builder("mentor.questions")
                .description("Free-text questions, by what answered them")
                .tag("outcome", outcome)
                .register(meters);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters.add(registry);
    }

    Answered answered(String platform, String communityId, String question) {
        Optional<String> problem = QuestionRules.problemWith(question);
        if (problem.isPresent()) {
            refused.increment();
            return new Answered(Reply.of(Markup.escape(problem.get())), Optional.empty());
        }
        long started = System.nanoTime();
        SearchResult result = search.search(question);
        Optional<FaqMatch> entry = winningFaqEntry(platform, communityId, question, result);
        latency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (entry.isPresent()) {
            fromFaq.increment();
        } else if (result.answer().isPresent()) {
            fromRoadmap.increment();
            if (result.semantic().action() == Semantic.Action.RESCUED) {
                rescued.increment();
            }
        } else {
            declined.increment();
        }
        Reply reply;
        String answerKey;
        if (entry.isPresent()) {
            reply = faqAnswer(entry.get());
            answerKey = faqKey(entry.get().entry());
        } else {
            reply = roadmapAnswer(result);
            answerKey = result.answer().map(hit -> "topic:" + hit.topicId()).orElse(null);
        }
        Optional<Passage> passage = entry.isPresent() ? Optional.empty()
                : result.answer().flatMap(hit -> result.passage()).map(PassageHit::passage);
        if (log == null || platform == null) {
            return new Answered(reply, passage);
        }
        String id = log.record(platform, communityId, question, faq.wordingKey(question), answerKey, clock.instant());
        if (answerKey == null) {
            return new Answered(reply, passage);
        }
        List<List<Button>> rows = new ArrayList<>(reply.buttons());
        rows.add(List.of(new Button("👍 Helpful", "/vote up " + id), new Button("👎 Not helpful", "/vote down " + id)));
        return new Answered(new Reply(reply.text(), rows), passage);
    }

    /** How an answer from an FAQ entry is logged and voted on. */
    static String faqKey(FaqEntry entry) {
        return "faq:" + entry.id();
    }

    /** The roadmap's answer to a question already searched: its best passage, or an honest decline. */
    public Reply roadmapAnswer(SearchResult result) {
        if (result.notEnglish()) {
            boolean named = result.coverage().hasRoadmapWord() && !result.hits().isEmpty();
            return replies.englishOnly(named ? roadmap.topic(result.hits().getFirst().topicId()) : Optional.empty());
        }
        if (result.answer().isPresent() && result.passage().isPresent()) {
            String topicId = result.answer().get().topicId();
            return replies.answer(roadmap.topic(topicId).orElseThrow(), result.passage().get().passage(),
                    result.correction());
        }
        return replies.declined(result.correction());
    }

    /**
     * The community's FAQ entry that answers the question instead of the roadmap: one that matches
     * when the roadmap has no answer, or one that matches very closely even when it has.
     */
    public Optional<FaqMatch> winningFaqEntry(String platform, String communityId, String question,
            SearchResult roadmapResult) {
        return winningFaqEntry(platform, communityId, question, () -> roadmapResult);
    }

    /** The community's FAQ entry that would answer the question if it were asked now (see above). */
    public Optional<FaqMatch> winningFaqEntry(String platform, String communityId, String question) {
        return winningFaqEntry(platform, communityId, question, () -> search.search(question));
    }

    /** The roadmap is asked only for a looser match: a very close one wins whatever the roadmap says. */
    private Optional<FaqMatch> winningFaqEntry(String platform, String communityId, String question,
            Supplier<SearchResult> roadmapResult) {
        if (faq == null) {
            return Optional.empty();
        }
        return faq.best(platform, communityId, question)
                .filter(match -> match.share() >= FAQ_OVER_TOPIC || roadmapResult.get().answer().isEmpty());
    }

    private static Reply faqAnswer(FaqMatch match) {
        return Reply.of("**" + Markup.escape(match.entry().question()) + "**\n_From this community's FAQ_\n\n"
                + Markup.escape(match.entry().answer()));
    }
}
