package io.tocsin.engine.fact;

import org.kie.api.definition.rule.Rule;

/**
 * The rule whose consequence is running on this thread, so {@link Rules#breach} can name it without the rule
 * passing {@code drools.getRule()}. The engine sets it just before each consequence (an agenda listener) and
 * clears it after; nothing else should call these.
 */
public final class CurrentRule {

    private static final ThreadLocal<Rule> FIRING = new ThreadLocal<>();
    private static final ThreadLocal<java.util.Map<String, String>> OVERRIDES = new ThreadLocal<>();

    private CurrentRule() {
    }

    public static void enter(Rule rule) {
        FIRING.set(rule);
    }

    /** Also says which pack settings are overridden ({@code pack.name → value}) for {@link Rules#setting}. */
    public static void enter(Rule rule, java.util.Map<String, String> settingOverrides) {
        FIRING.set(rule);
        OVERRIDES.set(settingOverrides);
    }

    /** Clears by setting null rather than removing: the engine thread fires thousands a second in a storm. */
    public static void exit() {
        FIRING.set(null);
        OVERRIDES.set(null);
    }

    /** The configured override of a pack setting, or null. */
    static String override(String pack, String name) {
        java.util.Map<String, String> overrides = OVERRIDES.get();
        return overrides == null ? null : overrides.get(pack + "." + name);
    }

    static Rule get() {
        Rule rule = FIRING.get();
        if (rule == null) {
            throw new IllegalStateException("breach() belongs in the consequence of a rule that the engine fires");
        }
        return rule;
    }
}
