package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import io.tocsin.engine.fact.Durations;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.fact.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rollback criteria: each at its exact time, once per deployment, re-armed by a new deployment. */
class RollbackTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");


    static Stream<Arguments> criteria() {
        return Stream.of(
                Arguments.of("ErrorRatioAbove1Percent", "genesis_error_ratio", GENESIS, 0.02, "5m"),
                Arguments.of("GenesisDownFor2Minutes", "up", Map.of("job", "genesis-orchestration"), 0.0, "2m"));
    }

    private static List<Action> rollbacks(Timeline t) {
        return t.actions(r -> r.type().equals("rollback"));
    }

    @ParameterizedTest(name = "{0} rolls back at {4}")
    @MethodSource("criteria")
    void criterionRollsBackOnceAtItsExactTime(String criterion, String metric, Map<String, String> labels,
            double breach, String hold) {
        try (Timeline t = new Timeline()) {
            long holdMillis = Durations.millis(hold);
            for (long at = 0; at < holdMillis; at += 15_000) {
                t.post(at + "ms", metric, labels, breach);
            }
            assertEquals(List.of(), rollbacks(t), "not one step early");
            t.every("15s", hold, "20m", metric, labels, breach);
            List<Action> rollbacks = rollbacks(t);
            assertEquals(1, rollbacks.size(), "once per deployment");
            Action rollback = rollbacks.get(0);
            assertEquals(time(hold), rollback.at());
            assertEquals("command", rollback.receiver());
            assertEquals("rollback", rollback.destination());
            assertEquals("initial", rollback.deployment());
            assertEquals(labels, rollback.labels());
            assertTrue(rollback.reason().contains(criterion), rollback.reason());
            List<String> announced = t.actions(r -> r.type().equals("notify") && "initial".equals(r.deployment()))
                    .stream().map(r -> r.receiver() + " " + r.destination() + " at " + r.at()).toList();
            assertEquals(List.of("slack #genesis-alerts at " + time(hold), "pagerduty genesis-oncall at " + time(hold)),
                    announced);
            Deployment initial = t.evaluator().deployments().get(0);
            assertNotNull(initial.getRollback());
            assertEquals(criterion, initial.getRollback().criterion());
        }
    }

    @Test
    void aNewDeploymentReArmsRollback() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "6m", "genesis_error_ratio", GENESIS, 0.02);
            assertEquals(1, rollbacks(t).size());
            t.register("d2", "2.0.1", time("6m15s"));
            t.every("15s", "6m15s", "10m", "genesis_error_ratio", GENESIS, 0.02);
            assertEquals(1, rollbacks(t).size(), "a criterion met before d2 started does not count for d2");
            t.every("15s", "10m15s", "11m", "genesis_error_ratio", GENESIS, 0.0);
            t.every("15s", "11m15s", "17m", "genesis_error_ratio", GENESIS, 0.02);
            List<Action> rollbacks = rollbacks(t);
            assertEquals(2, rollbacks.size());
            assertEquals("d2", rollbacks.get(1).deployment());
            assertEquals(time("16m15s"), rollbacks.get(1).at());
        }
    }

    @Test
    void twoCriteriaMetTogetherRollBackOnce() {
        try (Timeline t = new Timeline()) {
            for (int s = 0; s <= 360; s += 15) {
                t.batch(s + "s", Timeline.sample(s + "s", "genesis_error_ratio", GENESIS, 0.02),
                        Timeline.sample(s + "s", "genesis_operation_p95_seconds", GENESIS, 0.9));
            }
            assertEquals(1, rollbacks(t).size());
        }
    }

    @Test
    void manualRollbackDisarmsAndIsAnnounced() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_error_ratio", GENESIS, 0.0);
            t.rollBack("initial", "bad canary", "dave");
            List<Action> rollbacks = rollbacks(t);
            assertEquals(1, rollbacks.size());
            assertNull(rollbacks.get(0).rule(), "an operator's, not a rule's");
            assertEquals("bad canary", rollbacks.get(0).reason());
            assertEquals(2, t.actions(r -> r.type().equals("notify")).size(), "announced");
            Rejected again = assertThrows(Rejected.class, () -> t.rollBack("initial", "again", "dave"));
            assertEquals(Rejected.Reason.CONFLICT, again.reason());
            t.every("15s", "15s", "7m", "genesis_error_ratio", GENESIS, 0.02);
            assertEquals(1, rollbacks(t).size(), "disarmed");
        }
    }

    @Test
    void aRollbackDecisionSurvivesARestart() {
        DeploymentStore store = DeploymentStore.inMemory();
        try (Timeline t = new Timeline(store)) {
            t.every("15s", "0", "5m", "genesis_error_ratio", GENESIS, 0.02);
            assertEquals(1, rollbacks(t).size());
        }
        try (Timeline restarted = new Timeline(store)) {
            restarted.every("15s", "10m", "20m", "genesis_error_ratio", GENESIS, 0.02);
            assertEquals(List.of(), rollbacks(restarted), "still disarmed after the restart");
            assertEquals("initial", restarted.evaluator().deployments().get(0).getId());
        }
    }
}
