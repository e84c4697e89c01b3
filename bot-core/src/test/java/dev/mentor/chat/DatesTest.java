package dev.mentor.chat;

import dev.mentor.chat.Markup;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DatesTest {

    private static final ZonedDateTime BERLIN = ZonedDateTime.of(2026, 12, 16, 9, 0, 0, 0, ZoneId.of("Europe/Berlin"));

    @Test
    void datesReadTheSameEverywhere() {
        assertThat(Dates.day(LocalDate.of(2026, 12, 16))).isEqualTo("Wed 16 Dec");
        assertThat(Dates.dayAndTime(BERLIN)).isEqualTo("Wed 16 Dec, 09:00");
        assertThat(Dates.dayAndTimeInZone(BERLIN)).isEqualTo("Wed 16 Dec, 09:00 (Europe" + Markup.escape("/") + "Berlin)");
        assertThat(Dates.weekly(DayOfWeek.MONDAY, LocalTime.of(7, 5), ZoneId.of("UTC"))).isEqualTo("every Monday at 07:05 (UTC)");
        assertThat(Dates.localNow(BERLIN.withHour(14).withMinute(5))).isEqualTo("It's 14:05 on Wed 16 Dec there");
    }

    @Test
    void utcHasOneShortNameHoweverItIsSpelled() {
        for (ZoneId utc : new ZoneId[] {ZoneId.of("UTC"), ZoneId.of("Etc/UTC"), ZoneId.of("GMT"), ZoneOffset.UTC,
                ZoneId.of("Etc/Universal")}) {
            assertThat(ZoneNames.display(utc)).as(utc.getId()).isEqualTo("UTC");
        }
        assertThat(ZoneNames.display(ZoneId.ofOffset("UTC", ZoneOffset.ofHoursMinutes(5, 30)))).isEqualTo("UTC+05:30");
        assertThat(ZoneNames.display(ZoneOffset.ofHours(-8))).isEqualTo("UTC-08:00");
        assertThat(ZoneNames.display(ZoneId.of("America/New_York"))).isEqualTo("America/New_York");
    }
}
