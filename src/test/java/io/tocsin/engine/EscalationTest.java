package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.fact.Alert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escalation paths of the Genesis pack, on event time. HighErrorRate (P1, for 2m) fires at 2m. */
class EscalationTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");


    private static List<String> escalations(Timeline t) {
        return t.actions(r -> r.type().equals("escalate")).stream()
                .map(r -> r.destination() + " via " + r.receiver() + " at " + (r.at() - time("0")) / 1000 + "s")
                .toList();
    }

    private static void breach(Timeline t, String from, String to) {
        t.every("1m", from, to, "genesis_error_ratio", GENESIS, 0.005);
    }

    @Test
    void unacknowledgedP1EscalatesAt30MinutesAndAt2HoursAfterFiring() {
        try (Timeline t = new Timeline()) {
            breach(t, "0", "31m");
            assertEquals(List.of(), escalations(t), "not before 30 minutes after firing at 2m");
            breach(t, "32m", "32m");
            assertEquals(List.of("incident-commander via pagerduty at 1920s", "incident-commander via slack at 1920s"),
                    escalations(t));
            breach(t, "33m", "2h1m");
            assertEquals(2, escalations(t).size(), "not before 2h after firing");
            breach(t, "2h2m", "2h5m");
            assertEquals(List.of("incident-commander via pagerduty at 1920s", "incident-commander via slack at 1920s",
                    "engineering-lead via pagerduty at 7320s", "engineering-lead via email at 7320s"), escalations(t));
        }
    }

    @Test
    void escalationIsExactlyThirtyMinutesAfterFiring() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "32m", "genesis_error_ratio", GENESIS, 0.005);
            Action first = t.actions(r -> r.type().equals("escalate")).get(0);
            assertEquals(time("32m"), first.at(), "30 minutes after firedAt = 2m, not one 15-second step earlier");
        }
    }

    @Test
    void acknowledgementStopsFurtherEscalation() {
        try (Timeline t = new Timeline()) {
            breach(t, "0", "10m");
            Alert alert = t.alert("HighErrorRate").orElseThrow();
            t.acknowledge(alert.getId(), "alice", "looking into it");
            breach(t, "11m", "3h");
            assertEquals(List.of(), escalations(t));
            assertEquals(2, t.actions(r -> r.type().equals("notify") && r.alert().name().equals("HighErrorRate"))
                    .size(), "ack does not re-notify");
        }
    }

    @Test
    void acknowledgementAfterTheFirstEscalationStopsTheSecond() {
        try (Timeline t = new Timeline()) {
            breach(t, "0", "40m");
            assertEquals(2, escalations(t).size());
            t.acknowledge(t.alert("HighErrorRate").orElseThrow().getId(), "bob", null);
            breach(t, "41m", "3h");
            assertEquals(2, escalations(t).size());
        }
    }

    @Test
    void resolutionStopsEscalation() {
        try (Timeline t = new Timeline()) {
            breach(t, "0", "20m");
            t.every("1m", "21m", "3h", "genesis_error_ratio", GENESIS, 0.0);
            assertEquals(List.of(), escalations(t));
        }
    }

    @Test
    void twoDistinctP1AlertsWithinAnHourEscalateAtOnce() {
        try (Timeline t = new Timeline()) {
            // HighErrorRate fires at 2m; HighLatencyP95 (for 5m) starts at 10m and fires at 15m.
            for (int m = 0; m <= 15; m++) {
                t.post(m + "m", "genesis_error_ratio", GENESIS, 0.005);
                if (m >= 10) {
                    t.post(m + "m", "genesis_operation_p95_seconds", GENESIS, 0.3);
                }
            }
            List<Action> escalated = t.actions(r -> r.type().equals("escalate"));
            assertEquals(2, escalated.size(), "pagerduty and slack for the incident commander");
            escalated.forEach(r -> {
                assertEquals("incident-commander", r.destination());
                assertEquals("HighLatencyP95", r.alert().name());
                assertEquals(time("15m"), r.at());
                assertTrue(r.reason().contains("HighErrorRate"), r.reason());
            });
        }
    }

    @Test
    void twoP1AlertsMoreThanAnHourApartDoNotEscalateTogether() {
        try (Timeline t = new Timeline()) {
            for (int m = 0; m <= 70; m++) {
                t.post(m + "m", "genesis_test_pass_rate", GENESIS, 0.97); // TestPassRateLow fires at 5m
                if (m >= 64) {
                    t.post(m + "m", "genesis_operation_p95_seconds", GENESIS, 0.3); // fires at 69m
                }
            }
            Alert pass = t.alert("TestPassRateLow").orElseThrow();
            t.acknowledge(pass.getId(), "carol", "known");
            assertTrue(t.actions(r -> r.type().equals("escalate") && r.alert().name().equals("HighLatencyP95"))
                    .isEmpty(), "fired 64 minutes apart");
        }
    }

    @Test
    void genesisDownWithAnotherP1IsASystemWideOutage() {
        try (Timeline t = new Timeline()) {
            for (int s = 0; s <= 120; s += 15) {
                t.batch(s + "s", Timeline.sample(s + "s", "up", Map.of("job", "genesis-orchestration"), 0),
                        Timeline.sample(s + "s", "genesis_error_ratio", GENESIS, 0.005));
            }
            List<Action> cto = t.actions(r -> r.destination().equals("cto"));
            assertEquals(Timeline.POLICY.escalation().get("cto"), cto.stream().map(Action::receiver).toList(),
                    "one record per receiver configured for the cto target");
            cto.forEach(r -> {
                assertEquals("GenesisServiceDown", r.alert().name());
                assertEquals(time("2m"), r.at(), "when the second P0/P1 alert fires");
            });
        }
    }
}
