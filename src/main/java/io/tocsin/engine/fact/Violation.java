package io.tocsin.engine.fact;

import java.util.Map;
import org.kie.api.definition.rule.Rule;

/**
 * A deployment watch's success criterion that does not hold right now: what a {@code @success} rule's
 * {@code breach($s)} inserts. Rules wait on it, e.g. a traffic step is promoted only while there is
 * {@code not Violation()}; the watch records its ranges and worst values.
 */
public final class Violation extends Condition {

    Violation(Rule rule, Observation series, Map<String, String> labels) {
        super(rule, series, labels);
    }
}
