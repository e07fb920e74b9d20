package io.tocsin.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shipped Prometheus files pass Prometheus' own checks ({@code promtool} from Debian's package). */
class PromtoolCheckTest {

    private static final Path DEPLOY = Path.of("deploy", "prometheus").toAbsolutePath();

    @Test
    void recordingRulesAreValid() throws Exception {
        Path rules = DEPLOY.resolve("recording-rules.yml");
        String out = promtool("check", "rules", rules.toString());
        long records = Files.readAllLines(rules).stream().filter(l -> l.trim().startsWith("- record:")).count();
        assertTrue(out.contains("SUCCESS: " + records + " rules found"), "every rule is read: " + out);
    }

    @Test
    void prometheusConfigurationIsValidWithItsRuleFiles() throws Exception {
        String out = promtool("check", "config", DEPLOY.resolve("prometheus.yml").toString());
        assertTrue(out.contains("is valid prometheus config file syntax"), out);
        assertTrue(out.contains("SUCCESS: 1 rule files found"), out);
    }

    /** Runs promtool and fails with its output unless it exits 0. */
    private static String promtool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = DebianPrometheus.require("promtool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }
}
