package dev.mentor.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.conversation.CommandSpec;
import dev.mentor.conversation.Commands;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SlashCommandsTest {

    private static SlashCommands commands;

    @BeforeAll
    static void load() {
        Roadmap roadmap = new RoadmapLoader().loadBundled();
        commands = new SlashCommands(roadmap);
    }

    private static String text(String name, List<String> subcommands, String... nameValue) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            values.put(nameValue[i], nameValue[i + 1]);
        }
        return commands.text(new SlashCommands.Invocation(name, subcommands, values));
    }

    @Test
    void everyListedCommandOfTheRegistryIsASlashCommandWithItsDescriptionAndNoOther() {
        List<CommandSpec> listed = Commands.ALL.stream().filter(CommandSpec::listed).toList();

        assertThat(commands.requests()).extracting(request -> request.name())
                .containsExactlyInAnyOrderElementsOf(listed.stream().map(CommandSpec::name).toList());
        commands.requests().forEach(request -> assertThat(request.description().toOptional())
                .hasValue(Commands.find(request.name()).orElseThrow().description()));
        assertThat(SlashCommands.ADMIN).containsExactlyInAnyOrderElementsOf(
                Commands.listed(CommandSpec.Scope.ADMIN).stream().map(CommandSpec::name).toList());
    }

    @Test
    void theWelcomeNamesEveryListedCommand() {
        String welcome = Welcome.reply().text();

        Commands.ALL.stream().filter(CommandSpec::listed)
                .forEach(spec -> assertThat(welcome).contains("/" + spec.name()));
    }

    @Test
    void translatesLearnerCommandsToTheCoresText() {
        assertThat(text("ask", List.of(), "question", "what is docker")).isEqualTo("/ask what is docker");
        assertThat(text("week", List.of())).isEqualTo("/week");
        assertThat(text("week", List.of(), "number", "3")).isEqualTo("/week 3");
        assertThat(text("done", List.of(), "goal", "2")).isEqualTo("/done 2");
        assertThat(text("remind", List.of(), "when", "monday 09:00")).isEqualTo("/remind monday 09:00");
        assertThat(text("timezone", List.of(), "zone", "Europe/Berlin")).isEqualTo("/timezone Europe/Berlin");
        assertThat(text("topic", List.of(), "topic", "git")).isEqualTo("/topic git");
        assertThat(text("goto", List.of(), "week", "4")).isEqualTo("/goto 4");
        assertThat(text("forget", List.of(), "confirm", "true")).isEqualTo("/forget confirm");
        assertThat(text("forget", List.of(), "confirm", "false")).isEqualTo("/forget");
    }

    @Test
    void translatesAdminCommandsToTheCoresText() {
        assertThat(text("digest", List.of("on"))).isEqualTo("/digest on");
        assertThat(text("digest", List.of("schedule"), "day", "FRIDAY", "time", "17:30")).isEqualTo("/digest FRIDAY 17:30");
        assertThat(text("digest", List.of("zone"), "zone", "Asia/Tokyo")).isEqualTo("/digest zone Asia/Tokyo");
        assertThat(text("mentions", List.of("off"))).isEqualTo("/mentions off");
        assertThat(text("faq", List.of("add"), "question", "Where?", "answer", "Here")).isEqualTo("/faq add Where? | Here");
        assertThat(text("faq", List.of("remove"), "id", "7")).isEqualTo("/faq remove 7");
        assertThat(text("unanswered", List.of())).isEqualTo("/unanswered");
    }

    @Test
    void knowsWhichCommandsArePersonalAndWhichAreForAdmins() {
        assertThat(SlashCommands.isPersonal("/week 2")).isTrue();
        assertThat(SlashCommands.isPersonal("/progress")).isTrue();
        assertThat(SlashCommands.isPersonal("/mydata")).isTrue();
        assertThat(SlashCommands.isAdmin("/stats")).isTrue();
        assertThat(SlashCommands.isPersonal("/ask what is git")).isFalse();
        assertThat(SlashCommands.isPersonal("/topic git")).isFalse();
        assertThat(SlashCommands.isAdmin("/digest on")).isTrue();
        assertThat(SlashCommands.isAdmin("/Mentions@mentor off")).isTrue();
        assertThat(SlashCommands.isAdmin("digest on")).isFalse();
    }

    @Test
    void everyCommandFitsDiscordsRules() {
        assertThat(commands.requests()).allSatisfy(request -> {
            assertThat(request.name()).matches("[a-z]{1,32}");
            assertThat(request.description().toOptional().orElse("")).hasSizeBetween(1, 100);
        });
        assertThat(commands.requests()).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void suggestsTopicsByTitleAtMostTwentyFive() {
        assertThat(commands.topicChoices("")).hasSize(Math.min(25, new RoadmapLoader().loadBundled().topics().size()));
        assertThat(commands.topicChoices("git").get(0).value().toString()).contains("git");
    }
}
