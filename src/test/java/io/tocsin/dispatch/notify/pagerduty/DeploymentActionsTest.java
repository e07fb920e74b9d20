package io.tocsin.dispatch.notify.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tocsin.dispatch.Messages;
import io.tocsin.engine.action.Action;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Actions about a deployment rather than an alert (a rollback's follow-through): an escalation and a rule's note
 * have titles that name the deployment and PagerDuty keys of their own.
 */
class DeploymentActionsTest {

    private static TreeMap<String, String> deployment(String id) {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("deployment", id);
        return labels;
    }

    @Test
    void anEscalationOfADeployment() {
        Action.Escalate e = new Action.Escalate(7, 0, null, "pagerduty", "incident-commander", deployment("d2"), null,
                "rollback of d2 failed with exit code 2");
        assertEquals("d2", e.deployment());
        assertEquals("[ESCALATION to incident-commander] deployment d2 - rollback of d2 failed with exit code 2",
                Messages.title(e));
        assertEquals("tocsin-deployment-d2-incident-commander", PagerDutyReceiver.dedupKey(e));
    }

    @Test
    void aNoteAboutADeployment() {
        Action.Announce n = new Action.Announce(8, 0, null, "slack", "#genesis-alerts", deployment("d2"), "d2",
                Action.Topic.NOTE, "rollback completed in 7m", null);
        assertEquals("[NOTE] deployment d2: rollback completed in 7m", Messages.title(n));
        assertEquals("tocsin-note-8", PagerDutyReceiver.dedupKey(n));
    }
}
