package dev.mentor.telegram;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a group message is meant for the mentor, and what it says without the
 * mention. In a private chat everything is. In a group the mentor answers only when addressed,
 * so it never floods a study group:
 * <ul>
 *   <li>{@code /cmd@mentorbot}: any command with the bot's name;</li>
 *   <li>a bare {@code /cmd} that is one of the mentor's commands (as Telegram clients do: a
 *       command another bot owns, or a typo, is left alone);</li>
 *   <li>a mention {@code @mentorbot} anywhere in the text, which is then removed;</li>
 *   <li>a reply to one of the mentor's own messages.</li>
 * </ul>
 */
final class Addressing {

    private static final Pattern COMMAND = Pattern.compile("^/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{1,64}))?(?=\\s|$)");

    private final String botUsername;
    private final Pattern mention;
    private final Set<String> ourCommands;

    /**
     * @param botUsername the bot's username without '@' (Telegram compares them ignoring case)
     * @param ourCommands command names, lower case, without '/'
     */
    Addressing(String botUsername, Set<String> ourCommands) {
        this.botUsername = botUsername;
        this.mention = Pattern.compile("(?<![A-Za-z0-9_@])@" + Pattern.quote(botUsername) + "(?![A-Za-z0-9_])[,:;]?",
                Pattern.CASE_INSENSITIVE);
        this.ourCommands = Set.copyOf(ourCommands);
    }

    /**
     * The text to hand to the core, or empty when the message is not for the mentor.
     *
     * @param repliesToBot whether the message replies to one of the mentor's messages
     */
    Optional<String> textFor(String text, boolean isPrivate, boolean repliesToBot) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        Matcher command = COMMAND.matcher(trimmed);
        if (command.find()) {
            String name = command.group(1).toLowerCase(Locale.ROOT);
            String addressee = command.group(2);
            String rest = trimmed.substring(command.end());
            String withoutName = "/" + name + rest;
            if (addressee != null) {
                // A command for another bot in the same chat is never ours, even in private.
                return addressee.equalsIgnoreCase(botUsername) ? Optional.of(withoutName) : Optional.empty();
            }
            return isPrivate || repliesToBot || ourCommands.contains(name) ? Optional.of(withoutName) : Optional.empty();
        }
        Matcher mentioned = mention.matcher(trimmed);
        if (mentioned.find()) {
            String stripped = mentioned.replaceAll(" ").replaceAll("[ \\t]{2,}", " ").strip();
            return stripped.isEmpty() ? Optional.of("/help") : Optional.of(stripped);
        }
        return isPrivate || repliesToBot ? Optional.of(trimmed) : Optional.empty();
    }

    /** The command's name when the text is a command, lower case without '/'. */
    static Optional<String> commandName(String text) {
        Matcher command = COMMAND.matcher(text.strip());
        return command.find() ? Optional.of(command.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
