package dev.mentor.app;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The feature packages of every module (chat, conversation, learners, reminders, communities, platforms,
 * the adapters, app...) depend on each other in one direction only: a cycle makes them one big package.
 */
class ArchitectureTest {

    /** The production classes of every module: neither test folders nor the adapters' test jars. */
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.mentor");

    @Test
    void featurePackagesHaveNoCycles() {
        ArchRule rule = slices().matching("dev.mentor.(*)..").should().beFreeOfCycles();

        rule.check(PRODUCTION);
    }

    @Test
    void theCoreKnowsNoPlatform() {
        ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideOutsideOfPackages("dev.mentor.telegram..", "dev.mentor.discord..", "dev.mentor.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mentor.telegram..", "dev.mentor.discord..",
                        "org.telegram..", "discord4j..");

        rule.check(PRODUCTION);
    }

    @Test
    void everyModuleIsImported() {
        // A rule over no classes passes whatever it says: the check is real only if every module is there.
        assertThat(PRODUCTION.containPackage("dev.mentor.chat")).isTrue();
        assertThat(PRODUCTION.containPackage("dev.mentor.telegram")).isTrue();
        assertThat(PRODUCTION.containPackage("dev.mentor.discord")).isTrue();
        assertThat(PRODUCTION.containPackage("dev.mentor.knowledge")).isTrue();
        assertThat(PRODUCTION.stream().noneMatch(c -> c.getSimpleName().endsWith("Test"))).isTrue();
    }
}
