package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default time zone is read as learners write zones: an id, a city, an offset; the wrong ones are named. */
class SettingsTest {

    private static ZoneId zoneFrom(String text) {
        return Settings.from(Map.of(Settings.TIME_ZONE, text)).defaultTimeZone();
    }

    @Test
    void theDefaultTimeZoneTakesAnIdACityOrAnOffset() {
        assertThat(Settings.from(Map.of()).defaultTimeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(zoneFrom("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(zoneFrom("europe/berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(zoneFrom("Beijing")).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(zoneFrom("UTC +5:30").normalized()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    }

    @Test
    void anAmbiguousOrUnknownTimeZoneIsNamedWithItsChoicesOrNearMisses() {
        assertThatThrownBy(() -> zoneFrom("IST"))
                .hasMessageStartingWith("MENTOR_TIME_ZONE is 'IST': it could mean ")
                .hasMessageContaining("Asia/Kolkata").hasMessageContaining("Europe/Dublin")
                .hasMessageContaining("such as UTC or Europe/Berlin");
        assertThatThrownBy(() -> zoneFrom("Europe/Berlinn"))
                .hasMessageContaining("did you mean Europe/Berlin");
        assertThatThrownBy(() -> zoneFrom("Mars/Base"))
                .hasMessageContaining("MENTOR_TIME_ZONE is 'Mars/Base'").hasMessageNotContaining("Markup")
                .hasMessageNotContaining("**");
    }
}
