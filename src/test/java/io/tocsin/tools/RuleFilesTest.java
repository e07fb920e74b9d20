package io.tocsin.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.app.Wiring;
import io.tocsin.config.TocsinConfig;
import org.junit.jupiter.api.BeforeEach;
import org.kie.api.runtime.KieRuntimeBuilder;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every rule test file under rules/tests runs as part of the suite, one JUnit test per test case. */
@QuarkusTest
class RuleFilesTest {

    static final Path TESTS = Path.of("rules", "tests");

    @Inject
    KieRuntimeBuilder runtime;
    @Inject
    TocsinConfig config;

    private RuleTests ruleTests;

    /** The rules as the application ships them (compiled at build time), with the configured settings. */
    @BeforeEach
    void shippedRules() {
        ruleTests = new RuleTests(Wiring.builtIn(runtime, config), Wiring.settings(config, java.util.Set.of()),
                Wiring.policy(config));
    }

    @TestFactory
    Stream<DynamicNode> ruleTestFiles() {
        List<Path> files = RuleTests.find(List.of(TESTS));
        assertFalse(files.isEmpty(), "no rule test files under " + TESTS);
        return files.stream().map(file -> DynamicContainer.dynamicContainer(file.toString(),
                ruleTests.run(file).cases().stream().map(result -> DynamicTest.dynamicTest(result.title(), () -> {
                    if (!result.passed()) {
                        throw new AssertionError(result.title() + "\n    " + String.join("\n    ", result.problems()));
                    }
                }))));
    }

    @Test
    void everyRuleOfEveryPackFiresInSomeRuleTest() {
        Set<String> fired = new HashSet<>();
        for (Path file : RuleTests.find(List.of(TESTS))) {
            fired.addAll(ruleTests.run(file).firedRules());
        }
        assertEquals(Set.of(), ruleTests.uncovered(fired), "rules that no file under rules/tests exercises");
    }

    @Test
    void theCommandPrintsOneLinePerTestAndATotal() {
        var buffer = new java.io.ByteArrayOutputStream();
        int failed = ruleTests.runAll(List.of(TESTS), new java.io.PrintStream(buffer, true));
        List<String> lines = new ArrayList<>(List.of(buffer.toString().split("\n")));
        String last = lines.get(lines.size() - 1);
        assertEquals(0, failed, buffer.toString());
        assertEquals(true, last.matches("\\d+ passed, 0 failed"), last);
        assertEquals(true, lines.stream().filter(l -> !l.equals(last)).allMatch(l -> l.startsWith("PASS ")), buffer.toString());
    }
}
