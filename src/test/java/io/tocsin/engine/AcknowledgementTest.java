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

/**
 * An acknowledgement changes only the alert's {@code acknowledged} property: rules that wait for it stop, rules
 * that route on the alert's state do not fire again. On the test pack, HighErrorRate (P1, for 2m) fires at 2m and
 * an unacknowledged P1 escalates 30 minutes after firing.
 */
class AcknowledgementTest {

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



}
