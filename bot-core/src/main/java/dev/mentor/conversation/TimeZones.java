package dev.mentor.conversation;

import dev.mentor.chat.ZoneNames;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import com.ibm.icu.text.TimeZoneFormat;
import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.TimeZone.SystemTimeZoneType;
import com.ibm.icu.util.ULocale;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.search.spell.LevenshteinDistance;

/**
 * Reads a time zone as learners type it: an IANA id in any case ("europe/berlin"), a city ("Beijing",
 * "São Paulo" or "Sao Paulo"), a country ("Germany"), an abbreviation ("PST", "CET") or a UTC offset
 * ("UTC+2", "GMT+5:30", "-0800"). What could mean several zones ("IST", "San Jose", "Brazil") is
 * asked back with the choices; a near miss gets suggestions.
 *
 * <p>City and country names come from CLDR through ICU4J (one exemplar city per zone, the countries
 * with one main zone); {@code conversation/cities.tsv} adds large cities that share another city's
 * zone, {@code conversation/zone-abbreviations.tsv} the abbreviations.
 */
public final class TimeZones {

    static final int MAX_LENGTH = 64;
    private static final int SUGGESTIONS = 3;
    private static final ZoneOffset WESTMOST = ZoneOffset.ofHours(-12);
    private static final ZoneOffset EASTMOST = ZoneOffset.ofHours(14);
    private static final Pattern OFFSET = Pattern.compile("(?:utc|gmt)?\\s*([+-])\\s*(\\d[\\d:]*)");
    /** Lenient "+H" takes "+2", "+05", "+5:30", "+05:30" and "+0530" alike. */
    private static final DateTimeFormatter OFFSET_FORMAT = new DateTimeFormatterBuilder()
            .parseLenient().appendOffset("+H", "Z").toFormatter(Locale.ROOT);
    private static final int BUTTONS_PER_ROW = 2;

    /** What the text named. */
    sealed interface Reading permits Found, Ask, Unknown {
    }

    /** One zone; {@code note} (markup, may be empty) says how it was read when that is worth saying. */
    record Found(ZoneId zone, String note) implements Reading {
    }

    /** The text could mean any of several zones; {@code question} (markup) asks which. */
    record Ask(String question, List<Option> options) implements Reading {
    }

    /** No zone: {@code problem} (markup) says so; {@code suggestions} are near misses, best first. */
    record Unknown(String problem, List<Option> suggestions) implements Reading {
    }

    /**
     * A zone offered to the learner.
     *
     * @param what what the zone is to the learner ("India Standard Time", "Beijing"), or empty for an id
     */
    record Option(String what, ZoneId zone) {

        /** The button's text: "India Standard Time (Asia/Kolkata)". */
        String label() {
            return what.isEmpty() ? ZoneNames.display(zone) : what + " (" + ZoneNames.display(zone) + ")";
        }

        String markup() {
            String id = Markup.code(ZoneNames.display(zone));
            return what.isEmpty() ? id : Markup.escape(what) + " (" + id + ")";
        }
    }

    private final LevenshteinDistance distance = new LevenshteinDistance();

    /**
     * The one zone {@code text} names, read as a learner's answer is (for settings, which cannot ask back).
     *
     * @throws IllegalArgumentException saying in plain words what it could mean, or which zones come close
     */
    public ZoneId single(String text) {
        return switch (read(text)) {
            case Found found -> found.zone();
            case Ask ask -> throw new IllegalArgumentException("it could mean " + ids(ask.options()));
            case Unknown unknown -> throw new IllegalArgumentException(unknown.suggestions().isEmpty()
                    ? "no time zone goes by that name" : "no time zone goes by that name; did you mean "
                            + ids(unknown.suggestions()) + "?");
        };
    }

    private static String ids(List<Option> options) {
        List<String> ids = options.stream().map(option -> option.zone().getId()).toList();
        return ids.size() == 1 ? ids.getFirst()
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.getLast();
    }

    Reading read(String text) {
        String typed = text.strip();
        if (typed.isEmpty() || typed.length() > MAX_LENGTH) {
            return new Unknown(typed.isEmpty() ? "Give a time zone." : "That's too long for a time zone.", List.of());
        }
        Matcher offset = OFFSET.matcher(typed.toLowerCase(Locale.ROOT).replace('−', '-'));
        if (offset.matches()) {
            return offset(typed, offset.group(1) + offset.group(2));
        }
        String key = key(typed);
        Index index = Index.INSTANCE;
        ZoneId byId = index.ids.get(key);
        if (byId != null) {
            return new Found(byId, "");
        }
        Abbreviation abbreviation = index.abbreviations.get(key);
        if (abbreviation != null) {
            return abbreviation.reading();
        }
        Place place = index.places.get(key);
        if (place != null) {
            return place.reading();
        }
        List<Option> suggestions = suggest(key);
        return new Unknown("I don't know the time zone " + Markup.bold(typed) + "."
                + (suggestions.isEmpty() ? "" : " Did you mean "
                        + String.join(" or ", suggestions.stream().map(Option::markup).toList()) + "?"),
                suggestions);
    }

    private static Reading offset(String typed, String offsetText) {
        Unknown unknown = new Unknown("I don't know the time zone " + Markup.bold(typed) + ": UTC offsets go from "
                + Markup.code("UTC-12") + " to " + Markup.code("UTC+14") + ", written like " + Markup.code("UTC+2")
                + ", " + Markup.code("UTC-3") + " or " + Markup.code("GMT+5:30") + ".", List.of());
        ZoneOffset offset;
        try {
            offset = OFFSET_FORMAT.parse(offsetText, ZoneOffset::from);
        } catch (DateTimeException e) {
            return unknown;
        }
        if (offset.getTotalSeconds() > EASTMOST.getTotalSeconds()
                || offset.getTotalSeconds() < WESTMOST.getTotalSeconds()) {
            return unknown;
        }
        if (offset.getTotalSeconds() == 0) {
            return new Found(ZoneId.of("UTC"), "");
        }
        ZoneId zone = ZoneId.ofOffset("UTC", offset);
        return new Found(zone, Markup.bold(ZoneNames.display(zone)) + " is a fixed offset: it doesn't follow daylight "
                + "saving. If your clocks change in summer, send your city instead (" + Markup.code("Berlin") + ", "
                + Markup.code("New York") + "...) and I'll follow them.");
    }

    /** The closest zones to what was typed, by id or by place name, best first, one each. */
    private List<Option> suggest(String key) {
        Index index = Index.INSTANCE;
        Map<ZoneId, Scored> best = new HashMap<>();
        Consumer<Scored> keep = scored -> best.merge(scored.option().zone(), scored,
                (a, b) -> a.similarity() >= b.similarity() ? a : b);
        index.ids.forEach((id, zone) -> keep.accept(new Scored(new Option("", zone), distance.getDistance(key, id))));
        index.places.forEach((name, place) -> {
            float similarity = distance.getDistance(key, name);
            place.options().forEach(option -> keep.accept(new Scored(new Option(place.name(), option.zone()), similarity)));
        });
        return best.values().stream()
                .filter(scored -> scored.similarity() >= 0.5f)
                .sorted(Comparator.comparingDouble(Scored::similarity).reversed()
                        .thenComparing(scored -> scored.option().zone().getId()))
                .limit(SUGGESTIONS)
                .map(Scored::option)
                .toList();
    }

    /** Buttons that send {@code command} with each option's zone, a few to a row. */
    static List<List<Button>> buttons(List<Option> options, String command) {
        List<List<Button>> rows = new ArrayList<>();
        for (int i = 0; i < options.size(); i += BUTTONS_PER_ROW) {
            rows.add(options.subList(i, Math.min(options.size(), i + BUTTONS_PER_ROW)).stream()
                    .map(option -> new Button(option.label(), command + " " + option.zone().getId()))
                    .toList());
        }
        return rows;
    }

    /** Text as it is looked up: no accents, any case, "_" and "-" as spaces, no dots or apostrophes. */
    static String key(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[_\\-]", " ")
                .replaceAll("['’.,()]", "")
                .replaceAll("\\s*/\\s*", "/")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private record Scored(Option option, float similarity) {
    }

    /** A name and the zones it may mean (one, mostly). */
    private record Place(String name, List<Option> options) {

        Reading reading() {
            if (options.size() == 1) {
                ZoneId zone = options.getFirst().zone();
                String city = zone.getId().substring(zone.getId().lastIndexOf('/') + 1);
                return new Found(zone, key(city).equals(key(name)) ? ""
                        : Markup.bold(name) + " is in the zone " + Markup.code(zone.getId()) + ".");
            }
            return new Ask(Markup.bold(name) + " could be in any of these time zones. Which one is yours? "
                    + "(A city near you works too.)", options);
        }
    }

    private record Abbreviation(String abbreviation, List<Option> meanings, String note) {

        Reading reading() {
            if (meanings.size() > 1) {
                return new Ask(Markup.bold(abbreviation) + " means different zones in different places. Which one "
                        + "is yours?", meanings);
            }
            Option meaning = meanings.getFirst();
            ZoneId zone = meaning.zone();
            if (!note.isEmpty()) {
                return new Found(zone, Markup.escape(note));
            }
            if (ZoneNames.display(zone).equals(abbreviation)) {
                return new Found(zone, "");
            }
            boolean daylightSaving = !zone.getRules().getTransitionRules().isEmpty();
            return new Found(zone, Markup.bold(abbreviation) + " is " + Markup.escape(meaning.what())
                    + (daylightSaving ? ", so I've set the region's zone rather than a fixed offset: it follows "
                            + "daylight saving, and your times keep their local hour all year." : "."));
        }
    }

    /**
     * Every name a learner may type for a zone, built once on first use (about half a second: ICU
     * loads its zone names) and shared, read-only.
     */
    private static final class Index {

        private static final Pattern CONTINENT = Pattern.compile(
                "(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+");
        /** After the constants the constructor uses. */
        static final Index INSTANCE = new Index();

        final Map<String, ZoneId> ids = new HashMap<>();
        final Map<String, Place> places;
        final Map<String, Abbreviation> abbreviations = new HashMap<>();
        private final Set<String> javaIds = ZoneId.getAvailableZoneIds();
        private final Map<String, LinkedHashMap<ZoneId, Option>> names = new LinkedHashMap<>();
        private final Map<String, String> displayNames = new HashMap<>();

        private Index() {
            TimeZoneNames cldr = TimeZoneNames.getInstance(ULocale.ENGLISH);
            for (String id : new TreeSet<>(javaIds)) {
                Optional<ZoneId> zone = preferred(id);
                boolean isUtc = zone.isPresent() && ZoneNames.display(zone.get()).equals("UTC");
                // Region ids, "UTC" and Etc/UTC; not the legacy SystemV/EST5 or Etc/GMT+5 (whose sign is reversed).
                if (zone.isEmpty() || id.startsWith("SystemV/") || !(id.contains("/") || id.equals("UTC"))
                        || (id.startsWith("Etc/") && !isUtc)) {
                    continue;
                }
                ids.put(key(id), zone.get());
            }
            Set<String> canonical = com.ibm.icu.util.TimeZone.getAvailableIDs(SystemTimeZoneType.CANONICAL_LOCATION,
                    null, null);
            for (String id : canonical) {
                String exemplar = cldr.getExemplarLocationName(id);
                if (exemplar != null) {
                    preferred(id).ifPresent(zone -> add(exemplar, new Option(exemplar, zone)));
                }
            }
            for (String id : new TreeSet<>(javaIds)) {
                if (CONTINENT.matcher(id).matches()) {
                    String city = id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
                    preferred(id).ifPresent(zone -> add(city, new Option(city, zone)));
                }
            }
            Map<String, List<Option>> countries = countries(canonical, cldr);
            countries.forEach((country, options) -> options.forEach(option -> add(country, option)));
            read("conversation/cities.tsv", fields -> {
                String name = fields[0];
                if (fields[1].matches("[A-Z]{2}")) {
                    List<Option> options = countries.get(regionName(fields[1]));
                    if (options == null) {
                        throw new IllegalStateException("cities.tsv: no zone for country " + fields[1]);
                    }
                    options.forEach(option -> add(name, option));
                } else {
                    add(name, new Option(name, zone(fields[1], "cities.tsv")));
                }
            });
            Map<String, Place> built = new HashMap<>();
            names.forEach((key, options) -> built.put(key, new Place(displayNames.get(key), List.copyOf(options.values()))));
            places = Collections.unmodifiableMap(built);
            read("conversation/zone-abbreviations.tsv", fields -> {
                List<Option> meanings = new ArrayList<>();
                for (String meaning : fields[1].split(";", -1)) {
                    String[] parts = meaning.strip().split("=", -1);
                    meanings.add(new Option(parts[0].strip(), zone(parts[1].strip(), "zone-abbreviations.tsv")));
                }
                abbreviations.put(key(fields[0]), new Abbreviation(fields[0], List.copyOf(meanings),
                        fields.length > 2 ? fields[2].strip() : ""));
            });
        }

        /**
         * Each country by its English name: its main zone when CLDR names one (a zone whose generic
         * location name is the country's, "Germany Time"), else one zone per metazone it spans ("Pacific
         * Time", "Eastern Time"...), west to east, which the learner is asked to choose from.
         */
        private Map<String, List<Option>> countries(Set<String> canonical, TimeZoneNames cldr) {
            TimeZoneFormat format = TimeZoneFormat.getInstance(ULocale.ENGLISH);
            // Metazones are assigned by date; today's assignment is the one that matters to a learner.
            long now = Instant.now().toEpochMilli();
            Map<String, List<String>> byRegion = new LinkedHashMap<>();
            for (String id : new TreeSet<>(canonical)) {
                String region = com.ibm.icu.util.TimeZone.getRegion(id);
                if (region.matches("[A-Z]{2}") && !region.equals("AQ")) {
                    byRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(id);
                }
            }
            Map<String, List<Option>> countries = new HashMap<>();
            byRegion.forEach((region, zoneIds) -> {
                String country = regionName(region);
                Optional<String> main = zoneIds.stream()
                        .filter(id -> format.format(TimeZoneFormat.Style.GENERIC_LOCATION,
                                com.ibm.icu.util.TimeZone.getTimeZone(id), now).startsWith(country))
                        .findFirst();
                LinkedHashMap<ZoneId, Option> options = new LinkedHashMap<>();
                if (main.isPresent()) {
                    preferred(main.get()).ifPresent(zone -> options.put(zone, new Option(country, zone)));
                } else {
                    for (String id : zoneIds) {
                        String metazone = cldr.getMetaZoneID(id, now);
                        String reference = metazone == null ? null : cldr.getReferenceZoneID(metazone, region);
                        if (reference == null || !region.equals(com.ibm.icu.util.TimeZone.getRegion(reference))) {
                            continue;
                        }
                        String name = Optional.ofNullable(cldr.getMetaZoneDisplayName(metazone,
                                        TimeZoneNames.NameType.LONG_GENERIC))
                                .or(() -> Optional.ofNullable(cldr.getMetaZoneDisplayName(metazone,
                                        TimeZoneNames.NameType.LONG_STANDARD)))
                                .orElse(country);
                        preferred(reference).ifPresent(zone -> options.putIfAbsent(zone, new Option(name, zone)));
                    }
                }
                if (!options.isEmpty()) {
                    List<Option> westToEast = new ArrayList<>(options.values());
                    westToEast.sort(Comparator.comparingInt(option -> option.zone().getRules()
                            .getStandardOffset(Instant.ofEpochMilli(now)).getTotalSeconds()));
                    countries.put(country, List.copyOf(westToEast));
                }
            });
            return countries;
        }

        private void add(String name, Option option) {
            String key = key(name);
            if (key.isEmpty()) {
                return;
            }
            displayNames.putIfAbsent(key, name);
            names.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(option.zone(), option);
        }

        /**
         * The zone as the JDK knows it, by its current IANA name where the JDK has that ("Asia/Calcutta"
         * becomes "Asia/Kolkata"); every spelling of UTC becomes "UTC".
         */
        private Optional<ZoneId> preferred(String id) {
            String iana = com.ibm.icu.util.TimeZone.getIanaID(id);
            for (String candidate : new String[] {iana, id}) {
                if (candidate != null && javaIds.contains(candidate)) {
                    ZoneId zone = ZoneId.of(candidate);
                    return Optional.of(zone.normalized().equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : zone);
                }
            }
            return Optional.empty();
        }

        private ZoneId zone(String id, String file) {
            return preferred(id).orElseThrow(() -> new IllegalStateException(file + ": unknown zone " + id));
        }

        private static String regionName(String region) {
            return new ULocale("und", region).getDisplayCountry(ULocale.ENGLISH);
        }

        /** Each line of a bundled tab-separated file that is not blank or a # comment. */
        private static void read(String resource, Consumer<String[]> line) {
            try (InputStream in = TimeZones.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing resource " + resource);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    if (!text.isBlank() && !text.startsWith("#")) {
                        line.accept(text.split("\t"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
    }
}
