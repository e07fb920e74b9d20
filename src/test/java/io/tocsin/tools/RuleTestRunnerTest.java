package io.tocsin.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.tocsin.engine.Evaluator;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.testing.TestRules;
import io.tocsin.testing.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule test runner can fail: wrong expectations against the engine's test pack fail, each naming what was
 * expected, what there was, and the rule with its file and line.
 */
class RuleTestRunnerTest {

    private static final Path TESTS = TestRules.FOLDER.resolve("tests");
    private final RuleTests tests = new RuleTests(TestRules.fixture().ruleSet("test pack"),
            Evaluator.Settings.defaults(), Timeline.POLICY);

    private static String where(String ruleName) {
        RuleInfo rule = TestRules.fixture().catalog().byId("fixture." + ruleName);
        return "(rule \"" + ruleName + "\", " + rule.file() + ":" + rule.line() + ")";
    }

    private List<RuleTestRun.CaseResult> run(String file) {
        return tests.run(TESTS.resolve(file)).cases();
    }

    @Test
    void anAlertExpectedTooEarlyFailsAndShowsTheAlertWithItsRule() {
        RuleTestRun.CaseResult early = run("must-fail.yaml").get(0);
        String pending = "HighErrorRate{service=\"genesis\"} pending since 0s "
                + where("Error ratio above 0.1% for 2 minutes");
        assertEquals(List.of("expected alert HighErrorRate{service=\"genesis\"} firing, not found; alerts were:\n"
                + "        " + pending, "unexpected alert " + pending), early.problems());
    }

    @Test
    void anUnexpectedActionFailsAndNamesTheRuleThatDecidedIt() {
        RuleTestRun.CaseResult quiet = run("must-fail.yaml").get(1);
        String routing = where("P0 and P1 alerts go to #genesis-alerts and page on-call");
        assertEquals(List.of("unexpected action notify slack #genesis-alerts for HighErrorRate{service=\"genesis\"}"
                        + " at 2m " + routing,
                "unexpected action notify pagerduty genesis-oncall for HighErrorRate{service=\"genesis\"} at 2m "
                        + routing), quiet.problems());
    }

    @Test
    void aMissingActionFails() {
        RuleTestRun.CaseResult escalation = run("must-fail.yaml").get(2);
        assertEquals(1, escalation.problems().size(), escalation.problems().toString());
        assertEquals("expected action escalate incident-commander, not decided; no actions were decided since the"
                + " previous test", escalation.problems().get(0));
    }

    @Test
    void theRightExpectationsPass() {
        List<RuleTestRun.CaseResult> results = run("passes.yaml");
        assertEquals(3, results.size());
        results.forEach(r -> assertTrue(r.passed(), r.title() + ": " + r.problems()));
    }

    @Test
    void theCommandCountsFailures() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int failed = tests.runAll(List.of(TESTS.resolve("must-fail.yaml")), new PrintStream(out, true));
        assertEquals(3, failed, out.toString());
        assertTrue(out.toString().contains("FAIL " + TESTS.resolve("must-fail.yaml")
                + ": expects firing one minute too early (at 1m)"), out.toString());
        assertTrue(out.toString().strip().endsWith("0 passed, 3 failed"), out.toString());
    }
}
