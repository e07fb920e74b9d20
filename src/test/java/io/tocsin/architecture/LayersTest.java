package io.tocsin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's arrows point one way: inputs ({@code ingest}, {@code api}) → {@code engine} ← adapters
 * ({@code dispatch}, {@code report}, {@code store}), wired in one place ({@code app}). The engine owns the
 * interfaces its adapters implement and knows none of them. The README's "Map of the code" says the same.
 */
class LayersTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tocsin");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.tocsin.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEngineKnowsNoInputNorAdapter() {
        noClasses().that().resideInAnyPackage("io.tocsin.engine..", "io.tocsin.watch..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tocsin.api..", "io.tocsin.ingest..",
                        "io.tocsin.http..", "io.tocsin.dispatch..", "io.tocsin.report..", "io.tocsin.store..",
                        "io.tocsin.app..", "io.tocsin.tools..", "io.tocsin.config..")
                .because("adapters depend on the engine's interfaces, never the other way round")
                .check(classes);
    }

    @Test
    void factsAreTheBottomLayer() {
        noClasses().that().resideInAPackage("io.tocsin.engine.fact..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tocsin.engine", "io.tocsin.engine.rules..",
                        "io.tocsin.engine.action..", "io.tocsin.engine.input..", "io.tocsin.engine.silence..",
                        "io.tocsin.watch..")
                .because("rules see facts; facts see nothing above them")
                .check(classes);
    }

    @Test
    void theWatchDoesNotReachIntoTheEngineCore() {
        noClasses().that().resideInAPackage("io.tocsin.watch..")
                .should().dependOnClassesThat().resideInAPackage("io.tocsin.engine")
                .because("the engine runs the watch; the watch sees facts, rules and its own ports")
                .check(classes);
    }

    @Test
    void actionsAreDataWithoutLiveFacts() {
        noClasses().that().resideInAPackage("io.tocsin.engine.action..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tocsin.engine", "io.tocsin.engine.fact..",
                        "org.kie..", "org.drools..")
                .because("an action must be writable to disk and carried by a broker")
                .check(classes);
    }

    @Test
    void inputsAndAdaptersDoNotDependOnEachOther() {
        noClasses().that().resideInAnyPackage("io.tocsin.ingest..", "io.tocsin.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tocsin.dispatch..", "io.tocsin.store..",
                        "io.tocsin.app..")
                .check(classes);
        noClasses().that().resideInAnyPackage("io.tocsin.dispatch..", "io.tocsin.report..", "io.tocsin.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tocsin.api..", "io.tocsin.ingest..",
                        "io.tocsin.app..")
                .check(classes);
    }
}
