package dev.mentor.conversation;

import dev.mentor.chat.Button;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Time zones as learners type them; the bundled tables checked against the JDK's zones. */
class TimeZonesTest {

    private final TimeZones zones = new TimeZones();

    private ZoneId found(String text) {
        TimeZones.Reading reading = zones.read(text);
        assertThat(reading).as(text).isInstanceOf(TimeZones.Found.class);
        return ((TimeZones.Found) reading).zone();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Europe/Berlin      | Europe/Berlin
            europe/berlin      | Europe/Berlin
            AMERICA/NEW_YORK   | America/New_York
            america/new york   | America/New_York
            Asia/Calcutta      | Asia/Kolkata
            US/Pacific         | America/Los_Angeles
            UTC                | UTC
            etc/utc            | UTC
            Berlin             | Europe/Berlin
            new york           | America/New_York
            Beijing            | Asia/Shanghai
            Shanghai           | Asia/Shanghai
            Mumbai             | Asia/Kolkata
            Bombay             | Asia/Kolkata
            Delhi              | Asia/Kolkata
            New Delhi          | Asia/Kolkata
            Bangalore          | Asia/Kolkata
            Bengaluru          | Asia/Kolkata
            San Francisco      | America/Los_Angeles
            Los Angeles        | America/Los_Angeles
            Seattle            | America/Los_Angeles
            São Paulo          | America/Sao_Paulo
            Sao Paulo          | America/Sao_Paulo
            sao_paulo          | America/Sao_Paulo
            Rio                | America/Sao_Paulo
            Rio de Janeiro     | America/Sao_Paulo
            Munich             | Europe/Berlin
            München            | Europe/Berlin
            Barcelona          | Europe/Madrid
            Toronto            | America/Toronto
            Montréal           | America/Toronto
            Sydney             | Australia/Sydney
            Lagos              | Africa/Lagos
            Nairobi            | Africa/Nairobi
            Cairo              | Africa/Cairo
            Istanbul           | Europe/Istanbul
            Dubai              | Asia/Dubai
            Singapore          | Asia/Singapore
            Seoul              | Asia/Seoul
            Tokyo              | Asia/Tokyo
            Jakarta            | Asia/Jakarta
            Manila             | Asia/Manila
            Mexico City        | America/Mexico_City
            Buenos Aires       | America/Argentina/Buenos_Aires
            Bogotá             | America/Bogota
            Bogota             | America/Bogota
            Zürich             | Europe/Zurich
            Kraków             | Europe/Warsaw
            Ho Chi Minh City   | Asia/Ho_Chi_Minh
            Saigon             | Asia/Ho_Chi_Minh
            Kyiv               | Europe/Kyiv
            Kiev               | Europe/Kyiv
            St. Petersburg     | Europe/Moscow
            Washington D.C.    | America/New_York
            Germany            | Europe/Berlin
            India              | Asia/Kolkata
            Japan              | Asia/Tokyo
            China              | Asia/Shanghai
            UK                 | Europe/London
            Turkey             | Europe/Istanbul
            """)
    void readsIdsCitiesAndCountriesInAnyCaseWithOrWithoutAccents(String typed, String zone) {
        assertThat(found(typed)).isEqualTo(ZoneId.of(zone));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UTC   | UTC
            GMT   | UTC
            CET   | Europe/Berlin
            CEST  | Europe/Berlin
            EET   | Europe/Athens
            WET   | Europe/Lisbon
            JST   | Asia/Tokyo
            KST   | Asia/Seoul
            AEDT  | Australia/Sydney
            PST   | America/Los_Angeles
            PDT   | America/Los_Angeles
            MDT   | America/Denver
            CDT   | America/Chicago
            EST   | America/New_York
            edt   | America/New_York
            HST   | Pacific/Honolulu
            AKST  | America/Anchorage
            MSK   | Europe/Moscow
            SGT   | Asia/Singapore
            HKT   | Asia/Hong_Kong
            NZST  | Pacific/Auckland
            """)
    void readsAbbreviationsAsTheirRegionsZone(String typed, String zone) {
        assertThat(found(typed)).isEqualTo(ZoneId.of(zone));
    }

    @Test
    void saysWhenAnAbbreviationStandsForARegionThatKeepsDaylightSaving() {
        TimeZones.Found pst = (TimeZones.Found) zones.read("PST");
        assertThat(pst.note()).contains("Pacific Time").contains("rather than a fixed offset").contains("daylight saving");
        TimeZones.Found jst = (TimeZones.Found) zones.read("JST");
        assertThat(jst.note()).contains("Japan Standard Time").doesNotContain("daylight saving");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            IST  | Asia/Kolkata, Asia/Jerusalem, Europe/Dublin
            CST  | America/Chicago, Asia/Shanghai
            BST  | Europe/London, Asia/Dhaka
            MST  | America/Denver, America/Phoenix
            AEST | Australia/Sydney, Australia/Brisbane
            """)
    void asksWhichZoneAnAmbiguousAbbreviationMeans(String typed, String choices) {
        TimeZones.Reading reading = zones.read(typed);

        assertThat(reading).isInstanceOf(TimeZones.Ask.class);
        assertThat(((TimeZones.Ask) reading).options()).extracting(option -> option.zone().getId())
                .containsExactly(choices.split(",\\s*"));
        assertThat(TimeZones.buttons(((TimeZones.Ask) reading).options(), "/timezone"))
                .flatExtracting(row -> row).extracting(Button::command).first().asString().startsWith("/timezone ");
    }

    @Test
    void asksWhichZoneOfACountryWithSeveralZones() {
        TimeZones.Ask brazil = (TimeZones.Ask) zones.read("Brazil");
        assertThat(brazil.options()).extracting(option -> option.zone().getId()).contains("America/Sao_Paulo",
                "America/Manaus");
        assertThat(brazil.options()).extracting(TimeZones.Option::what).contains("Brasilia Time");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UTC+2      | UTC+02:00
            utc+2      | UTC+02:00
            UTC +2     | UTC+02:00
            GMT+5:30   | UTC+05:30
            +03:00     | UTC+03:00
            -0800      | UTC-08:00
            UTC-3      | UTC-03:00
            UTC−3      | UTC-03:00
            GMT-12     | UTC-12:00
            UTC+14     | UTC+14:00
            UTC+0      | UTC
            """)
    void readsFixedOffsetsAndSaysTheyIgnoreDaylightSaving(String typed, String zone) {
        assertThat(found(typed)).isEqualTo(ZoneId.of(zone));
        if (!zone.equals("UTC")) {
            assertThat(((TimeZones.Found) zones.read(typed)).note()).contains("fixed offset");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC+25", "UTC+15", "GMT-13", "+3:5"})
    void refusesOffsetsNoPlaceUses(String typed) {
        TimeZones.Reading reading = zones.read(typed);

        assertThat(reading).isInstanceOf(TimeZones.Unknown.class);
        assertThat(((TimeZones.Unknown) reading).problem()).contains("UTC offsets go from").contains("UTC+2");
    }

    @Test
    void suggestsTheClosestZonesForANearMiss() {
        TimeZones.Unknown berlin = (TimeZones.Unknown) zones.read("Europe/Berln");
        assertThat(berlin.suggestions()).extracting(option -> option.zone().getId()).startsWith("Europe/Berlin");
        assertThat(berlin.problem()).contains("`Europe/Berlin`");

        TimeZones.Unknown beijing = (TimeZones.Unknown) zones.read("Bejing");
        assertThat(beijing.suggestions().getFirst()).isEqualTo(new TimeZones.Option("Beijing", ZoneId.of("Asia/Shanghai")));
        assertThat(beijing.suggestions().getFirst().label()).isEqualTo("Beijing (Asia/Shanghai)");

        assertThat(zones.read("Mars/Olympus_Mons")).isInstanceOf(TimeZones.Unknown.class);
        assertThat(zones.read("x".repeat(TimeZones.MAX_LENGTH + 1))).isInstanceOf(TimeZones.Unknown.class);
    }

    @Test
    void largeCitiesThatLookLikeOtherZonesResolveToTheirOwn() {
        assertThat(found("beijing")).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(found("mumbai")).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(found("san francisco")).isEqualTo(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void everyPlaceOfTheCityTableReadsAsTheZoneItNames() throws IOException {
        for (String[] line : lines("conversation/cities.tsv")) {
            TimeZones.Reading reading = zones.read(line[0]);
            if (line[1].matches("[A-Z]{2}")) {
                assertThat(reading).as(line[0]).isNotInstanceOf(TimeZones.Unknown.class);
            } else {
                // Same rules, same clock: the table may name a zone by an older id ("Asia/Calcutta").
                assertThat(found(line[0]).getRules()).as(line[0]).isEqualTo(ZoneId.of(line[1]).getRules());
            }
        }
    }

    @Test
    void everyAbbreviationOfTheTableReadsAsAZoneOrAQuestion() throws IOException {
        for (String[] line : lines("conversation/zone-abbreviations.tsv")) {
            assertThat(zones.read(line[0])).as(line[0]).isNotInstanceOf(TimeZones.Unknown.class);
        }
    }

    private static List<String[]> lines(String resource) throws IOException {
        try (InputStream in = TimeZonesTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .toList();
        }
    }
}
