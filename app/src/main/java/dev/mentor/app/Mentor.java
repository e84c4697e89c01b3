package dev.mentor.app;

import dev.mentor.conversation.ConversationEngine;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.search.TopicSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that builds the mentor's parts and hands them to each other. */
final class Mentor {

    private static final Logger log = LoggerFactory.getLogger(Mentor.class);

    private final Roadmap roadmap;
    private final TopicSearch search;
    private final ConversationEngine conversation;

    Mentor() {
        long start = System.nanoTime();
        this.roadmap = new RoadmapLoader().loadBundled();
        long loaded = System.nanoTime();
        this.search = new TopicSearch(roadmap);
        long indexed = System.nanoTime();
        this.conversation = new ConversationEngine(roadmap, search);
        log.info("Roadmap of {} topics and {} weeks loaded in {} ms, search index built in {} ms",
                roadmap.topics().size(), roadmap.weeks().size(), (loaded - start) / 1_000_000,
                (indexed - loaded) / 1_000_000);
    }

    Roadmap roadmap() {
        return roadmap;
    }

    TopicSearch search() {
        return search;
    }

    ConversationEngine conversation() {
        return conversation;
    }
}
