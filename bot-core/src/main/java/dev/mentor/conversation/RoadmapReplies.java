package dev.mentor.conversation;

import dev.mentor.chat.Counts;
import dev.mentor.chat.Reply;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
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
    private static final int MORE_SHOWN = 2;

    private final Roadmap roadmap;

    RoadmapReplies(Roadmap roadmap) {
        this.roadmap = roadmap;
    }

    /** The help, from the one list of commands. */
    Reply help() {
        StringBuilder text = new StringBuilder("I'm your backend mentor. I know a " + roadmap.weeks().size()
                + "-week roadmap from the basics to your first backend job, in "
                + Counts.of(roadmap.stages().size(), "stage") + ".\n\nAsk me anything about it in plain words, for example \"what is docker\" or "
                + "\"how do indexes speed up queries\". You can also just say \"what next?\" or \"stop reminders\".\n");
        appendCommands(text, "Your journey", CommandSpec.Scope.LEARNER);
        appendCommands(text, "The roadmap", CommandSpec.Scope.EVERYONE);
        appendCommands(text, "For community admins", CommandSpec.Scope.ADMIN);
        return new Reply(text.toString().strip(), List.of(List.of(new Button("Start", "/start"),
                new Button("Roadmap", "/roadmap"), new Button("Week 1", "/week 1"))));
    }

    private static void appendCommands(StringBuilder text, String heading, CommandSpec.Scope scope) {
        text.append("\n**").append(heading).append("**\n");
        for (CommandSpec spec : Commands.listed(scope)) {
            text.append("- ").append(Markup.code(spec.usage())).append(": ").append(Markup.escape(spec.description()))
                    .append('\n');
        }
    }

    Reply roadmap() {
        StringBuilder text = new StringBuilder("**The backend roadmap**: " + Counts.of(roadmap.weeks().size(), "week")
                + " in " + Counts.of(roadmap.stages().size(), "stage") + ".\n");
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

    /** A follow-up's reply, and the passage it ended with (where the next "more" goes on from). */
    record Continued(Reply reply, Passage last) {
    }

    /**
     * "Tell me more": the next two paragraphs of the topic's body after the one last shown; after
     * an answer to one of its questions, the body from its start.
     */
    Continued more(Passage shown) {
        Topic topic = roadmap.topic(shown.topicId()).orElseThrow();
        List<Passage> body = topic.passages().stream().filter(passage -> passage.question() == null).toList();
        int at = shown.question() == null ? body.indexOf(shown) : 0;
        List<Passage> next = new ArrayList<>();
        for (int i = 1; i < body.size() && next.size() < MORE_SHOWN; i++) {
            next.add(body.get((at + i) % body.size()));
        }
        return new Continued(continued(topic, next, "Tell me more", "tell me more"), next.getLast());
    }

    /** "Give me an example": the passage of the topic with code in it or an example, closest to the last one. */
    Continued example(Passage shown) {
        Topic topic = roadmap.topic(shown.topicId()).orElseThrow();
        List<Passage> passages = topic.passages();
        int at = passages.indexOf(shown);
        Passage best = null;
        for (int i = 1; i < passages.size() && best == null; i++) {
            Passage candidate = passages.get((at + i) % passages.size());
            if (candidate.markdown().contains("```") || candidate.markdown().contains("\n    ")) {
                best = candidate;
            }
        }
        for (int i = 1; i < passages.size() && best == null; i++) {
            Passage candidate = passages.get((at + i) % passages.size());
            String lower = candidate.text().toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("for example") || lower.contains("e.g.") || lower.contains("such as")) {
                best = candidate;
            }
        }
        if (best == null) {
            return new Continued(new Reply("I have no worked example for " + Markup.bold(topic.title())
                    + ". Its practice goals are the best way to see it in action: " + Markup.code("/topic " + topic.id())
                    + ".", List.of(List.of(new Button("Read " + topic.title(), "/topic " + topic.id())))), shown);
        }
        return new Continued(continued(topic, List.of(best), "Another example", "give me an example"), best);
    }

    private Reply continued(Topic topic, List<Passage> passages, String again, String againText) {
        Week week = roadmap.weekTeaching(topic.id());
        StringBuilder text = new StringBuilder();
        for (Passage passage : passages) {
            if (passage.question() != null) {
                text.append("**").append(Markup.escape(passage.question())).append("**\n");
            }
            text.append(passage.markdown().strip()).append("\n\n");
        }
        text.append("_From **").append(Markup.escape(topic.title())).append("**, ").append(taughtIn(week)).append("_");
        return new Reply(text.toString(), List.of(List.of(new Button(again, againText),
                new Button("Read " + topic.title(), "/topic " + topic.id()))));
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
