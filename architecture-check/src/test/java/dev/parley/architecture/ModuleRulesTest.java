package dev.parley.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module map of docs/architecture.md, as rules on the compiled main classes of every module: who may
 * use whom, and no cycles between packages. A rule that fails names the class and the dependency that
 * breaks it.
 */
class ModuleRulesTest {

    private static JavaClasses parley;

    @BeforeAll
    static void importParley() {
        parley = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.parley");
    }

    /** The rules below are only as good as what they see: every module's main classes, and no test class. */
    @Test
    void theRulesSeeEveryModuleAndNoTests() {
        assertThat(parley.stream().map(JavaClass::getName)).contains(
                "dev.parley.kernel.Command", "dev.parley.platform.redis.RedisKeys", "dev.parley.transport.CommandSender",
                "dev.parley.readmodel.conversation.ConversationReads", "dev.parley.command.intake.CommandDecider",
                "dev.parley.projections.ProjectionsApplication", "dev.parley.query.QuerySideApplication",
                "dev.parley.push.frames.ClientFrames", "dev.parley.admin.ParleyAdmin",
                "dev.parley.web.WebClientAutoConfiguration");
        assertThat(parley.stream().map(JavaClass::getName)).noneMatch(name -> name.endsWith("IT") || name.endsWith("Test"));
    }

    /**
     * The services sit on top and use no other service; the read models and the command transport are
     * used by the services that need them; the platform (wiring) by all of them; the kernel by everyone.
     */
    @Test
    void eachModuleUsesOnlyTheModulesBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("kernel").definedBy("dev.parley.kernel..")
                .layer("platform").definedBy("dev.parley.platform..")
                .layer("command-transport").definedBy("dev.parley.transport..")
                .layer("read-models").definedBy("dev.parley.readmodel..")
                .layer("command-side").definedBy("dev.parley.command..")
                .layer("projections").definedBy("dev.parley.projections..")
                .layer("query-side").definedBy("dev.parley.query..")
                .layer("websocket-push").definedBy("dev.parley.push..")
                .layer("admin-cli").definedBy("dev.parley.admin..")
                .layer("web-client").definedBy("dev.parley.web..")
                .whereLayer("command-side").mayNotBeAccessedByAnyLayer()
                .whereLayer("projections").mayNotBeAccessedByAnyLayer()
                .whereLayer("query-side").mayNotBeAccessedByAnyLayer()
                .whereLayer("websocket-push").mayNotBeAccessedByAnyLayer()
                .whereLayer("admin-cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("web-client").mayNotBeAccessedByAnyLayer()
                .whereLayer("read-models").mayOnlyBeAccessedByLayers("projections", "query-side", "websocket-push")
                .whereLayer("command-transport").mayOnlyBeAccessedByLayers("command-side", "query-side", "websocket-push")
                .whereLayer("platform").mayOnlyBeAccessedByLayers("command-transport", "read-models", "command-side",
                        "projections", "query-side", "websocket-push", "web-client")
                .check(parley);
    }

    /** The shared vocabulary depends on nothing of Parley's and on no framework that decides or stores. */
    @Test
    void theKernelIsOnlyVocabulary() {
        noClasses().that().resideInAPackage("dev.parley.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.platform..", "dev.parley.transport..",
                        "dev.parley.readmodel..", "dev.parley.command..", "dev.parley.projections..",
                        "dev.parley.query..", "dev.parley.push..", "org.axonframework..", "org.springframework..",
                        "org.apache.kafka..", "com.datastax..")
                .check(parley);
    }

    /** Only the command side decides: nothing else loads aggregates or handles commands with Axon. */
    @Test
    void onlyTheCommandSideHandlesCommands() {
        noClasses().that().resideOutsideOfPackage("dev.parley.command..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.commandhandling.CommandHandler")
                .check(parley);
    }

    @Test
    void theModulesDependOnOneAnotherWithoutCycles() {
        slices().matching("dev.parley.(*)..").should().beFreeOfCycles().check(parley);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel", "platform", "transport", "readmodel", "command", "projections", "query", "push",
            "admin", "infra"})
    void thePackagesOfEachModuleDependOnOneAnotherWithoutCycles(String module) {
        slices().matching("dev.parley." + module + ".(*)..").should().beFreeOfCycles()
                .allowEmptyShould(true).check(parley);
    }
}
