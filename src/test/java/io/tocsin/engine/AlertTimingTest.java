package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import io.tocsin.engine.fact.Durations;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.AlertState;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prometheus' timing, for each hold duration and comparison the test pack uses, with a sample every 15 seconds:
 * pending from the first breaching sample, firing exactly at activeAt + for and not one step earlier; a value
 * exactly on the threshold never breaches.
 */
class AlertTimingTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");
    private static final Map<String, String> NODE = Map.of("instance", "node-1");


    static Stream<Arguments> thresholdAlerts() {
        return Stream.of(
                // alert, metric, labels, breaching value, value exactly on the threshold, for, priority
                Arguments.of("GenesisServiceDown", "up", Map.of("job", "genesis-orchestration", "instance", "g1"),
                        0.0, 1.0, "1m", "P0"),
                Arguments.of("TestPassRateLow", "genesis_test_pass_rate", GENESIS, 0.97, 0.98, "5m", "P1"),
                Arguments.of("HighErrorRate", "genesis_error_ratio", GENESIS, 0.002, 0.001, "2m", "P1"),
                Arguments.of("HighCPUUsage", "node_cpu_utilization_ratio", NODE, 0.85, 0.8, "10m", "P2"),
                Arguments.of("SystemThroughputDegraded", "genesis_throughput_ops_per_second", GENESIS, 5.0, 6.0,
                        "10m", "P3"),
                Arguments.of("IntermittentTestFailures", "genesis_flaky_tests", GENESIS, 4.0, 3.0, "0", "P4"));
    }

    @ParameterizedTest(name = "{0} fires at activeAt + {5}")
    @MethodSource("thresholdAlerts")
    void firesExactlyWhenHeldForItsDuration(String name, String metric, Map<String, String> labels, double breach,
            double onThreshold, String hold, String priority) {
        try (Timeline t = new Timeline()) {
            long holdMillis = Durations.millis(hold);
            for (long at = 0; at <= holdMillis + 30_000; at += 15_000) {
                String offset = at + "ms";
                t.post(offset, metric, labels, breach);
                Alert alert = t.alert(name, labels).orElseThrow(() -> new AssertionError(name + " missing at " + offset));
                assertEquals(time("0"), alert.getActiveAt(), "activeAt");
                AlertState expected = at >= holdMillis ? AlertState.FIRING : AlertState.PENDING;
                assertEquals(expected, alert.getState(), name + " at " + offset);
                if (expected == AlertState.FIRING) {
                    assertEquals(time(hold), alert.getFiredAt(), "firedAt");
                }
            }
            assertEquals(priority, t.alert(name, labels).orElseThrow().getPriority().name());
        }
    }

    @ParameterizedTest(name = "{0} does not breach at exactly {4}")
    @MethodSource("thresholdAlerts")
    void valueOnTheThresholdDoesNotBreach(String name, String metric, Map<String, String> labels, double breach,
            double onThreshold, String hold) {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "15m", metric, labels, onThreshold);
            assertTrue(t.alert(name, labels).isEmpty(), name + " raised at its threshold " + onThreshold);
        }
    }
}
