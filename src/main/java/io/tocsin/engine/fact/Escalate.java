package io.tocsin.engine.fact;

/**
 * Escalation of an alert to a named target such as {@code incident-commander}; delivered through the target's
 * receivers ({@code tocsin.escalation.<target>.receivers}).
 */
public final class Escalate extends ActionRequest {

    private final String target;
    private final String reason;

    public Escalate(Alert alert, String target, String reason) {
        super(alert);
        this.target = target;
        this.reason = reason;
    }

    @Override
    public String getType() {
        return "escalate";
    }

    public String getTarget() {
        return target;
    }

    public String getReason() {
        return reason;
    }
}
