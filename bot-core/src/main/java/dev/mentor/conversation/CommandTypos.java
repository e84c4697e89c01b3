package dev.mentor.conversation;

import dev.mentor.chat.Counts;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.search.spell.LuceneLevenshteinDistance;

/** What a learner most likely meant by a command the mentor does not have ("/progres", "/week2"). */
final class CommandTypos {

    private static final Pattern GLUED_NUMBER = Pattern.compile("([a-z]+)(\\d{1,3})");
    /** Below this similarity a command is not offered: "/pizza" gets the help, not "/start". */
    private static final float MIN_SIMILARITY = 0.7f;
    /** Counts a swap of two letters ("/strat") as one edit. */
    private static final LuceneLevenshteinDistance DISTANCE = new LuceneLevenshteinDistance();

    private CommandTypos() {
    }

    /** The full command line to offer ("/week 2", "/progress"), if one is close enough. */
    static Optional<String> closest(String name, String argument) {
        Matcher glued = GLUED_NUMBER.matcher(name);
        if (glued.matches() && Commands.find(glued.group(1)).isPresent()) {
            return Optional.of("/" + Commands.find(glued.group(1)).get().name() + " " + glued.group(2));
        }
        record Scored(String name, float similarity) {
        }
        return Commands.ALL.stream()
                .filter(CommandSpec::listed)
                .flatMap(spec -> Stream.concat(Stream.of(spec.name()), spec.aliases().stream())
                        .map(candidate -> new Scored(Commands.find(candidate).orElseThrow().name(),
                                DISTANCE.getDistance(name, candidate))))
                .filter(scored -> scored.similarity() >= MIN_SIMILARITY)
                .max(Comparator.comparingDouble(Scored::similarity))
                .map(scored -> "/" + scored.name() + (argument.isEmpty() ? "" : " " + argument));
    }
}
