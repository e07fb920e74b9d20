package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionPolicy;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.testing.Timeline;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code tocsin.dry-run=true}: every action is recorded as dry-run and nothing is handed to the dispatcher. */
class DryRunTest {

    /** A 2% error ratio for 6 minutes: notifications, an LLM remediation and a rollback are decided. */
    private static List<Action> breach(Timeline t) {
        t.every("15s", "0", "6m", "genesis_error_ratio", Map.of("service", "genesis", "category", "llm"), 0.02);
        return t.actions();
    }

    private static ActionPolicy live(boolean dryRun) {
        return new ActionPolicy(dryRun, Set.of(), Timeline.POLICY.escalation(), "rollback", "promote");
    }

    @Test
    void dryRunRecordsEverythingAndDispatchesNothing() {
        try (Timeline t = new Timeline(live(true))) {
            List<Action> decided = breach(t);
            assertEquals(Set.of("notify", "remediate", "rollback"),
                    Set.copyOf(decided.stream().map(Action::type).toList()));
            assertTrue(decided.stream().allMatch(a -> t.state(a).status() == DeliveryState.Status.DRY_RUN));
            assertTrue(t.toDeliver().isEmpty());
        }
    }

    @Test
    void withoutDryRunTheSameActionsAreDispatched() {
        try (Timeline t = new Timeline(live(false))) {
            List<Action> decided = breach(t);
            assertFalse(decided.isEmpty());
            assertEquals(Set.of("notify", "remediate", "rollback"),
                    Set.copyOf(decided.stream().map(Action::type).toList()));
            assertTrue(decided.stream().allMatch(a -> t.state(a).status() == DeliveryState.Status.PENDING));
            assertEquals(decided, t.toDeliver());
        }
    }
}
