package dev.mentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.conversation.CommandSpec;
import dev.mentor.conversation.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's command tables are made from the one list of commands: when a command changes,
 * this test fails and prints the tables to paste.
 */
class ReadmeCommandsTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void theLearnersTableIsTheRegistrysOwn() throws IOException {
        String table = table(Commands.ALL.stream().filter(spec -> spec.listed()
                && spec.scope() != CommandSpec.Scope.ADMIN).toList());

        assertThat(Files.readString(README)).as("README.md's learners' command table; paste:%n%s", table)
                .contains(table);
    }

    @Test
    void theAdminsTableIsTheRegistrysOwn() throws IOException {
        String table = table(Commands.listed(CommandSpec.Scope.ADMIN));

        assertThat(Files.readString(README)).as("README.md's admins' command table; paste:%n%s", table)
                .contains(table);
    }

    static String table(List<CommandSpec> commands) {
        StringBuilder table = new StringBuilder("| command | what it does | example |\n|---|---|---|\n");
        for (CommandSpec spec : commands) {
            table.append("| `").append(cell(spec.usage())).append('`');
            spec.aliases().forEach(alias -> table.append(", `/").append(alias).append('`'));
            table.append(" | ").append(cell(spec.description())).append(" | `").append(cell(spec.example()))
                    .append("` |\n");
        }
        return table.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    @Test
    void theSettingsTableNamesEverySettingOfTheCatalogAndNoOther() throws IOException {
        java.util.Set<String> documented = new java.util.TreeSet<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `(MENTOR_[A-Z_]+)` \\|")
                .matcher(Files.readString(README));
        while (row.find()) {
            documented.add(row.group(1));
        }
        java.util.Set<String> catalogued = new java.util.TreeSet<>();
        SettingsCatalog.ALL.forEach(setting -> catalogued.add(setting.name()));

        assertThat(documented).isEqualTo(catalogued);
    }

    @Test
    void helpListsEverySetting() {
        CommandLineRun help = CommandLineRun.run("", "--help");

        assertThat(help.exitCode()).isZero();
        SettingsCatalog.ALL.forEach(setting -> assertThat(help.out()).contains(setting.name()));
    }
}
