package io.tocsin.engine;

import io.tocsin.engine.fact.Condition;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** What identifies a held condition, an alert or a criterion: the rule and the label set. */
record HeldKey(String ruleId, SortedMap<String, String> labels) {

    static HeldKey of(Condition condition) {
        return new HeldKey(condition.getRuleId(), condition.getLabels());
    }

    static HeldKey of(String ruleId, Map<String, String> labels) {
        return new HeldKey(ruleId, new TreeMap<>(labels));
    }
}
