package dev.mentor.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionRulesTest {

    @Test
    void acceptsAnOrdinaryQuestion() {
        assertThat(QuestionRules.problemWith("what is docker?")).isEmpty();
        assertThat(QuestionRules.problemWith("line one\nline two\twith a tab")).isEmpty();
    }

    @Test
    void refusesEmptyAndBlankQuestions() {
        assertThat(QuestionRules.problemWith("")).hasValueSatisfying(p -> assertThat(p).contains("empty"));
        assertThat(QuestionRules.problemWith("   ")).hasValueSatisfying(p -> assertThat(p).contains("empty"));
    }

    @Test
    void refusesHugeQuestionsSayingTheLimit() {
        assertThat(QuestionRules.problemWith("a".repeat(10_000)))
                .hasValueSatisfying(p -> assertThat(p).contains("10000 characters").contains("1000"));
        assertThat(QuestionRules.problemWith("a".repeat(QuestionRules.MAX_LENGTH))).isEmpty();
    }

    @Test
    void refusesControlCharactersSayingWhere() {
        assertThat(QuestionRules.problemWith("what\u001b[31m is git"))
                .hasValueSatisfying(p -> assertThat(p).contains("control character").contains("position 5"));
        assertThat(QuestionRules.problemWith("nul\u0000")).isPresent();
    }
}
