package dev.mentor.conversation;

import dev.mentor.knowledge.Passage;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.Stage;
import dev.mentor.knowledge.Topic;
import dev.mentor.knowledge.Week;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Composes the replies that show roadmap content: answers, topics, weeks, the plan, help. */
final class RoadmapReplies {

    private static final int RELATED_SHOWN = 3;
    private static final int QUESTIONS_SHOWN = 5;

    private final Roadmap roadmap;

    RoadmapReplies(Roadmap roadmap) {
        this.roadmap = roadmap;
    }

    Reply help() {
        String text = """
                I'm your backend mentor. I know a %d-week roadmap from the basics to your first \
                backend job, in %d stages.

                Ask me anything about it in plain words, for example "what is docker" or \
                "how do indexes speed up queries".

                - %s: enroll, then get a weekly reminder with your goals
                - %s: your week's goals; %s or %s to tick one; %s any week
                - %s: how far you've come; %s or %s to move on
                - %s, %s (or %s, %s), %s: your reminder
                - %s: the whole plan; %s: read a topic; %s: ask a question (or just type it)
                - %s: delete everything I store about you
                - For community admins: %s, %s, %s, %s
                """.formatted(roadmap.weeks().size(), roadmap.stages().size(),
                Markup.code("/start"), Markup.code("/week"), Markup.code("/done N"), Markup.code("/undo N"),
                Markup.code("/week N"), Markup.code("/progress"), Markup.code("/next"), Markup.code("/goto N"),
                Markup.code("/timezone ZONE"), Markup.code("/remind DAY TIME"), Markup.code("/remind off"),
                Markup.code("/remind pause N"), Markup.code("/snooze"), Markup.code("/roadmap"),
                Markup.code("/topic ID"), Markup.code("/ask QUESTION"), Markup.code("/forget"),
                Markup.code("/faq"), Markup.code("/unanswered"), Markup.code("/digest"), Markup.code("/mentions"));
        return new Reply(text.strip(), List.of(List.of(new Button("Start", "/start"),
                new Button("Roadmap", "/roadmap"), new Button("Week 1", "/week 1"))));
    }

    Reply roadmap() {
        StringBuilder text = new StringBuilder("**The backend roadmap**: " + roadmap.weeks().size()
                + " weeks in " + roadmap.stages().size() + " stages.\n");
        for (Stage stage : roadmap.stages()) {
            text.append("\n**Stage ").append(stage.number()).append(" · ").append(Markup.escape(stage.title()))
                    .append("** (weeks ").append(stage.firstWeek()).append("–").append(stage.lastWeek()).append(")\n");
            for (Week week : stage.weeks()) {
                text.append("- Week ").append(week.number()).append(": ").append(Markup.escape(week.title()))
                        .append(" — ").append(String.join(", ", week.topicIds().stream().map(Markup::code).toList()))
                        .append('\n');
            }
        }
        text.append("\nType ").append(Markup.code("/week N")).append(" for a week's goals or ")
                .append(Markup.code("/topic ID")).append(" to read a topic.");
        return new Reply(text.toString(), List.of(List.of(new Button("Start with week 1", "/week 1"))));
    }

    Reply week(Week week) {
        Stage stage = roadmap.stage(week.stage());
        StringBuilder text = new StringBuilder();
        text.append("**Week ").append(week.number()).append(": ").append(Markup.escape(week.title())).append("**\n")
                .append("Stage ").append(stage.number()).append(" · ").append(Markup.escape(stage.title()))
                .append("\n\nTopics:\n");
        for (String id : week.topicIds()) {
            Topic topic = roadmap.topic(id).orElseThrow();
            text.append("- ").append(Markup.escape(topic.title())).append(" (").append(Markup.code("/topic " + id))
                    .append(")\n");
        }
        text.append("\nGoals:\n");
        int n = 1;
        for (var goal : week.goals()) {
            text.append(n++).append(". ").append(Markup.escape(goal.text())).append('\n');
        }
        List<Button> topics = week.topicIds().stream()
                .map(id -> new Button(roadmap.topic(id).orElseThrow().title(), "/topic " + id)).toList();
        List<Button> navigation = new ArrayList<>();
        roadmap.week(week.number() - 1).ifPresent(w -> navigation.add(new Button("◀ Week " + w.number(), "/week " + w.number())));
        roadmap.week(week.number() + 1).ifPresent(w -> navigation.add(new Button("Week " + w.number() + " ▶", "/week " + w.number())));
        return new Reply(text.toString().strip(), List.of(topics, navigation));
    }

    Reply topic(Topic topic) {
        Week week = roadmap.weekTeaching(topic.id());
        StringBuilder text = new StringBuilder("**" + Markup.escape(topic.title()) + "**\n" + taughtIn(week) + "\n\n"
                + topic.markdown());
        if (!topic.questions().isEmpty()) {
            text.append("\n\n**Questions learners ask** (").append(topic.questions().size())
                    .append("; ask me any of them, in your own words):\n");
            topic.questions().stream().limit(QUESTIONS_SHOWN)
                    .forEach(entry -> text.append("- ").append(Markup.escape(entry.question())).append('\n'));
        }
        return new Reply(text.toString().strip(), List.of(relatedButtons(topic), List.of(weekButton(week))));
    }

    /**
     * An answer leads with the passage that answers the question, then says where it comes from,
     * then what to read next.
     */
    Reply answer(Topic topic, Passage passage, Optional<String> correction) {
        Week week = roadmap.weekTeaching(topic.id());
        StringBuilder text = new StringBuilder();
        correction.ifPresent(corrected -> text.append("_I read that as \"").append(Markup.escape(corrected))
                .append("\"._\n\n"));
        text.append(passage.markdown().strip()).append("\n\n");
        String source = passage.question() != null
                ? "From \"" + Markup.escape(passage.question()) + "\" in "
                : "From ";
        text.append("_").append(source).append("**").append(Markup.escape(topic.title())).append("**, ")
                .append(taughtIn(week)).append("_\n")
                .append("Read it all: ").append(Markup.code("/topic " + topic.id()));
        List<Topic> related = related(topic);
        if (!related.isEmpty()) {
            text.append("\nRead next: ").append(String.join(", ", related.stream()
                    .map(r -> Markup.escape(r.title()) + " (" + Markup.code("/topic " + r.id()) + ")").toList()));
        }
        List<Button> first = List.of(new Button("Read " + topic.title(), "/topic " + topic.id()), weekButton(week));
        return new Reply(text.toString(), List.of(first, relatedButtons(topic)));
    }

    /** A question in another language: say so kindly, in English, and point at the topic its technical words name. */
    Reply englishOnly(Optional<Topic> named) {
        StringBuilder text = new StringBuilder("Sorry, I only speak English for now, so I can't answer a question "
                + "written in another language. Could you ask it in English? Simple words are fine.");
        List<List<Button>> buttons = new ArrayList<>();
        named.ifPresent(topic -> {
            text.append("\n\nI did recognise a technical word: it sounds like ").append(Markup.bold(topic.title()))
                    .append(", which you can read with ").append(Markup.code("/topic " + topic.id())).append('.');
            buttons.add(List.of(new Button("Read " + topic.title(), "/topic " + topic.id())));
        });
        buttons.add(List.of(new Button("Roadmap", "/roadmap"), new Button("Help", "/help")));
        return new Reply(text.toString(), buttons);
    }

    Reply declined(Optional<String> correction) {
        StringBuilder text = new StringBuilder("I don't know that one: it's outside the backend roadmap I teach, "
                + "and I'd rather say so than guess.");
        correction.ifPresent(corrected -> text.append("\n\nDid you mean \"").append(Markup.escape(corrected))
                .append("\"?"));
        text.append("\n\nI can help with backend topics such as databases and SQL, APIs and HTTP, testing, "
                + "Docker and deployment, or security. Try ").append(Markup.code("what is a rest api"))
                .append(", or type ").append(Markup.code("/roadmap")).append(" to see everything I cover.");
        return new Reply(text.toString(), List.of(List.of(new Button("Roadmap", "/roadmap"),
                new Button("Help", "/help"))));
    }

    private String taughtIn(Week week) {
        Stage stage = roadmap.stage(week.stage());
        return "Week " + week.number() + " · Stage " + stage.number() + ": " + Markup.escape(stage.title());
    }

    private List<Topic> related(Topic topic) {
        return topic.related().stream().limit(RELATED_SHOWN)
                .map(id -> roadmap.topic(id).orElseThrow()).toList();
    }

    private List<Button> relatedButtons(Topic topic) {
        return related(topic).stream().map(r -> new Button(r.title(), "/topic " + r.id())).toList();
    }

    private static Button weekButton(Week week) {
        return new Button("Week " + week.number(), "/week " + week.number());
    }
}
