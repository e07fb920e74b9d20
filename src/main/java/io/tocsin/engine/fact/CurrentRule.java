package io.tocsin.engine.fact;

import org.kie.api.definition.rule.Rule;

/**
 * The rule whose consequence is running on this thread, so {@link Rules#breach} can name it without the rule
 * passing {@code drools.getRule()}. The engine sets it just before each consequence (an agenda listener) and
 * clears it after; nothing else should call these.
 */
public final class CurrentRule {

    private static final ThreadLocal<Rule> FIRING = new ThreadLocal<>();

    private CurrentRule() {
    }

    public static void enter(Rule rule) {
        FIRING.set(rule);
    }

    public static void exit() {
        FIRING.remove();
    }

    static Rule get() {
        Rule rule = FIRING.get();
        if (rule == null) {
            throw new IllegalStateException("breach() belongs in the consequence of a rule that the engine fires");
        }
        return rule;
    }
}
