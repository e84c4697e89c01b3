package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The console chat driven through stdin, as a script would. */
class ChatCommandTest {

    @Test
    void answersCommandsAndQuestionsPipedInUntilQuit() {
        CommandLineRun run = CommandLineRun.run("""
                /help
                what is docker

                /week 3
                /dance
                how do I bake bread
                /quit
                what is git
                """, "chat");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("/roadmap")                 // help
                .contains("/topic containers")         // the answer's buttons as commands
                .contains("Week 3:")                   // the week
                .contains("I don't know the command /dance")
                .contains("I don't know that one")     // declined
                .doesNotContain("/topic git\n")         // nothing after /quit
                .doesNotContain("\u001b[");            // plain when piped
    }

    @Test
    void quitWithMoreWordsStillQuitsAndPlainWordsWork() {
        CommandLineRun run = CommandLineRun.run("hi\nhelp\n/progres\n/quit please\nwhat is git\n", "chat");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("I'm your backend mentor")
                .contains("Did you mean /progress?")
                .doesNotContain("I don't know that one")
                .doesNotContain("Git records every change");
    }

    @Test
    void endOfInputEndsTheChatCleanly() {
        CommandLineRun run = CommandLineRun.run("/roadmap\n", "chat");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Stage 6");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void badInputKeepsTheChatGoing() {
        CommandLineRun run = CommandLineRun.run("x".repeat(10_000) + "\n/week banana\n/topic\nwhat is git\n", "chat");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("10000 characters").contains("not a week number").contains("Usage: /topic ID")
                .contains("/topic git");
    }
}
