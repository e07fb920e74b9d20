package io.tocsin.engine.fact;

import io.tocsin.engine.RuleInfo;
import java.util.SortedMap;

/**
 * Lifecycle state of one alert instance, kept explicitly (never inferred from how often a rule fired). Only
 * the alert lifecycle changes it; rules read it, e.g. {@code Alert( firing, priority == Priority.P1 )}.
 */
public final class Alert {

    private final String id;
    private final String fingerprint;
    private final RuleInfo rule;
    private final SortedMap<String, String> labels;
    private final long activeAt;
    private AlertState state = AlertState.PENDING;
    private Long firedAt;
    private Long resolvedAt;
    private Double value;

    public Alert(RuleInfo rule, SortedMap<String, String> labels, long activeAt, Double value) {
        this.rule = rule;
        this.labels = labels;
        this.activeAt = activeAt;
        this.value = value;
        this.fingerprint = Fingerprint.of(rule.alert(), labels);
        this.id = fingerprint + "-" + Long.toHexString(activeAt);
    }

    /** Unique per instance: the fingerprint plus the time it became active. */
    public String getId() {
        return id;
    }

    /** Stable for the alert name and label set, across instances (as Alertmanager's fingerprint). */
    public String getFingerprint() {
        return fingerprint;
    }

    public String getName() {
        return rule.alert();
    }

    public RuleInfo getRule() {
        return rule;
    }

    public SortedMap<String, String> getLabels() {
        return labels;
    }

    public AlertState getState() {
        return state;
    }

    public boolean isPending() {
        return state == AlertState.PENDING;
    }

    public boolean isFiring() {
        return state == AlertState.FIRING;
    }

    public boolean isResolved() {
        return state == AlertState.RESOLVED;
    }

    public Priority getPriority() {
        return rule.priority();
    }

    public String getSeverity() {
        return rule.priority().severity();
    }

    public long getActiveAt() {
        return activeAt;
    }

    public Long getFiredAt() {
        return firedAt;
    }

    public Long getResolvedAt() {
        return resolvedAt;
    }

    public Double getValue() {
        return value;
    }


    public void observe(Double latest) {
        this.value = latest;
    }

    public void fire(long now) {
        state = AlertState.FIRING;
        firedAt = now;
    }

    public void resolve(long now) {
        state = AlertState.RESOLVED;
        resolvedAt = now;
    }

    @Override
    public String toString() {
        return getName() + Labels.format(labels) + " " + state.wireName();
    }
}
