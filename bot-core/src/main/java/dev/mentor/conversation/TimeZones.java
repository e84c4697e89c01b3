package dev.mentor.conversation;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.search.spell.LevenshteinDistance;

/** Reads a time zone a learner typed: IANA ids in any case, a city name, or suggestions for a near miss. */
final class TimeZones {

    private static final int SUGGESTIONS = 3;

    private final List<String> ids;
    private final LevenshteinDistance distance = new LevenshteinDistance();

    TimeZones() {
        // Region ids only ("Europe/Berlin"), plus UTC; not the legacy aliases like "SystemV/EST5".
        this.ids = ZoneId.getAvailableZoneIds().stream()
                .filter(id -> id.equals("UTC") || (id.contains("/") && !id.startsWith("SystemV/") && !id.startsWith("Etc/")))
                .sorted()
                .toList();
    }

    /** The zone the text names exactly ("europe/berlin", "Berlin", "new york"), if one does. */
    Optional<ZoneId> parse(String text) {
        String wanted = normalise(text);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        if (wanted.equals("utc") || wanted.equals("gmt") || wanted.equals("etc/utc")) {
            return Optional.of(ZoneId.of("UTC"));
        }
        for (String id : ids) {
            if (normalise(id).equals(wanted)) {
                return Optional.of(ZoneId.of(id));
            }
        }
        List<String> byCity = ids.stream().filter(id -> normalise(city(id)).equals(wanted)).toList();
        return byCity.size() == 1 ? Optional.of(ZoneId.of(byCity.getFirst())) : Optional.empty();
    }

    /** The closest zone ids to what was typed, best first. */
    List<String> suggest(String text) {
        String wanted = normalise(text);
        return ids.stream()
                .map(id -> new Scored(id, Math.max(distance.getDistance(wanted, normalise(id)),
                        distance.getDistance(wanted, normalise(city(id))))))
                .filter(scored -> scored.similarity() >= 0.5f)
                .sorted(Comparator.comparingDouble(Scored::similarity).reversed().thenComparing(Scored::id))
                .limit(SUGGESTIONS)
                .map(Scored::id)
                .toList();
    }

    private static String city(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static String normalise(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private record Scored(String id, float similarity) {
    }
}
