package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import io.tocsin.engine.fact.Durations;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tocsin.engine.action.Action;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every priority band reaches its receivers once when the alert fires and once when it resolves. */
class RoutingTest {


    static Stream<Arguments> bands() {
        return Stream.of(
                Arguments.of("P0", "up", Map.of("job", "genesis-orchestration"), 0.0, 1.0, "1m",
                        List.of("slack #genesis-alerts", "pagerduty genesis-oncall")),
                Arguments.of("P1", "genesis_error_ratio", Map.of("service", "genesis"), 0.005, 0.0, "2m",
                        List.of("slack #genesis-alerts", "pagerduty genesis-oncall")),
                Arguments.of("P2", "node_disk_utilization_ratio", Map.of("instance", "n1"), 0.9, 0.1, "10m",
                        List.of("slack #genesis-monitoring")),
                Arguments.of("P3", "genesis_halo_routing_avg_seconds", Map.of("service", "genesis"), 0.2, 0.01, "10m",
                        List.of("slack #genesis-monitoring")),
                Arguments.of("P4", "genesis_flaky_tests", Map.of("service", "genesis"), 5.0, 0.0, "0",
                        List.of("email genesis-team", "slack #genesis-logs")));
    }

    @ParameterizedTest(name = "{0}: {6}")
    @MethodSource("bands")
    void routesOnFiringAndOnResolve(String priority, String metric, Map<String, String> labels, double breach,
            double healthy, String hold, List<String> receivers) {
        try (Timeline t = new Timeline()) {
            long holdMillis = Durations.millis(hold);
            for (long at = 0; at <= holdMillis; at += 15_000) {
                t.post(at + "ms", metric, labels, breach);
            }
            // only this band's alert: absence alerts (no test results, no genesis metrics) may fire as well
            List<Action> fired = t.actions(r -> r.type().equals("notify") && r.labels().equals(labels));
            assertEquals(receivers, fired.stream().map(r -> r.receiver() + " " + r.destination()).toList());
            fired.forEach(r -> assertEquals(time(hold), r.at(), "notified at the firing instant"));
            fired.forEach(r -> assertEquals(priority, r.alert().priority()));

            t.post(holdMillis + 15_000 + "ms", metric, labels, healthy);
            t.post(holdMillis + 30_000 + "ms", metric, labels, healthy);
            List<Action> resolved = t.actions(r -> r.type().equals("resolve") && r.labels().equals(labels));
            assertEquals(receivers, resolved.stream().map(r -> r.receiver() + " " + r.destination()).toList());
            resolved.forEach(r -> assertEquals(time(holdMillis + 15_000 + "ms"), r.at()));
            assertEquals(fired.size(), t.actions(r -> r.type().equals("notify") && r.labels().equals(labels)).size(),
                    "no repeat while firing");
        }
    }
}
