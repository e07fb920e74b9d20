package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Delivery outcomes reach the rules: the dispatcher's final state of an action comes back as an ActionResult
 * fact about the alert it was for (here: the test pack's failed third restart escalates).
 */
class DeliveryFeedbackTest {

    private static final Map<String, String> ORCH = Map.of("job", "genesis-orchestration", "instance", "g1");


    private static List<Action> restarts(Timeline t) {
        return t.actions(r -> r.type().equals("remediate") && r.destination().equals("restart-genesis"));
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


}
