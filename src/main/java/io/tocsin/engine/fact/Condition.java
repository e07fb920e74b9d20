package io.tocsin.engine.fact;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.kie.api.definition.rule.Rule;

/**
 * A rule's claim that its SLO is breached, for one series or (for absence rules) for no series. Rules insert it
 * logically, so it disappears by itself when the breach ends:
 * {@code insertLogical(new Condition(drools.getRule(), $series));}. The alert lifecycle turns the set of held
 * conditions into pending, firing and resolved alerts; the rule's metadata ({@code @alert}, {@code @for},
 * {@code @priority}, {@code @summary}, {@code @runbook}) says how.
 *
 * <p>Two conditions are equal when they come from the same rule for the same label set: that is what truth
 * maintenance needs to keep one fact while the series' value changes.
 */
public final class Condition {

    private final String ruleId;
    private final String ruleName;
    private final String rulePackage;
    private final Observation series;
    private final SortedMap<String, String> labels;
    private final boolean success;
    private final int hash;

    /** A condition on one series (or trend); the alert carries its labels and value. */
    public Condition(Rule rule, Observation series) {
        this(rule, series, series.getLabels());
    }

    /** A condition on no series, such as the absence of a metric; the alert has no labels and no value. */
    public Condition(Rule rule) {
        this(rule, null, Map.of());
    }

    private Condition(Rule rule, Observation series, Map<String, String> labels) {
        this.rulePackage = rule.getPackageName();
        this.ruleName = rule.getName();
        this.ruleId = rulePackage + "." + ruleName;
        this.series = series;
        this.labels = new TreeMap<>(labels);
        this.success = rule.getMetaData().containsKey("success");
        this.hash = Objects.hash(ruleId, this.labels);
    }

    /** Package-qualified rule name, unique in the knowledge base. */
    public String getRuleId() {
        return ruleId;
    }

    public String getRuleName() {
        return ruleName;
    }

    public String getRulePackage() {
        return rulePackage;
    }

    public SortedMap<String, String> getLabels() {
        return labels;
    }

    /** True for a violated success criterion of deployment watches (a rule with {@code @success}). */
    public boolean isSuccess() {
        return success;
    }

    /** The breaching series' current value, or {@code null} for a condition on no series. */
    public Double getValue() {
        return series == null ? null : series.getValue();
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
        return "Condition[" + ruleName + Labels.format(labels) + "]";
    }
}
