package dev.mentor.conversation;

import java.util.List;

/**
 * One command as the mentor declares it: what every platform's menus, the help and the
 * dispatcher read, so they cannot drift apart.
 *
 * @param name        the command without '/', lower case
 * @param aliases     other names it answers to
 * @param arguments   what follows the name, as shown in usage ("DAY HH:MM"), or "" for none
 * @param example     a full example of its use ("/remind mon 09:00")
 * @param description one line for menus (at most 100 characters, Discord's limit)
 * @param scope       who it is for
 * @param place       where it makes sense
 * @param listed      shown in help and menus (buttons' own commands such as /vote are not)
 */
public record CommandSpec(String name, List<String> aliases, String arguments, String example, String description,
                          Scope scope, Place place, boolean listed) {

    public CommandSpec {
        aliases = List.copyOf(aliases);
        if (description.length() > 100) {
            throw new IllegalArgumentException("/" + name + ": a menu description holds at most 100 characters");
        }
    }

    /** Who a command is for. */
    public enum Scope {
        /** Anyone: the roadmap's content and questions. */
        EVERYONE,
        /** A learner's own journey: its answers concern the sender alone. */
        LEARNER,
        /** A community's admins only. */
        ADMIN
    }

    /** Where a command makes sense. */
    public enum Place {
        ANYWHERE,
        /** Only inside a community (a server or group), never in a private chat. */
        COMMUNITY
    }

    /** "/remind DAY HH:MM", or "/help". */
    public String usage() {
        return "/" + name + (arguments.isEmpty() ? "" : " " + arguments);
    }

    /** Its answers concern the sender alone (Discord shows them to the sender only). */
    public boolean personal() {
        return scope != Scope.EVERYONE;
    }
}
