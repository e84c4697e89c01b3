package dev.mentor.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.conversation.CommandSpec;
import dev.mentor.conversation.Commands;
import org.junit.jupiter.api.Test;

class MenuCommandsTest {

    @Test
    void theMenusAreTheRegistrysListedCommandsAndAdminsSeeEveryAdminCommand() {
        assertThat(MenuCommands.LEARNER).extracting(MenuCommands.Entry::name).containsExactlyElementsOf(
                Commands.ALL.stream().filter(spec -> spec.listed() && spec.scope() != CommandSpec.Scope.ADMIN)
                        .map(CommandSpec::name).toList());
        assertThat(MenuCommands.ADMIN).extracting(MenuCommands.Entry::name)
                .containsExactly("faq", "unanswered", "stats", "digest", "mentions");
        assertThat(MenuCommands.NEEDING_ADMIN_STATUS).containsExactlyInAnyOrder("faq", "unanswered", "stats", "digest",
                "mentions");
        assertThat(MenuCommands.LEARNER).extracting(MenuCommands.Entry::name).contains("mydata");
        assertThat(MenuCommands.ALL).contains("tz", "vote", "week");
    }

    @Test
    void menuDescriptionsFitTelegramsLimits() {
        MenuCommands.LEARNER.forEach(entry -> assertThat(entry.description()).hasSizeBetween(3, 256));
        MenuCommands.LEARNER.forEach(entry -> assertThat(entry.name()).matches("[a-z0-9_]{1,32}"));
    }
}
