package dev.mentor.telegram;

import dev.mentor.conversation.CommandSpec;
import dev.mentor.conversation.Commands;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The commands the mentor publishes in Telegram's menus, from the core's one list of commands. */
final class MenuCommands {

    record Entry(String name, String description) {
    }

    /** What every learner sees in the menu, in order. */
    static final List<Entry> LEARNER = Commands.ALL.stream()
            .filter(spec -> spec.listed() && spec.scope() != CommandSpec.Scope.ADMIN)
            .map(spec -> new Entry(spec.name(), spec.description()))
            .toList();

    /** Shown to group admins in addition; the core checks the sender's rights again. */
    static final List<Entry> ADMIN = Commands.listed(CommandSpec.Scope.ADMIN).stream()
            .map(spec -> new Entry(spec.name(), spec.description()))
            .toList();

    /**
     * Commands whose handling needs to know whether the sender administers the group; only for
     * these does the adapter ask Telegram for the sender's status.
     */
    static final Set<String> NEEDING_ADMIN_STATUS = Commands.ALL.stream()
            .filter(spec -> spec.scope() == CommandSpec.Scope.ADMIN)
            .map(CommandSpec::name)
            .collect(Collectors.toUnmodifiableSet());

    /** Every command the mentor answers, so a bare {@code /cmd} in a group counts as addressed. */
    static final Set<String> ALL = Commands.ALL.stream()
            .flatMap(spec -> Stream.concat(Stream.of(spec.name()), spec.aliases().stream()))
            .collect(Collectors.toUnmodifiableSet());

    private MenuCommands() {
    }
}
