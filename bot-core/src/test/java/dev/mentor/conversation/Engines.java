package dev.mentor.conversation;

import dev.mentor.charts.ChartRenderer;
import dev.mentor.communities.Communities;
import dev.mentor.communities.CommunityListener;
import dev.mentor.communities.FaqEntries;
import dev.mentor.communities.QuestionLog;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.learners.LearnerData;
import dev.mentor.learners.LearnerListener;
import dev.mentor.learners.Learners;
import dev.mentor.search.FaqIndex;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import java.time.Clock;
import java.time.ZoneId;

/** Builds the whole conversation engine on a database, as the app does, for tests. */
public final class Engines {

    private Engines() {
    }

    public static ConversationEngine on(Database database, Roadmap roadmap, TopicSearch search,
            LearnerListener learnerListener, CommunityListener communityListener, Clock clock, ZoneId zone) {
        FaqIndex faqIndex = new FaqIndex();
        QuestionLog questions = new QuestionLog(database);
        Answers answers = new Answers(roadmap, search, faqIndex, questions, clock);
        Learners learners = new Learners(database);
        ChartRenderer charts = new ChartRenderer();
        CommunityCommands communities = new CommunityCommands(roadmap, new Communities(database),
                new FaqEntries(database, faqIndex), questions, answers, learners, charts, communityListener, clock, zone);
        return new ConversationEngine(roadmap, search, answers, new LearnerCommands(roadmap, learners,
                new LearnerData(database), charts, learnerListener, clock, zone), communities, clock);
    }
}
