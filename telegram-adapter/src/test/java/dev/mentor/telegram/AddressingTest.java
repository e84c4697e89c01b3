package dev.mentor.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressingTest {

    private final Addressing addressing = new Addressing("MentorBot", Set.of("ask", "week", "digest"));

    @Test
    void everythingInAPrivateChatIsForTheMentor() {
        assertThat(addressing.textFor("what is docker", true, false)).contains("what is docker");
        assertThat(addressing.textFor("/frobnicate", true, false)).contains("/frobnicate");
        assertThat(addressing.textFor("/week@MentorBot 3", true, false)).contains("/week 3");
    }

    @Test
    void answersOnlyWhenAddressedInGroups() {
        assertThat(addressing.textFor("what is docker", false, false)).isEmpty();
        assertThat(addressing.textFor("/ask@mentorbot what is git", false, false)).contains("/ask what is git");
        assertThat(addressing.textFor("/anything@MentorBot", false, false)).contains("/anything");
        assertThat(addressing.textFor("/ask@OtherBot what is git", false, false)).isEmpty();
        assertThat(addressing.textFor("/week", false, false)).contains("/week");
        assertThat(addressing.textFor("/frobnicate", false, false)).isEmpty();
        assertThat(addressing.textFor("thanks, and docker?", false, true)).contains("thanks, and docker?");
    }

    @Test
    void aMentionIsRemovedFromTheText() {
        assertThat(addressing.textFor("@mentorbot what is docker?", false, false)).contains("what is docker?");
        assertThat(addressing.textFor("hey @MentorBot, what is docker", false, false)).contains("hey what is docker");
        assertThat(addressing.textFor("what is docker @MENTORBOT", false, false)).contains("what is docker");
        assertThat(addressing.textFor("@MentorBot", false, false)).contains("/help");
    }

    @Test
    void aLongerNameOrAnEmailIsNotAMention() {
        assertThat(addressing.textFor("ask @MentorBotFan about it", false, false)).isEmpty();
        assertThat(addressing.textFor("write to x@MentorBot.dev", false, false)).isEmpty();
    }

    @Test
    void commandNameIgnoresTheBotNameAndCase() {
        assertThat(Addressing.commandName("/Digest@MentorBot on")).contains("digest");
        assertThat(Addressing.commandName("digest on")).isEmpty();
    }
}
