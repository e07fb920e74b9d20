package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.fact.ActionResult;
import io.tocsin.engine.fact.Notify;
import io.tocsin.engine.fact.Remediate;
import io.tocsin.engine.fact.Rollback;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nothing piles up in the session: facts of departed alerts, rollbacks and silent series are removed. */
class HousekeepingTest {

    private static final Map<String, String> ORCH = Map.of("job", "genesis-orchestration", "instance", "g1");


    @Test
    void resultOfARestartThatFinishedAfterTheOutageEndedDoesNotLinger() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "30s", "up", ORCH, 0); // restart 1 at 30s, alert still pending
            t.post("45s", "up", ORCH, 1); // back up: the pending alert is dropped with its actions
            assertEquals(0, t.evaluator().count(Remediate.class), "the restart left with its alert");
            Action restart = t.actions(r -> r.type().equals("remediate")).get(0);
            t.result(restart, true, 0); // the result arrives after the alert left
            assertEquals(1, t.evaluator().count(ActionResult.class));
            t.every("1m", "1m", "60m", "up", ORCH, 1); // 59m15s after the result arrived
            assertEquals(1, t.evaluator().count(ActionResult.class), "kept for the retention (1 hour)");
            t.post("62m", "up", ORCH, 1);
            assertEquals(0, t.evaluator().count(ActionResult.class), "then removed");
        }
    }

    @Test
    void rollbackFactsAndAnnouncementsExpire() {
        try (Timeline t = new Timeline()) {
            t.every("1m", "0", "6m", "genesis_error_ratio", Map.of("service", "g"), 0.02);
            assertEquals(1, t.actions(r -> r.type().equals("rollback")).size());
            assertEquals(1, t.evaluator().count(Rollback.class));
            assertEquals(2, t.evaluator().count(Notify.class, n -> n.getRollback() != null));
            t.every("1m", "7m", "70m", "genesis_error_ratio", Map.of("service", "g"), 0.0);
            assertEquals(0, t.evaluator().count(Rollback.class), "removed after the retention");
            assertEquals(0, t.evaluator().count(Notify.class, n -> n.getRollback() != null));
            t.every("1m", "71m", "80m", "genesis_error_ratio", Map.of("service", "g"), 0.02);
            assertEquals(1, t.actions(r -> r.type().equals("rollback")).size(), "still disarmed");
        }
    }

    @Test
    void staleSeriesAreForgottenByTheirOwnLastSampleTime() {
        try (Timeline t = new Timeline()) {
            Map<String, String> x = Map.of("series", "x");
            Map<String, String> y = Map.of("series", "y");
            t.post("0", "genesis_flaky_tests", x, 0);
            t.post("50m", "genesis_flaky_tests", y, 0);
            t.advance("56m");
            t.post("56m", "genesis_flaky_tests", Map.of("series", "z"), 0);
            // a late sample for x (10m) arrives after y went stale: x must still be forgotten first
            t.batch("56m", Timeline.sample("10m", "genesis_flaky_tests", x, 0));
            assertEquals(2, t.evaluator().counts().staleSeries());
            t.advance("70m0s1ms");
            assertEquals(2, t.evaluator().counts().staleSeries(),
                    "x (last sample 10m) is forgotten after 1h; y (50m) and z (56m) are stale but kept");
        }
    }

    @Test
    void aSeriesThatCameBackIsForgottenByItsLatestSilenceOnly() {
        try (Timeline t = new Timeline()) {
            Map<String, String> x = Map.of("series", "x");
            Map<String, String> y = Map.of("series", "y");
            t.post("0", "genesis_flaky_tests", x, 0);
            t.post("0", "genesis_flaky_tests", y, 0);
            t.advance("10m");
            assertEquals(2, t.evaluator().counts().staleSeries(), "both silent for over 5 minutes");
            t.post("30m", "genesis_flaky_tests", x, 0); // x comes back once, then falls silent again
            t.every("1m", "20m", "89m", "genesis_flaky_tests", y, 0); // y comes back for good
            assertEquals(1, t.evaluator().counts().staleSeries(), "x, stale since 35m, is kept an hour from 30m");
            assertEquals(1, t.evaluator().counts().currentSeries(), "y, whose first silence is long past");
            t.advance("90m0s1ms");
            assertEquals(0, t.evaluator().counts().staleSeries(), "x is forgotten an hour after its latest sample");
            assertEquals(1, t.evaluator().counts().currentSeries());
            t.post("91m", "genesis_flaky_tests", x, 1);
            assertEquals(2, t.evaluator().counts().currentSeries(), "and is new again when it returns");
        }
    }

    @Test
    void silentMetricNamesAreForgottenWithoutChangingAbsence() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_test_pass_rate", Map.of("service", "g"), 1);
            t.every("1m", "1m", "80m", "up", ORCH, 1);
            assertTrue(t.alert("TestSuiteNotRunning").isPresent(), "absent, whether or not its Metric fact is kept");
            List<?> none = t.actions(r -> r.type().equals("resolve") && r.alert().name().equals("TestSuiteNotRunning"));
            assertTrue(none.isEmpty(), "forgetting the metric name did not resolve the absence alert");
        }
    }
}
