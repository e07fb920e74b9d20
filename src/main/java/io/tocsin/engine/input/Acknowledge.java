package io.tocsin.engine.input;

/** An operator acknowledges a pending or firing alert, which stops its escalation; returns the alert. */
public record Acknowledge(String alertId, String by, String comment) implements Input<io.tocsin.engine.fact.Alert> {

    @Override
    public Kind kind() {
        return Kind.ACKNOWLEDGE;
    }
}
