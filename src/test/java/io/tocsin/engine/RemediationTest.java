package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Automated responses of the Genesis pack. */
class RemediationTest {

    private static final Map<String, String> ORCH = Map.of("job", "genesis-orchestration", "instance", "g1");


    private static List<Action> restarts(Timeline t) {
        return t.actions(r -> r.type().equals("remediate") && r.destination().equals("restart-genesis"));
    }

    @Test
    void restartsAfter30And60And90SecondsOfDowntimeAtMostThreeTimes() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "15s", "up", ORCH, 0);
            assertEquals(List.of(), restarts(t));
            t.every("15s", "30s", "5m", "up", ORCH, 0);
            List<Action> restarts = restarts(t);
            assertEquals(List.of(time("30s"), time("60s"), time("90s")), restarts.stream().map(Action::at).toList());
            assertEquals(List.of(1, 2, 3), restarts.stream().map(a -> ((Action.Remediate) a).attempt()).toList());
            assertEquals(ORCH, restarts.get(0).labels());
        }
    }

    @Test
    void downtimeThatEndsStopsRestarting() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "45s", "up", ORCH, 0);
            t.every("15s", "1m", "2m", "up", ORCH, 1);
            assertEquals(1, restarts(t).size());
        }
    }

    @Test
    void failedThirdRestartEscalatesToTheIncidentCommander() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "90s", "up", ORCH, 0);
            List<Action> restarts = restarts(t);
            t.result(restarts.get(0), false, 1);
            t.result(restarts.get(1), false, 1);
            assertTrue(t.actions(r -> r.type().equals("escalate")).isEmpty(), "only the third failure escalates");
            t.result(restarts.get(2), false, 1);
            List<Action> escalated = t.actions(r -> r.type().equals("escalate"));
            assertEquals(List.of("pagerduty", "slack"), escalated.stream().map(Action::receiver).toList());
            escalated.forEach(r -> {
                assertEquals("incident-commander", r.destination());
                assertEquals("third restart failed", r.reason());
                assertEquals("GenesisServiceDown", r.alert().name());
            });
        }
    }

    @Test
    void successfulThirdRestartDoesNotEscalate() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "90s", "up", ORCH, 0);
            t.result(restarts(t).get(2), true, 0);
            assertTrue(t.actions(r -> r.type().equals("escalate")).isEmpty());
        }
    }

    @Test
    void errorCategoryPicksTheRemediation() {
        try (Timeline t = new Timeline()) {
            for (int s = 0; s <= 180; s += 15) {
                t.batch(s + "s",
                        Timeline.sample(s + "s", "genesis_error_ratio", Map.of("service", "g", "category", "llm"), 0.005),
                        Timeline.sample(s + "s", "genesis_error_ratio", Map.of("service", "g", "category", "network"), 0.005),
                        Timeline.sample(s + "s", "genesis_error_ratio", Map.of("service", "g", "category", "db"), 0.005));
            }
            List<String> commands = t.actions(r -> r.type().equals("remediate")).stream()
                    .map(r -> r.destination() + " " + r.labels().get("category") + " at " + r.at()).toList();
            assertEquals(List.of("disable-llm llm at " + time("2m"), "enable-circuit-breaker network at " + time("2m")),
                    commands);
        }
    }

    @Test
    void slowHtdagEnablesTheCacheOnce() {
        try (Timeline t = new Timeline()) {
            t.every("1m", "0", "30m", "genesis_htdag_decomposition_avg_seconds", Map.of("service", "g"), 0.3);
            List<Action> cache = t.actions(r -> r.destination().equals("enable-cache"));
            assertEquals(1, cache.size());
            assertEquals(time("10m"), cache.get(0).at());
        }
    }
}
