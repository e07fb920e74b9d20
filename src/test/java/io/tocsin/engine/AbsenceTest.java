package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.AlertState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Absence alerts, measured from the later of the last sample and the start of evaluation. */
class AbsenceTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");
    private static final Map<String, String> ORCH = Map.of("job", "genesis-orchestration");


    @Test
    void testSuiteNotRunningFiresFifteenMinutesAfterStartWithoutResults() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "15m", "up", ORCH, 1);
            assertTrue(t.alert("TestSuiteNotRunning").isEmpty(), "exactly 15 minutes is not yet absent");
            t.post("15m15s", "up", ORCH, 1);
            Alert alert = t.alert("TestSuiteNotRunning").orElseThrow();
            assertEquals(AlertState.FIRING, alert.getState(), "no for: fires at once");
            assertEquals(time("15m15s"), alert.getFiredAt());
            assertEquals("P2", alert.getPriority().name());
            assertTrue(alert.getLabels().isEmpty());
        }
    }

    @Test
    void testSuiteNotRunningCountsFromTheLastSampleAndResolvesWhenResultsReturn() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_test_pass_rate", GENESIS, 0.995);
            t.post("2m", "genesis_test_pass_rate", GENESIS, 0.995);
            t.advance("17m");
            assertTrue(t.alert("TestSuiteNotRunning").isEmpty(), "last sample exactly 15 minutes ago");
            t.advance("17m1s");
            assertEquals(AlertState.FIRING, t.alert("TestSuiteNotRunning").orElseThrow().getState());
            t.post("20m", "genesis_test_pass_rate", GENESIS, 0.995);
            assertTrue(t.alert("TestSuiteNotRunning").isEmpty());
            assertTrue(t.resolved().stream().anyMatch(a -> a.getName().equals("TestSuiteNotRunning")));
        }
    }

    @Test
    void observabilityMetricsMissingWhenNoGenesisMetricAtAllForTenMinutes() {
        try (Timeline t = new Timeline()) {
            t.every("1m", "0", "2m", "genesis_throughput_ops_per_second", GENESIS, 10);
            t.every("1m", "0", "2m", "genesis_test_pass_rate", GENESIS, 0.999);
            t.every("15s", "2m15s", "12m", "up", ORCH, 1); // non-genesis metrics keep flowing
            assertTrue(t.alert("ObservabilityMetricsMissing").isEmpty());
            t.post("12m15s", "up", ORCH, 1);
            assertEquals(AlertState.FIRING, t.alert("ObservabilityMetricsMissing").orElseThrow().getState());
            t.post("13m", "genesis_error_ratio", GENESIS, 0.0);
            assertTrue(t.alert("ObservabilityMetricsMissing").isEmpty(), "any genesis_* sample ends it");
        }
    }

    @Test
    void absenceOnTheEventClockCountsFromTheFirstTimeSeen() {
        try (Timeline t = new Timeline()) {
            t.advance("5m"); // the event clock starts here
            t.advance("15m");
            assertTrue(t.alert("ObservabilityMetricsMissing").isEmpty(), "10 minutes since start, not more");
            t.advance("15m1s");
            assertTrue(t.alert("ObservabilityMetricsMissing").isPresent());
        }
    }
}
