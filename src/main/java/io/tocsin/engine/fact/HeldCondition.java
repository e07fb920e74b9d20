package io.tocsin.engine.fact;

import java.util.SortedMap;

/**
 * A rule's condition followed over time: pending from the first evaluation it holds ({@code activeAt}), firing
 * once it has held for the rule's {@code @for} ({@code firedAt}), resolved when it stops ({@code resolvedAt}).
 * Kept explicitly, never inferred from how often a rule fired. Only the engine's lifecycle changes it.
 * {@link Alert}s are held conditions that people are told about; {@link Criterion}s are ones that trigger
 * automation (rollback) without an alert of their own.
 */
public abstract class HeldCondition {

    private final String id;
    private final String fingerprint;
    private final RuleInfo rule;
    private final SortedMap<String, String> labels;
    private final long activeAt;
    private AlertState state = AlertState.PENDING;
    private Long firedAt;
    private Long resolvedAt;
    // the latest value, unboxed: it is refreshed on every evaluation in which series move, read far less often
    private double value;
    private boolean hasValue;
    private boolean inMaintenance;

    protected HeldCondition(RuleInfo rule, SortedMap<String, String> labels, long activeAt, Double value) {
        this.rule = rule;
        this.labels = labels;
        this.activeAt = activeAt;
        this.hasValue = value != null;
        this.value = hasValue ? value : 0.0;
        this.fingerprint = Fingerprint.of(rule.heldName(), labels);
        this.id = fingerprint + "-" + Long.toHexString(activeAt);
    }

    /** Unique per instance: the fingerprint plus the time it became active. */
    public String getId() {
        return id;
    }

    /** Stable for the name and label set, across instances (as Alertmanager's fingerprint). */
    public String getFingerprint() {
        return fingerprint;
    }

    /** The alert or criterion name from the rule's metadata. */
    public String getName() {
        return rule.heldName();
    }

    public RuleInfo getRule() {
        return rule;
    }

    /** The rule pack that raised it: rules of one pack react to their own alerts with {@code pack == "genesis"}. */
    public String getPack() {
        return rule.pack();
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

    public long getActiveAt() {
        return activeAt;
    }

    public Long getFiredAt() {
        return firedAt;
    }

    public Long getResolvedAt() {
        return resolvedAt;
    }

    /** The series' value at the last evaluation the condition held; null for conditions on no series. */
    public Double getValue() {
        return hasValue ? value : null;
    }

    /**
     * True while a maintenance silence matches it (its name as {@code alertname}, its labels): the packs'
     * automation rules say {@code inMaintenance == false} so that nothing is restarted, rolled back or promoted
     * while people work on it. Only the engine changes it, as maintenance windows start and end.
     */
    public boolean isInMaintenance() {
        return inMaintenance;
    }

    /** Only the engine calls this; returns whether it changed. */
    public boolean maintenance(boolean inMaintenance) {
        boolean changed = this.inMaintenance != inMaintenance;
        this.inMaintenance = inMaintenance;
        return changed;
    }

    public void observe(Double latest) {
        hasValue = latest != null;
        value = hasValue ? latest : 0.0;
    }

    /** Takes the value {@code latest} holds now (null: a condition on no series), without boxing it. */
    public void observe(Observation latest) {
        hasValue = latest != null;
        value = hasValue ? latest.getValue() : 0.0;
    }

    public void fire(long now) {
        state = AlertState.FIRING;
        firedAt = now;
    }

    public void resolve(long now) {
        state = AlertState.RESOLVED;
        resolvedAt = now;
    }

    /** Puts back the lifecycle saved before a restart; only the engine calls this, before it is a fact. */
    public void restore(AlertState state, Long firedAt, Long resolvedAt) {
        this.state = state;
        this.firedAt = firedAt;
        this.resolvedAt = resolvedAt;
    }

    @Override
    public String toString() {
        return getName() + Labels.format(labels) + " " + state.wireName();
    }
}
