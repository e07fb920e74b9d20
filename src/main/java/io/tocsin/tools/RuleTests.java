package io.tocsin.tools;

import io.tocsin.engine.Evaluator;
import io.tocsin.engine.action.ActionPolicy;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.rules.RuleSet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds and runs rule test files against a rule set. A file that cannot be read counts as one failed test, with
 * the field at fault.
 */
public final class RuleTests {

    private final RuleSet rules;
    private final Evaluator.Settings settings;
    private final ActionPolicy policy;

    public RuleTests(RuleSet rules, Evaluator.Settings settings, ActionPolicy policy) {
        this.rules = rules;
        this.settings = settings;
        this.policy = policy;
    }

    /** Every {@code .yaml}/{@code .yml} file under the given files or folders, sorted. */
    public static List<Path> find(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(root);
            }
        }
        return files;
    }

    /** The results of one file and the rules that fired while it ran. */
    public record FileResult(List<RuleTestRun.CaseResult> cases, Set<String> firedRules) {
    }

    /** Runs one file; never throws for problems in the file itself. */
    public FileResult run(Path path) {
        try {
            RuleTestRun run = new RuleTestRun(RuleTestFile.read(path), rules, settings, policy);
            return new FileResult(run.run(), run.firedRules());
        } catch (IOException | RuntimeException e) {
            String message = e instanceof IOException ? "cannot read: " + e.getMessage() : e.getMessage();
            return new FileResult(List.of(new RuleTestRun.CaseResult(path.toString(), "(file)", 0,
                    List.of(String.valueOf(message)))), Set.of());
        }
    }

    /** Rules (package-qualified) that no test file made fire, among all rules of the set. */
    public Set<String> uncovered(Set<String> fired) {
        Set<String> all = new TreeSet<>();
        rules.catalog().all().stream().map(RuleInfo::id).forEach(all::add);
        all.removeAll(fired);
        return all;
    }

    /** Runs all files, printing one line per test and a final {@code N passed, N failed}; returns the failures. */
    public int runAll(List<Path> roots, PrintStream out) {
        int passed = 0;
        int failed = 0;
        List<Path> files = find(roots);
        if (files.isEmpty()) {
            out.println("no rule test files under " + roots);
        }
        Set<String> fired = new HashSet<>();
        for (Path file : files) {
            FileResult fileResult = run(file);
            fired.addAll(fileResult.firedRules());
            for (RuleTestRun.CaseResult result : fileResult.cases()) {
                if (result.passed()) {
                    passed++;
                    out.println("PASS " + result.title());
                } else {
                    failed++;
                    out.println("FAIL " + result.title());
                    result.problems().forEach(p -> out.println("    " + p));
                }
            }
        }
        if (!files.isEmpty()) {
            Set<String> uncovered = uncovered(fired);
            if (!uncovered.isEmpty()) {
                out.println("note: " + uncovered.size() + " rule(s) fired in none of these tests: " + uncovered);
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed;
    }
}
