package io.tocsin.prometheus;

import io.tocsin.testing.DebianPrograms;
import java.nio.file.Path;

/** Programs of Debian's {@code prometheus} package ({@code prometheus}, {@code promtool}). */
final class DebianPrometheus {

    private DebianPrometheus() {
    }

    static Path require(String program) {
        return DebianPrograms.require(program, "prometheus");
    }
}
