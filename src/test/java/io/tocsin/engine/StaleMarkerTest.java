package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.AlertState;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.IngestResult;
import io.tocsin.engine.input.Sample;
import io.tocsin.testing.Timeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prometheus' staleness marker (remote write) ends a series at once, and NaN and infinite values compare as in
 * PromQL: every comparison with NaN is false, infinities compare as numbers.
 */
class StaleMarkerTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");
    private static final SeriesKey ERROR_RATIO = new SeriesKey("genesis_error_ratio", GENESIS);

    private static Sample marker(String offset) {
        return Sample.staleMarker(ERROR_RATIO, time(offset));
    }

    @Test
    void aMarkerResolvesAFiringAlertAtTheEvaluationThatAppliesIt() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "2m", "genesis_error_ratio", GENESIS, 0.002);
            assertEquals(AlertState.FIRING, t.alert("HighErrorRate").orElseThrow().getState());
            IngestResult result = t.batch("2m5s", marker("2m5s"));
            assertEquals(new IngestResult(1, 0), result);
            assertTrue(t.alert("HighErrorRate").isEmpty(), "the series ended: no five-minute lookback");
            Alert resolved = t.resolved().stream().filter(a -> a.getName().equals("HighErrorRate")).findFirst()
                    .orElseThrow();
            assertEquals(time("2m5s"), resolved.getResolvedAt());
            assertEquals(0, t.evaluator().counts().currentSeries());
            assertEquals(1, t.evaluator().counts().staleSeries());
        }
    }

    @Test
    void aMarkerDropsAPendingAlertWithoutNotice() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_error_ratio", GENESIS, 0.002);
            assertEquals(AlertState.PENDING, t.alert("HighErrorRate").orElseThrow().getState());
            t.batch("30s", marker("30s"));
            assertEquals(0, t.evaluator().counts().currentSeries(), "withdrawn, not kept with a NaN value");
            assertTrue(t.alert("HighErrorRate").isEmpty());
            assertTrue(t.resolved().isEmpty());
            assertTrue(t.newActions().isEmpty());
        }
    }

    @Test
    void aNewerSampleBringsTheSeriesBackAndOlderOnesAreOutOfOrder() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_error_ratio", GENESIS, 0.002);
            t.batch("1m", marker("1m"));
            assertEquals(new IngestResult(0, 1), t.post("50s", "genesis_error_ratio", GENESIS, 0.002),
                    "older than the marker");
            assertEquals(new IngestResult(1, 0), t.batch("1m", marker("1m")), "a repeated marker is harmless");
            assertTrue(t.alert("HighErrorRate").isEmpty());
            assertEquals(0, t.evaluator().counts().currentSeries());
            t.post("1m15s", "genesis_error_ratio", GENESIS, 0.002);
            Alert alert = t.alert("HighErrorRate").orElseThrow();
            assertEquals(AlertState.PENDING, alert.getState());
            assertEquals(time("1m15s"), alert.getActiveAt(), "a new instance: the old one ended with the series");
            assertEquals(1, t.evaluator().counts().currentSeries());
        }
    }

    @Test
    void aMarkerAndANewerSampleInOneBatchLeaveTheSeriesCurrent() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_error_ratio", GENESIS, 0.002);
            t.batch("30s", marker("15s"), Timeline.sample("30s", "genesis_error_ratio", GENESIS, 0.002));
            assertEquals(time("0"), t.alert("HighErrorRate").orElseThrow().getActiveAt(),
                    "only the batch's last value is seen by the rules");
        }
    }

    @Test
    void aMarkerForAnUnknownSeriesChangesNothingButTime() {
        try (Timeline t = new Timeline()) {
            assertEquals(new IngestResult(1, 0), t.batch("1m", marker("1m")));
            assertEquals(time("1m"), t.evaluator().now().getAsLong());
            assertEquals(0, t.evaluator().counts().currentSeries() + t.evaluator().counts().staleSeries());
        }
    }

    @Test
    void aMarkerIsNoSampleForAbsence() {
        try (Timeline t = new Timeline()) {
            SeriesKey passRate = new SeriesKey("genesis_test_pass_rate", GENESIS);
            t.post("0", "genesis_test_pass_rate", GENESIS, 0.995);
            t.batch("10m", Sample.staleMarker(passRate, time("10m")));
            t.advance("15m1s");
            assertEquals(AlertState.FIRING, t.alert("TestSuiteNotRunning").orElseThrow().getState(),
                    "15 minutes since the last real sample, not since the marker");
        }
    }

    @Test
    void nanComparesFalseLikePromQl() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "2m", "genesis_error_ratio", GENESIS, 0.002);
            assertEquals(AlertState.FIRING, t.alert("HighErrorRate").orElseThrow().getState());
            t.post("2m15s", "genesis_error_ratio", GENESIS, Double.NaN); // 0/0 in a recording rule
            assertTrue(t.alert("HighErrorRate").isEmpty(), "NaN > 0.001 is false: the alert resolves");
            assertEquals(1, t.evaluator().counts().currentSeries(), "a NaN sample is a sample: still current");
            t.post("2m30s", "genesis_test_pass_rate", GENESIS, Double.NaN);
            t.post("2m30s", "up", Map.of("job", "genesis-orchestration"), Double.NaN);
            assertTrue(t.alerts().isEmpty(), "NaN < 0.98 and NaN == 0 are false too: " + t.alerts());
        }
    }

    @Test
    void infinitiesCompareAsNumbers() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_operation_p95_seconds", GENESIS, Double.POSITIVE_INFINITY);
            t.post("0", "genesis_test_pass_rate", GENESIS, Double.NEGATIVE_INFINITY);
            assertEquals(AlertState.PENDING, t.alert("HighLatencyP95").orElseThrow().getState(), "+Inf > 0.2");
            assertEquals(AlertState.PENDING, t.alert("TestPassRateLow").orElseThrow().getState(), "-Inf < 0.98");
            assertEquals(Double.valueOf(Double.POSITIVE_INFINITY), t.alert("HighLatencyP95").orElseThrow().getValue());
        }
    }
}
