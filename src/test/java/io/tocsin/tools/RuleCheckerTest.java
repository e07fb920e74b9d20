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
    void shippedRulesAndConfigurationAreValidAndFollowTheConventions() {
        RuleChecker.Report report = checker.report(Path.of("rules"));
        assertEquals(List.of(), report.problems());
        assertEquals(List.of(), report.warnings());
    }

    @Test
    void aDrlSyntaxErrorIsReportedWithFileAndLine() throws Exception {
        Path pack = Files.createDirectories(dir.resolve("genesis"));
        Files.writeString(pack.resolve("typo.drl"), String.join("\n",
                "package genesis;",
                "import io.tocsin.engine.fact.*;",
                "rule \"a\" when",
                "    $s : Series( metric == \"x\", value >> 1 )",
                "then",
                "end", ""));
        List<String> problems = checker.check(dir);
        assertEquals(1, problems.size(), problems.toString());
        // the line of the condition (the executable model names the rule's first line; the checker finds the text)
        assertTrue(problems.get(0).startsWith(pack.resolve("typo.drl") + ":4: "), problems.toString());
        assertTrue(problems.get(0).contains("value >> 1"), problems.toString());
    }

    @Test
    void warnsWhereANewerConventionApplies() throws Exception {
        Path pack = Files.createDirectories(dir.resolve("genesis"));
        Files.writeString(pack.resolve("old.drl"), String.join("\n",
                "package genesis;",
                "import io.tocsin.engine.fact.*;",
                "rule \"old style\" @alert(\"Old\") @priority(\"P3\")",
                "when",
                "    $s : Series( metric == \"genesis_error_ratio\", value > 1 )",
                "then",
                "    insertLogical(new Condition(drools.getRule(), $s));",
                "end",
                "rule \"scoped by hand\"",
                "when",
                "    $a : Alert( pack == \"genesis\", state == AlertState.FIRING )",
                "    $b : Alert( firedAt - $a.firedAt <= 3600000 )",
                "then",
                "end",
                "rule \"criterion\" @success(\"C\") @series(\"genesis_test_pass_rate\")",
                "when",
                "    $s : Series( metric == \"genesis_error_ratio\", value > 1 )",
                "then",
                "    insertLogical(breach($s));",
                "end", ""));
        RuleChecker.Report report = checker.report(dir);
        String old = pack.resolve("old.drl").toString();
        List<String> warnings = report.warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(old + ":7: warning: write insertLogical(breach($s))")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(old + ":11: warning: pack == \"...\" is implied")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(old + ":12: warning: write durations")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(old + ":15: warning: @series names genesis_test_pass_rate")),
                warnings.toString());
        assertEquals(4, warnings.size(), warnings.toString());
    }

    @Test
    void warnsAboutAutomationThatIgnoresMaintenance() throws Exception {
        Path pack = Files.createDirectories(dir.resolve("genesis"));
        Files.writeString(pack.resolve("restart.drl"), String.join("\n",
                "package genesis;",
                "import io.tocsin.engine.fact.*;",
                "rule \"restart regardless\"",
                "when",
                "    $a : Alert( name == \"GenesisServiceDown\", state == AlertState.FIRING )",
                "then",
                "    insert(new Remediate($a, \"restart-genesis\", 1));",
                "end",
                "rule \"restart unless in maintenance\"",
                "when",
                "    $a : Alert( name == \"GenesisServiceDown\", state == AlertState.FIRING, inMaintenance == false )",
                "then",
                "    insert(new Remediate($a, \"restart-genesis\", 2));",
                "end", ""));
        RuleChecker.Report report = checker.report(dir);
        assertEquals(List.of(pack.resolve("restart.drl") + ":3: warning: rule \"restart regardless\" restarts, rolls"
                + " back or promotes without looking at maintenance: say inMaintenance == false on the alert or"
                + " criterion it acts on (or not Maintenance()), so a maintenance window stops it"), report.warnings());
    }

    @Test
    void aSuccessConditionOfOldDoesNotCompileAndTheWarningSaysWhatToWrite() throws Exception {
        Path pack = Files.createDirectories(dir.resolve("genesis"));
        Files.writeString(pack.resolve("old.drl"), String.join("\n",
                "package genesis;",
                "import io.tocsin.engine.fact.*;",
                "rule \"waits\"",
                "when",
                "    not Condition( success )",
                "then",
                "end", ""));
        RuleChecker.Report report = checker.report(dir);
        assertEquals(1, report.problems().size(), report.toString());
        assertEquals(List.of(pack.resolve("old.drl") + ":5: warning: write Violation() for a success criterion that"
                + " does not hold"), report.warnings());
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
                "    insert(new Notify($a, \"alertmanager\", \"main\"));", // known: forwards to Alertmanager
                "end", ""));
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/x.drl"), "package other;\n");
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/bad.yaml"), "input_series: []\ntests:\n  - at: soon\n    alerts: []\n");
        List<String> problems = checker.check(dir);
        String broken = pack.resolve("broken.drl").toString();
        assertTrue(problems.contains(broken + ":4: unknown receiver \"sms\" (expected one of [alertmanager, email, log, pagerduty, slack, webhook])"), problems.toString());
        assertTrue(problems.contains(broken + ":5: command \"reboot-the-world\" is not in the allowlist (tocsin.commands.reboot-the-world.argv)"), problems.toString());
        assertTrue(problems.contains(broken + ":6: escalation target \"nobody\" has no receivers (tocsin.escalation.nobody.receivers)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(dir.resolve("other/x.drl") + ":1: pack other is not compiled")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.equals(dir.resolve("tests/bad.yaml") + ": tests[0].at: 'soon' is not a duration (expected e.g. 30s, 5m, 1h30m)")), problems.toString());
        assertEquals(5, problems.size(), problems.toString());
    }
}
