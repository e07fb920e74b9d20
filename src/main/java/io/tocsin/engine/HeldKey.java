package io.tocsin.engine;

import io.tocsin.engine.fact.Condition;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What identifies a held condition, an alert or a criterion: the rule and the label set. Its hash is computed
 * once (the lifecycle looks keys up several times per evaluation, and hashing a label map walks it); a key made
 * from a condition reuses the condition's.
 */
final class HeldKey {

    private final String ruleId;
    private final SortedMap<String, String> labels;
    private final int hash;

    private HeldKey(String ruleId, SortedMap<String, String> labels, int hash) {
        this.ruleId = ruleId;
        this.labels = labels;
        this.hash = hash;
    }

    static HeldKey of(Condition condition) {
        return new HeldKey(condition.getRuleId(), condition.getLabels(), condition.hashCode());
    }

    static HeldKey of(String ruleId, Map<String, String> labels) {
        SortedMap<String, String> sorted = new TreeMap<>(labels);
        return new HeldKey(ruleId, sorted, Objects.hash(ruleId, sorted));
    }

    String ruleId() {
        return ruleId;
    }

    SortedMap<String, String> labels() {
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeldKey other && hash == other.hash && ruleId.equals(other.ruleId)
                && labels.equals(other.labels);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return ruleId + labels;
    }
}
