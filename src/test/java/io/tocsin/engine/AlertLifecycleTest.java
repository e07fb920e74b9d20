package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.AlertState;
import io.tocsin.engine.input.IngestResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pending, firing and resolved transitions of HighErrorRate (for 2m), as Prometheus would evaluate them. */
class AlertLifecycleTest {

    private static final String ERRORS = "genesis_error_ratio";
    private static final Map<String, String> GENESIS = Map.of("service", "genesis");


    @Test
    void conditionThatBreaksWhilePendingNeverFires() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "1m45s", ERRORS, GENESIS, 0.002);
            assertEquals(AlertState.PENDING, t.alert("HighErrorRate").orElseThrow().getState());
            t.post("2m", ERRORS, GENESIS, 0.0005);
            assertTrue(t.alert("HighErrorRate").isEmpty(), "a pending alert is dropped");
            assertTrue(t.resolved().isEmpty(), "a dropped pending alert is not resolved");
            t.every("15s", "2m15s", "5m", ERRORS, GENESIS, 0.0005);
            assertTrue(t.alert("HighErrorRate").isEmpty());
        }
    }

    @Test
    void breachThatComesBackStartsANewPendingPeriod() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "1m", ERRORS, GENESIS, 0.002);
            t.post("1m15s", ERRORS, GENESIS, 0.0);
            t.every("15s", "1m30s", "3m15s", ERRORS, GENESIS, 0.002);
            Alert alert = t.alert("HighErrorRate").orElseThrow();
            assertEquals(time("1m30s"), alert.getActiveAt());
            assertEquals(AlertState.PENDING, alert.getState(), "1m45s into the new breach");
            t.post("3m30s", ERRORS, GENESIS, 0.002);
            assertEquals(AlertState.FIRING, alert.getState());
            assertEquals(time("3m30s"), alert.getFiredAt());
        }
    }

    @Test
    void firingAlertResolvesWhenTheConditionEnds() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "3m", ERRORS, GENESIS, 0.02);
            Alert alert = t.alert("HighErrorRate").orElseThrow();
            assertEquals(AlertState.FIRING, alert.getState());
            assertEquals(0.02, alert.getValue());
            t.post("3m15s", ERRORS, GENESIS, 0.0001);
            assertTrue(t.alert("HighErrorRate").isEmpty());
            Alert resolved = t.resolved().get(0);
            assertEquals(AlertState.RESOLVED, resolved.getState());
            assertEquals(time("3m15s"), resolved.getResolvedAt());
            assertEquals(time("2m"), resolved.getFiredAt());
        }
    }

    @Test
    void firingAlertResolvesWhenItsSeriesGoesStale() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "3m", ERRORS, GENESIS, 0.02);
            t.advance("8m");
            assertEquals(AlertState.FIRING, t.alert("HighErrorRate").orElseThrow().getState(),
                    "a sample exactly 5 minutes old is still current");
            t.advance("8m0s1ms");
            assertTrue(t.alert("HighErrorRate").isEmpty(), "stale one millisecond later");
            assertEquals(time("8m0s1ms"), t.resolved().get(0).getResolvedAt());
            assertEquals(0, t.evaluator().counts().currentSeries());
            assertEquals(1, t.evaluator().counts().staleSeries());
        }
    }

    @Test
    void staleSeriesComesBackWithItsNextSample() {
        try (Timeline t = new Timeline()) {
            t.post("0", ERRORS, GENESIS, 0.02);
            t.advance("10m");
            assertTrue(t.alert("HighErrorRate").isEmpty());
            t.post("10m15s", ERRORS, GENESIS, 0.02);
            assertEquals(time("10m15s"), t.alert("HighErrorRate").orElseThrow().getActiveAt());
        }
    }

    @Test
    void flappingAroundTheThresholdNeverFires() {
        try (Timeline t = new Timeline()) {
            for (int step = 0; step <= 60; step++) {
                double value = step % 2 == 0 ? 0.002 : 0.0009;
                t.post(step * 15 + "s", ERRORS, GENESIS, value);
                t.alert("HighErrorRate").ifPresent(a -> assertEquals(AlertState.PENDING, a.getState()));
            }
            assertTrue(t.resolved().isEmpty(), "it never fired, so nothing resolved");
        }
    }

    @Test
    void twoSeriesOfOneMetricMakeTwoIndependentAlerts() {
        Map<String, String> eu = Map.of("service", "genesis", "region", "eu");
        Map<String, String> us = Map.of("service", "genesis", "region", "us");
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "45s", ERRORS, eu, 0.002);
            for (int s = 60; s <= 120; s += 15) {
                t.batch(s + "s", Timeline.sample(s + "s", ERRORS, eu, 0.002), Timeline.sample(s + "s", ERRORS, us, 0.002));
            }
            assertEquals(AlertState.FIRING, t.alert("HighErrorRate", eu).orElseThrow().getState());
            Alert usAlert = t.alert("HighErrorRate", us).orElseThrow();
            assertEquals(AlertState.PENDING, usAlert.getState());
            assertEquals(time("1m"), usAlert.getActiveAt());
            t.post("2m15s", ERRORS, eu, 0.0);
            assertTrue(t.alert("HighErrorRate", eu).isEmpty());
            assertEquals(AlertState.PENDING, t.alert("HighErrorRate", us).orElseThrow().getState());
        }
    }

    @Test
    void outOfOrderSamplesAreIgnoredAndCounted() {
        try (Timeline t = new Timeline()) {
            t.post("1m", ERRORS, GENESIS, 0.002);
            IngestResult late = t.post("30s", ERRORS, GENESIS, 0.0);
            assertEquals(new IngestResult(0, 1), late);
            assertEquals(0.002, t.alert("HighErrorRate").orElseThrow().getValue(), "value unchanged");
            IngestResult repeat = t.post("1m", ERRORS, GENESIS, 0.002);
            assertEquals(new IngestResult(1, 0), repeat, "an identical repeat is harmless");
            IngestResult conflict = t.post("1m", ERRORS, GENESIS, 0.5);
            assertEquals(new IngestResult(0, 1), conflict, "same time, other value: ignored");
        }
    }

    @Test
    void wholeBatchIsOneEvaluationAtItsNewestTimestamp() {
        try (Timeline t = new Timeline()) {
            IngestResult result = t.batch("1m", Timeline.sample("0", ERRORS, GENESIS, 0.002),
                    Timeline.sample("1m", ERRORS, GENESIS, 0.003));
            assertEquals(new IngestResult(2, 0), result);
            Alert alert = t.alert("HighErrorRate").orElseThrow();
            assertEquals(time("1m"), alert.getActiveAt(), "the rules saw the batch once, at its newest time");
            assertEquals(0.003, alert.getValue());
        }
    }

    @Test
    void resolvedAlertsAreForgottenAfterTheRetention() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "2m", ERRORS, GENESIS, 0.02);
            t.post("2m15s", ERRORS, GENESIS, 0.0);
            t.advance("17m15s");
            assertEquals(1, t.resolved().size(), "kept for 15 minutes");
            t.advance("17m16s");
            assertTrue(t.resolved().isEmpty());
        }
    }
}
