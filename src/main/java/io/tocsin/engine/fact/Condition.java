package io.tocsin.engine.fact;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.kie.api.definition.rule.Rule;

/**
 * A rule's claim that its SLO is breached, for one series (or trend) or, for absence rules, for no series. Rules
 * insert it logically, so it disappears by itself when the breach ends: {@code insertLogical(breach($s));}. The
 * alert lifecycle turns the set of held conditions into pending, firing and resolved alerts; the rule's metadata
 * ({@code @alert}, {@code @for}, {@code @priority}, {@code @summary}, {@code @runbook}) says how. A rule with
 * {@code @success} holds a {@link Violation} instead.
 *
 * <p>Two conditions are equal when they come from the same rule for the same label set: that is what truth
 * maintenance needs to keep one fact while the series' value changes.
 */
public class Condition {

    private final String ruleId;
    private final String ruleName;
    private final String pack;
    private final Observation series;
    private final SortedMap<String, String> labels;
    private final int hash;

    /**
     * A condition of {@code rule} on one series; the alert carries its labels and value. Rules write
     * {@code breach($s)} instead, which also knows whether the rule judges a success criterion.
     */
    public Condition(Rule rule, Observation series) {
        this(rule, series, series.getLabels());
    }

    /** A condition on no series, such as the absence of a metric; rules write {@code breach()}. */
    public Condition(Rule rule) {
        this(rule, null, Map.of());
    }

    Condition(Rule rule, Observation series, Map<String, String> labels) {
        this.pack = rule.getPackageName();
        this.ruleName = rule.getName();
        this.ruleId = pack + "." + ruleName;
        this.series = series;
        // a series' own labels are immutable and sorted: shared, not copied, so the truth maintenance's equality
        // checks between conditions on one series find the same map and stop at identity
        this.labels = series != null && labels == series.getLabels() && labels instanceof SortedMap<String, String> own
                ? own : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        this.hash = Objects.hash(ruleId, this.labels);
    }

    /** Package-qualified rule name, unique in the knowledge base. */
    public String getRuleId() {
        return ruleId;
    }

    public String getRuleName() {
        return ruleName;
    }

    /** The rule pack of the rule that holds it; a pack's rules see only their own pack's violations. */
    public String getPack() {
        return pack;
    }

    public SortedMap<String, String> getLabels() {
        return labels;
    }

    /** The breaching series' current value, or {@code null} for a condition on no series. */
    public Double getValue() {
        return series == null ? null : series.getValue();
    }

    /** What it is held on, or null for a condition on no series (the lifecycle reads values without boxing). */
    public Observation observation() {
        return series;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition other && hash == other.hash && ruleId.equals(other.ruleId)
                && labels.equals(other.labels);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + ruleName + Labels.format(labels) + "]";
    }
}
