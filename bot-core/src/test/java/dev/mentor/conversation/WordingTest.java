package dev.mentor.conversation;

import dev.mentor.chat.Counts;
import dev.mentor.chat.ZoneNames;
import dev.mentor.chat.ProgressBar;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The small pieces of wording every reply shares: counts, zone names, progress bars. */
class WordingTest {

    @Test
    void aCountTakesTheSingularOnlyForOne() {
        assertThat(Counts.of(1, "learner")).isEqualTo("1 learner");
        assertThat(Counts.of(2, "learner")).isEqualTo("2 learners");
        assertThat(Counts.of(0, "goal")).isEqualTo("0 goals");
        assertThat(Counts.of(1, "entry", "entries")).isEqualTo("1 entry");
        assertThat(Counts.of(3, "entry", "entries")).isEqualTo("3 entries");
    }

    @Test
    void everySpellingOfUtcIsShownAsUtc() {
        for (String id : new String[] {"Etc/UTC", "UTC", "GMT", "Z", "Etc/GMT", "UCT", "Etc/Universal", "Zulu"}) {
            assertThat(ZoneNames.display(ZoneId.of(id))).as(id).isEqualTo("UTC");
        }
        assertThat(ZoneNames.display(ZoneOffset.UTC)).isEqualTo("UTC");
    }

    @Test
    void otherZonesAreShownByTheirIanaIdAndOffsetsFromUtc() {
        assertThat(ZoneNames.display(ZoneId.of("Europe/Berlin"))).isEqualTo("Europe/Berlin");
        assertThat(ZoneNames.display(ZoneId.of("America/New_York"))).isEqualTo("America/New_York");
        assertThat(ZoneNames.display(ZoneId.of("Europe/London"))).isEqualTo("Europe/London");
        assertThat(ZoneNames.display(ZoneId.of("Africa/Abidjan"))).isEqualTo("Africa/Abidjan");
        assertThat(ZoneNames.display(ZoneOffset.ofHours(2))).isEqualTo("UTC+02:00");
    }

    @Test
    void aProgressBarShowsASliverForAnyProgressAndIsEmptyForNone() {
        assertThat(ProgressBar.of(0, 113)).isEqualTo("░░░░░░░░░░ 0%");
        assertThat(ProgressBar.of(1, 113)).isEqualTo("▓░░░░░░░░░ <1%");
        assertThat(ProgressBar.of(0, 0)).isEqualTo("░░░░░░░░░░ 0%");
    }

    @Test
    void aProgressBarIsFullOnlyWhenEverythingIsDone() {
        assertThat(ProgressBar.of(112, 113)).isEqualTo("▓▓▓▓▓▓▓▓▓░ 99%");
        assertThat(ProgressBar.of(113, 113)).isEqualTo("▓▓▓▓▓▓▓▓▓▓ 100%");
        assertThat(ProgressBar.of(3, 10)).isEqualTo("▓▓▓░░░░░░░ 30%");
        assertThat(ProgressBar.of(1, 2)).isEqualTo("▓▓▓▓▓░░░░░ 50%");
    }
}
