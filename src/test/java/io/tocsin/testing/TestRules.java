package io.tocsin.testing;

import io.tocsin.engine.rules.RuleCompiler;
import java.nio.file.Path;

/**
 * The engine's own test pack ({@code src/test/rules/fixture}, a frozen copy of the Genesis pack), compiled once
 * per test run. Java tests use it so that editing {@code rules/} never breaks them: the shipped packs are tested
 * by their YAML rule tests only.
 */
public final class TestRules {

    /** Where the test packs are, relative to the project folder (Maven runs tests there). */
    public static final Path FOLDER = Path.of("src", "test", "rules");

    private static RuleCompiler.Compiled compiled;

    private TestRules() {
    }

    public static synchronized RuleCompiler.Compiled fixture() {
        if (compiled == null) {
            compiled = RuleCompiler.compile(FOLDER);
        }
        return compiled;
    }
}
