package dev.mentor.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntentsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "hi                            | greeting   | ",
            "Hello there!                  | greeting   | ",
            "good morning                  | greeting   | ",
            "thanks!                       | thanks     | ",
            "thank you so much             | thanks     | ",
            "bye                           | goodbye    | ",
            "ok                            | ack        | ",
            "help                          | help       | /help",
            "What can you do?              | help       | /help",
            "what next?                    | week       | /week",
            "what should I do this week?   | week       | /week",
            "what's my goal                | week       | /week",
            "show my progress              | progress   | /progress",
            "how am i doing                | progress   | /progress",
            "I finished goal 2             | done       | /done 2",
            "i've done goal 3              | done       | /done 3",
            "stop reminders                | remind off | /remind off",
            "please turn off the reminders | remind off | /remind off",
            "remind me on fridays at 7pm   | remind at  | /remind fri 7pm",
            "Remind me every monday at 09:00 | remind at | /remind mon 09:00",
            "delete my data                | forget     | /forget",
            "forget everything about me    | forget     | /forget",
            "move on                       | next week  | /next",
            "sign me up                    | start      | /start",
    })
    void readsWhatAPhraseMeans(String text, String intent, String command) {
        Intents.Match match = Intents.read(text).orElseThrow();

        assertThat(match.intent().name()).isEqualTo(intent);
        assertThat(match.command()).isEqualTo(command);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "hi, what is docker?",
            "help me understand docker networking",
            "what is next.js",
            "how do i stop my node server",
            "what does delete my data do in gdpr terms for a backend",
            "thanks but how do indexes work",
            "my progress bar component in react",
            "remind me what rest means",
            "okay so how do joins work",
    })
    void leavesRealQuestionsToSearch(String text) {
        assertThat(Intents.read(text)).as(text).isEmpty();
    }
}
