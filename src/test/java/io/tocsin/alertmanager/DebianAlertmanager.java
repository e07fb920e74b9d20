package io.tocsin.alertmanager;

import io.tocsin.testing.DebianPrograms;
import java.nio.file.Path;
import java.util.Optional;

/** Programs of Debian's {@code prometheus-alertmanager} package ({@code prometheus-alertmanager}, {@code amtool}). */
final class DebianAlertmanager {

    static final String ALERTMANAGER = "prometheus-alertmanager";
    static final String AMTOOL = "amtool";

    private DebianAlertmanager() {
    }

    static Path require(String program) {
        return DebianPrograms.require(program, "prometheus-alertmanager");
    }

    static Optional<Path> find(String program) {
        return DebianPrograms.find(program);
    }
}
