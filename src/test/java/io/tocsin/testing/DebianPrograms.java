package io.tocsin.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs from Debian's packages ({@code prometheus}, {@code prometheus-alertmanager}, ...), which
 * {@code ./tocsin test} installs when they are missing. Without one a test is skipped with a clear message, except
 * under {@code CI=true}, where it fails: CI must run it.
 */
public final class DebianPrograms {

    private DebianPrograms() {
    }

    /** The program on PATH; skips the test (fails it under CI) naming the package to install when it is missing. */
    public static Path require(String program, String debianPackage) {
        Optional<Path> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String why = "'" + program + "' is not on PATH: ./tocsin test installs Debian's " + debianPackage
                + " package (apt-get install " + debianPackage + ") when it can (as root or with passwordless sudo)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + "; it is required under CI=true");
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }

    /** The program on PATH, if there is one. */
    public static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
