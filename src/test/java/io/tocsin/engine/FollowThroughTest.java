package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.fact.ActionResult;
import io.tocsin.engine.input.DeliveryUpdate;
import io.tocsin.testing.Timeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What rules need to follow a rollback through: its command's outcome comes back as an {@code ActionResult}
 * naming the deployment, and rules may note it ({@code Notify} about a deployment, in their words) or escalate
 * the deployment ({@code Escalate} about no alert). Both are actions like any other, labelled with the
 * deployment.
 */
class FollowThroughTest {

    private static Action rollback(Timeline t, String id) {
        t.register(id, "1.0.0", null);
        t.rollBack(id, "bad canary", "carol");
        return t.actions(a -> a.kind() == Action.Kind.ROLLBACK && id.equals(a.deployment())).get(0);
    }

    private static void outcome(Timeline t, Action action, DeliveryState outcome) {
        t.apply(new DeliveryUpdate(outcome));
    }

    @Test
    void aSuccessfulRollbackIsNotedAboutItsDeployment() {
        try (Timeline t = new Timeline()) {
            t.advance("0");
            Action rollback = rollback(t, "d1");
            DeliveryState started = DeliveryState.decided(rollback.id(), DeliveryState.Status.PENDING).attempting();
            outcome(t, rollback, started.sent("process", new DeliveryState.CommandOutcome(0, 100, "")));
            assertEquals(1, t.evaluator().count(ActionResult.class, r -> "d1".equals(r.getDeployment())));
            List<Action> notes = t.actions(a -> a instanceof Action.Announce n && n.topic() == Action.Topic.NOTE);
            assertEquals(1, notes.size());
            Action note = notes.get(0);
            assertEquals("d1", note.deployment());
            assertEquals("rollback sent", note.reason());
            assertEquals(java.util.Map.of("deployment", "d1"), note.labels());
            assertEquals(List.of(), t.actions(a -> a.kind() == Action.Kind.ESCALATE));
        }
    }

    @Test
    void aFailedRollbackEscalatesItsDeployment() {
        try (Timeline t = new Timeline()) {
            t.advance("0");
            Action rollback = rollback(t, "d2");
            t.advance("1m");
            outcome(t, rollback, DeliveryState.decided(rollback.id(), DeliveryState.Status.PENDING).attempting()
                    .failed("timed out", "process", null));
            List<Action> escalations = t.actions(a -> a.kind() == Action.Kind.ESCALATE);
            assertEquals(2, escalations.size(), "one per receiver of the incident commander");
            escalations.forEach(e -> {
                assertNull(e.alert());
                assertEquals("d2", e.deployment());
                assertEquals("rollback failed", e.reason());
                assertEquals(time("1m"), e.at());
            });
        }
    }
}
