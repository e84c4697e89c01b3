package dev.mentor.communities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmallTalkTest {

    @Test
    void greetingsThanksOkLaughterAndEmojiAreSmallTalk() {
        for (String message : List.of("hi", "Hello!", "hey there", "heyyy", "Good morning :)", "hi everyone",
                "thanks", "Thanks!!", "thank you so much", "thx", "ty", "thanks bot", "@mentor thanks",
                "ok", "OK.", "okay", "okkk", "k", "got it", "cool", "nice!", "yes", "nope",
                "lol", "LOL", "lolll", "lmao", "haha", "hahahaha", "xD", "hmm",
                "👍", "🙏🙏", "😂", "?", "!!!", "bye")) {
            assertThat(SmallTalk.is(message)).as(message).isTrue();
        }
    }

    @Test
    void questionsAreNotSmallTalkEvenWhenTheyOpenWithAGreetingOrThanks() {
        for (String message : List.of("hi, how do I deploy to heroku?", "thanks, but what is CORS?",
                "ok so what is a join", "how do I bake sourdough bread", "what is docker", "why",
                "ok google", "lol why does my docker container exit", "hello world in java", "is nice a command")) {
            assertThat(SmallTalk.is(message)).as(message).isFalse();
        }
    }

    @Test
    void theDeclaredListsAreLowerCaseWordsOnly() {
        assertThat(SmallTalk.PHRASES).allSatisfy(phrase -> assertThat(phrase).matches("[a-z]+( [a-z]+)*"));
        assertThat(SmallTalk.ADDRESSEES).allSatisfy(word -> assertThat(word).matches("[a-z]+"));
    }
}
