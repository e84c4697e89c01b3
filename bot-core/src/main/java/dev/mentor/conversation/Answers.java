package dev.mentor.conversation;

import dev.mentor.knowledge.Roadmap;
import dev.mentor.search.SearchResult;
import dev.mentor.search.TopicSearch;
import java.util.Optional;

/** Answers a free-text question from the roadmap, or declines it honestly. Needs no learner. */
public final class Answers {

    private final Roadmap roadmap;
    private final TopicSearch search;
    private final RoadmapReplies replies;

    public Answers(Roadmap roadmap, TopicSearch search) {
        this.roadmap = roadmap;
        this.search = search;
        this.replies = new RoadmapReplies(roadmap);
    }

    public Reply answer(String question) {
        Optional<String> problem = QuestionRules.problemWith(question);
        if (problem.isPresent()) {
            return Reply.of(Markup.escape(problem.get()));
        }
        SearchResult result = search.search(question);
        return result.answer()
                .map(hit -> replies.answer(roadmap.topic(hit.topicId()).orElseThrow(), result.correction()))
                .orElseGet(() -> replies.declined(result.correction()));
    }
}
