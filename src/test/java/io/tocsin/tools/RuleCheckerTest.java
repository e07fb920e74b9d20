package io.tocsin.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} passes on the shipped rules and names file and line for each kind of problem it finds. */
@QuarkusTest
class RuleCheckerTest {

    @Inject
    RuleChecker checker;

    @TempDir
    Path dir;

    @Test
    void shippedRulesAndConfigurationAreValid() {
        assertEquals(List.of(), checker.check(Path.of("rules")));
    }

    @Test
    void reportsUnknownReceiversCommandsTargetsPacksAndBadTestFiles() throws Exception {
        Path pack = Files.createDirectories(dir.resolve("genesis"));
        Files.writeString(pack.resolve("broken.drl"), String.join("\n",
                "package genesis;",
                "import io.tocsin.engine.fact.*;",
                "rule \"a\" when $a : Alert() then",
                "    insert(new Notify($a, \"sms\", \"+1555\"));",
                "    insert(new Remediate($a, \"reboot-the-world\"));",
                "    insert(new Escalate($a, \"nobody\", \"why\"));",
                "end", ""));
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/x.drl"), "package other;\n");
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/bad.yaml"), "input_series: []\ntests:\n  - at: soon\n    alerts: []\n");
        List<String> problems = checker.check(dir);
        String broken = pack.resolve("broken.drl").toString();
        assertTrue(problems.contains(broken + ":4: unknown receiver \"sms\" (expected one of [email, log, pagerduty, slack, webhook])"), problems.toString());
        assertTrue(problems.contains(broken + ":5: command \"reboot-the-world\" is not in the allowlist (tocsin.commands.reboot-the-world.argv)"), problems.toString());
        assertTrue(problems.contains(broken + ":6: escalation target \"nobody\" has no receivers (tocsin.escalation.nobody.receivers)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(dir.resolve("other/x.drl") + ":1: pack other is not compiled")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.equals(dir.resolve("tests/bad.yaml") + ": tests[0].at: 'soon' is not a duration (expected e.g. 30s, 5m, 1h30m)")), problems.toString());
        assertEquals(5, problems.size(), problems.toString());
    }
}
