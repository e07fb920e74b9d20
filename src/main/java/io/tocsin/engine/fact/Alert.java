package io.tocsin.engine.fact;

import java.util.SortedMap;

/**
 * One alert instance. Rules react to it, e.g. {@code Alert( state == AlertState.FIRING, priority == Priority.P1 )};
 * an acknowledgement is recorded on it (and updates only the {@code acknowledged} property, so rules that
 * route on state do not fire again).
 */
public final class Alert extends HeldCondition {

    private Acknowledgement acknowledgement;

    public Alert(RuleInfo rule, SortedMap<String, String> labels, long activeAt, Double value) {
        super(rule, labels, activeAt, value);
    }

    public Priority getPriority() {
        return getRule().priority();
    }

    public String getSeverity() {
        return getRule().priority().severity();
    }

    public boolean isAcknowledged() {
        return acknowledgement != null;
    }

    public Acknowledgement getAcknowledgement() {
        return acknowledgement;
    }

    public void acknowledge(Acknowledgement ack) {
        this.acknowledgement = ack;
    }

    /**
     * True if both alerts have fired, at most {@code duration} (e.g. {@code "1h"}) apart:
     * {@code $a : Alert( firedWithin("1h", $first) )}.
     */
    public boolean firedWithin(String duration, Alert other) {
        return getFiredAt() != null && other.getFiredAt() != null
                && Math.abs(getFiredAt() - other.getFiredAt()) <= Durations.millis(duration);
    }

    /** Who acknowledged an alert, when (engine time, epoch ms) and why. */
    public record Acknowledgement(String by, String comment, long at) {
    }
}
