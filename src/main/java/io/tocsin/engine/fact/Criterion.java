package io.tocsin.engine.fact;

import java.util.SortedMap;

/**
 * A rollback criterion held over time (a rule with {@code @criterion} instead of {@code @alert}). It is
 * <em>met</em> once it has held for its {@code @for}; it raises no alert and notifies nobody by itself.
 * Rules act on it: {@code Criterion( met )}.
 */
public final class Criterion extends HeldCondition {

    public Criterion(RuleInfo rule, SortedMap<String, String> labels, long activeAt, Double value) {
        super(rule, labels, activeAt, value);
    }

    public boolean isMet() {
        return isFiring();
    }
}
