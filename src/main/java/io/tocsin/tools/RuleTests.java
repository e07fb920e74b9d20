package io.tocsin.tools;

import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.DispatchPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.kie.api.runtime.KieRuntimeBuilder;

/**
 * Finds and runs rule test files. A file that cannot be read counts as one failed test, with the field at fault.
 */
@ApplicationScoped
public class RuleTests {

    @Inject
    KieRuntimeBuilder runtime;
    @Inject
    TocsinConfig config;

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

    /** Runs one file; never throws for problems in the file itself. */
    public List<RuleTestRun.CaseResult> run(Path path) {
        try {
            RuleTestFile file = RuleTestFile.read(path);
            return new RuleTestRun(file, runtime, config.session(), DispatchPolicy.from(config),
                    config.staleness().toMillis()).run();
        } catch (IOException | RuntimeException e) {
            String message = e instanceof IOException ? "cannot read: " + e.getMessage() : e.getMessage();
            return List.of(new RuleTestRun.CaseResult(path.toString(), "(file)", 0, List.of(String.valueOf(message))));
        }
    }

    /** Runs all files, printing one line per test and a final {@code N passed, N failed}; returns the failures. */
    public int runAll(List<Path> roots, PrintStream out) {
        int passed = 0;
        int failed = 0;
        List<Path> files = find(roots);
        if (files.isEmpty()) {
            out.println("no rule test files under " + roots);
        }
        for (Path file : files) {
            for (RuleTestRun.CaseResult result : run(file)) {
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
        out.println(passed + " passed, " + failed + " failed");
        return failed;
    }
}
