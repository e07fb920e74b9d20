package io.tocsin.engine.fact;

import java.util.Map;

/**
 * Something a rule wants done, inserted as a fact: {@code insert(new Notify($alert, "slack", "#genesis-alerts"))}.
 * Tocsin records it with the engine time and the rule that inserted it, then dispatches it; the fact stays in
 * the session while its alert does, so rules can say "not yet escalated" with {@code not Escalate(...)}.
 */
public abstract class ActionRequest {

    private final Alert alert;
    private Long decidedAt;

    protected ActionRequest(Alert alert) {
        this.alert = alert;
    }

    /**
     * The engine time of the evaluation that decided it (epoch ms), stamped by the engine as the rule inserts it;
     * so a rule can space attempts: {@code Clock( reached($previous.decidedAt, "30s") )}.
     */
    public Long getDecidedAt() {
        return decidedAt;
    }

    /** Only the engine calls this, once. */
    public void decided(long at) {
        if (decidedAt == null) {
            decidedAt = at;
        }
    }

    /** The alert that caused this action, or null (e.g. a manual rollback). */
    public Alert getAlert() {
        return alert;
    }

    /** {@code notify}, {@code resolve}, {@code escalate}, {@code remediate} or {@code rollback}. */
    public abstract String getType();

    /** Labels the action is about: the alert's, or those of the series that triggered it. */
    public Map<String, String> getLabels() {
        return alert == null ? Map.of() : alert.getLabels();
    }
}
