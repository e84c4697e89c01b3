package dev.mentor.app;

import dev.mentor.conversation.ConversationEngine;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.search.TopicSearch;

/** The one place that builds the mentor's parts and hands them to each other. */
final class Mentor {

    private final Roadmap roadmap;
    private final TopicSearch search;
    private final ConversationEngine conversation;

    Mentor() {
        this.roadmap = new RoadmapLoader().loadBundled();
        this.search = new TopicSearch(roadmap);
        this.conversation = new ConversationEngine(roadmap, search);
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
