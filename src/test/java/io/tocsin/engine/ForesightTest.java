package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.fact.Alert;
import io.tocsin.testing.Timeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the rules will do about an open alert as time passes, found by running the rules ahead on a probe session:
 * on the test pack an unacknowledged firing P1 escalates to the incident commander 30 minutes after firing and to
 * the engineering lead 2 hours after, which is what the foresight must say, to the millisecond, without the engine
 * knowing either threshold. Asking changes nothing.
 */
class ForesightTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");

    private static List<String> foreseen(Timeline t) {
        return t.evaluator().foreseen().stream()
                .map(r -> r.type() + " " + r.target() + " at " + (r.at() - time("0")) / 1000 + "s" + (r.exact() ? ""
                        : " (at the latest)") + " by " + r.rule().file() + ":" + r.rule().line())
                .toList();
    }

    @Test
    void theNextEscalationsOfAFiringAlertAndWhenTheyAreDue() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "5m", "genesis_error_ratio", GENESIS, 0.005); // fires at 2m
            assertEquals(List.of("escalate incident-commander at 1920s by fixture/escalation.drl:8",
                    "escalate engineering-lead at 7320s by fixture/escalation.drl:17"), foreseen(t));
        }
    }

    @Test
    void aPendingAlertHasNoEscalationYetAndAnAcknowledgedOneNoMore() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_error_ratio", GENESIS, 0.005);
            assertEquals(List.of(), foreseen(t), "pending: escalation rules wait for firing");
            t.every("15s", "15s", "3m", "genesis_error_ratio", GENESIS, 0.005);
            Alert alert = t.alert("HighErrorRate").orElseThrow();
            t.acknowledge(alert.getId(), "alice", "on it");
            assertEquals(List.of(), foreseen(t));
        }
    }

    @Test
    void onceAnEscalationIsDecidedTheNextOneIsForeseen() {
        try (Timeline t = new Timeline()) {
            t.every("1m", "0", "35m", "genesis_error_ratio", GENESIS, 0.005);
            assertTrue(t.actions(a -> a.type().equals("escalate")).size() > 0, "escalated at 32m");
            assertEquals(List.of("escalate engineering-lead at 7320s by fixture/escalation.drl:17"), foreseen(t));
        }
    }

    @Test
    void askingChangesNothing() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (Timeline asked = new Timeline(); Timeline notAsked = new Timeline()) {
            for (Timeline t : List.of(asked, notAsked)) {
                t.every("15s", "0", "5m", "genesis_error_ratio", GENESIS, 0.005);
            }
            foreseen(asked);
            foreseen(asked);
            for (Timeline t : List.of(asked, notAsked)) {
                t.every("1m", "6m", "3h", "genesis_error_ratio", GENESIS, 0.005);
            }
            assertEquals(json.writeValueAsString(notAsked.capture()), json.writeValueAsString(asked.capture()));
            assertEquals(2, asked.actions(a -> a.type().equals("escalate") && a.receiver().equals("pagerduty"))
                    .size(), "both escalations happened, once each");
        }
    }
}
