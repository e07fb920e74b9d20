package io.tocsin.alertmanager;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs of Debian's {@code prometheus-alertmanager} package ({@code prometheus-alertmanager}, {@code amtool}),
 * which {@code ./tocsin test} installs when they are missing. Without them a test is skipped with a clear message,
 * except under {@code CI=true}, where it fails: CI must run it.
 */
final class DebianAlertmanager {

    static final String ALERTMANAGER = "prometheus-alertmanager";
    static final String AMTOOL = "amtool";

    private DebianAlertmanager() {
    }

    static Path require(String program) {
        Optional<Path> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String why = "'" + program + "' is not on PATH: ./tocsin test installs Debian's prometheus-alertmanager"
                + " package (apt-get install prometheus-alertmanager) when it can (as root or with passwordless sudo)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + "; it is required under CI=true");
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }

    static Optional<Path> find(String program) {
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
