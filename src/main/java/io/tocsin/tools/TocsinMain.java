package io.tocsin.tools;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.tocsin.app.Wiring;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.rules.RuleCompiler;
import io.tocsin.engine.rules.RuleSet;
import jakarta.inject.Inject;
import java.util.Set;
import org.kie.api.runtime.KieRuntimeBuilder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Tocsin's entry point. Without arguments it serves (HTTP API and engine) until stopped. {@code test-rules
 * [files or folders]} runs rule test files (default {@code rules/tests}); {@code check [rules folder]} validates
 * the rules and the configuration. The tools exit with 0 when all is well, 1 otherwise.
 */
@QuarkusMain
public class TocsinMain implements QuarkusApplication {

    @Inject
    KieRuntimeBuilder runtime;
    @Inject
    TocsinConfig config;
    @Inject
    RuleChecker checker;

    @Override
    public int run(String... args) {
        if (args.length == 0 || args[0].equals("serve")) {
            Quarkus.waitForExit();
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "test-rules" -> {
                List<Path> roots = rest.isEmpty() ? List.of(Path.of("rules", "tests")) : rest.stream().map(Path::of).toList();
                RuleSet rules;
                try {
                    rules = Wiring.rules(runtime, config);
                } catch (RuleCompiler.CompileException e) {
                    String folder = config.rulesDir().orElse("rules");
                    e.problems().forEach(p -> System.out.println(Path.of(folder, p)));
                    System.out.println("0 passed, 1 failed (the rules do not compile)");
                    return 1;
                }
                RuleTests tests = new RuleTests(rules, Wiring.settings(config, Set.of()), Wiring.policy(config));
                return tests.runAll(roots, System.out) == 0 ? 0 : 1;
            }
            case "check" -> {
                Path rules = rest.isEmpty() ? Path.of("rules") : Path.of(rest.get(0));
                RuleChecker.Report report = checker.report(rules);
                report.problems().forEach(System.out::println);
                report.warnings().forEach(System.out::println);
                String warned = report.warnings().isEmpty() ? "" : " (" + report.warnings().size() + " warning(s))";
                System.out.println(report.problems().isEmpty() ? "check: rules and configuration are valid" + warned
                        : "check: " + report.problems().size() + " problem(s)" + warned);
                return report.problems().isEmpty() ? 0 : 1;
            }
            default -> {
                System.err.println("usage: tocsin [serve | test-rules [files or folders] | check [rules folder]]"
                        + " (JVM options such as -Dtocsin.clock=event go before -jar)");
                return 2;
            }
        }
    }
}
