package dev.mentor.conversation;

import dev.mentor.conversation.CommandSpec.Place;
import dev.mentor.conversation.CommandSpec.Scope;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every command the mentor understands, declared once. The dispatcher, {@code /help}, the
 * Telegram menus, Discord's slash commands, the welcome text and the README's tables all come
 * from this list (tests hold the README to it).
 */
public final class Commands {

    /** In menu order: what a newcomer needs first comes first. */
    public static final List<CommandSpec> ALL = List.of(
            learner("start", "", "/start", "Enroll in the roadmap and get a weekly reminder"),
            learner("week", "[N]", "/week 3", "Your week's goals with buttons to tick them, or any week"),
            learner("progress", "", "/progress", "How far you've come: goals per stage, weeks, streak"),
            learner("next", "", "/next", "Move on to the next week"),
            everyone("ask", "QUESTION", "/ask what is docker", "Ask a backend question (or just type it)"),
            everyone("topic", "ID", "/topic git", "Read a topic of the roadmap"),
            everyone("roadmap", "", "/roadmap", "The whole plan, stage by stage"),
            learner("done", "N", "/done 2", "Tick off goal N of your week"),
            learner("undo", "N", "/undo 2", "Take back goal N of your week"),
            learner("goto", "N", "/goto 5", "Jump to week N"),
            learner("remind", "DAY TIME | off | on | pause N", "/remind mon 9am",
                    "When your weekly reminder comes, or none, or none for N weeks"),
            learner("snooze", "", "/snooze", "On a reminder: remind me again tomorrow"),
            new CommandSpec("timezone", List.of("tz"), "ZONE", "/timezone Europe/Berlin",
                    "Your time zone: a zone, a city, an abbreviation or an offset", Scope.LEARNER, Place.ANYWHERE, true),
            everyone("help", "", "/help", "What the mentor can do"),
            learner("mydata", "", "/mydata", "Everything the mentor stores about you, as a JSON file"),
            learner("forget", "[confirm]", "/forget", "Delete everything the mentor stores about you"),
            admin("faq", "add QUESTION | ANSWER | list | remove ID", "/faq add when do we meet? | Thursdays at 18:00",
                    "This community's own questions and answers"),
            admin("unanswered", "", "/unanswered", "Questions of the last 30 days the mentor could not answer"),
            admin("stats", "", "/stats", "Charts of this community: learners per week, questions per day"),
            admin("digest", "on | off | DAY TIME | zone ZONE", "/digest mon 10:00",
                    "A weekly digest posted here: on, off, when, in which zone"),
            admin("mentions", "on | off", "/mentions off", "Whether the mentor answers plain mentions or commands only"),
            new CommandSpec("vote", List.of(), "up|down ID", "/vote up abc123", "An answer's helpful buttons",
                    Scope.EVERYONE, Place.ANYWHERE, false));

    private Commands() {
    }

    /** The command a name or alias stands for, in any case. */
    public static Optional<CommandSpec> find(String nameOrAlias) {
        String wanted = nameOrAlias.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(spec -> spec.name().equals(wanted) || spec.aliases().contains(wanted)).findFirst();
    }

    /** The commands shown in help and menus for this scope, in order. */
    public static List<CommandSpec> listed(Scope scope) {
        return ALL.stream().filter(spec -> spec.listed() && spec.scope() == scope).toList();
    }

    private static CommandSpec everyone(String name, String arguments, String example, String description) {
        return new CommandSpec(name, List.of(), arguments, example, description, Scope.EVERYONE, Place.ANYWHERE, true);
    }

    private static CommandSpec learner(String name, String arguments, String example, String description) {
        return new CommandSpec(name, List.of(), arguments, example, description, Scope.LEARNER, Place.ANYWHERE, true);
    }

    private static CommandSpec admin(String name, String arguments, String example, String description) {
        return new CommandSpec(name, List.of(), arguments, example, description, Scope.ADMIN, Place.COMMUNITY, true);
    }
}
