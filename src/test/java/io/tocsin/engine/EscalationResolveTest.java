package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tocsin.dispatch.notify.pagerduty.PagerDutyEvents;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.fact.Alert;
import io.tocsin.testing.Timeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An escalation through PagerDuty opens an incident under its own key; when the alert resolves, the engine
 * decides a resolve for it too, under that same key, so no escalation incident stays open.
 */
class EscalationResolveTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");

    @Test
    void aResolvedAlertResolvesTheIncidentsItsEscalationsOpened() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "35m", "genesis_error_ratio", GENESIS, 0.002); // fires at 2m, escalates at 32m
            Alert alert = t.alert("HighErrorRate").orElseThrow();
            List<Action> escalations = t.actions(a -> a.kind() == Action.Kind.ESCALATE);
            assertEquals(List.of("pagerduty", "slack"), escalations.stream().map(Action::receiver).toList());
            t.newActions();
            t.post("35m15s", "genesis_error_ratio", GENESIS, 0.0);
            List<Action> resolves = t.newActions().stream()
                    .filter(a -> a instanceof Action.Resolve r && r.escalation() != null).toList();
            assertEquals(1, resolves.size(), "one per target reached through PagerDuty; Slack needs none");
            Action.Resolve resolve = (Action.Resolve) resolves.get(0);
            assertEquals("pagerduty", resolve.receiver());
            assertEquals("incident-commander", resolve.destination());
            assertEquals("tocsin-" + alert.getId() + "-incident-commander",
                    PagerDutyEvents.dedupKey(escalations.get(0)));
            assertEquals(PagerDutyEvents.dedupKey(escalations.get(0)), PagerDutyEvents.dedupKey(resolve),
                    "the resolve closes the escalation's own incident");
            assertEquals("resolve", PagerDutyEvents.event(resolve, "key").get("event_action"));
            assertNull(resolve.rule());
        }
    }
}
