package io.tocsin.engine.fact;

import org.kie.api.definition.rule.Rule;

/**
 * Functions every rule pack can call; Tocsin imports them into each pack's DRL ({@code import function
 * io.tocsin.engine.fact.Rules.*}), so consequences read like the runbook:
 * <pre>
 * then
 *     insertLogical(breach($s));
 * </pre>
 */
public final class Rules {

    private Rules() {
    }

    /**
     * The breach of the running rule for one series or trend: a {@link Condition} for {@code @alert} and
     * {@code @criterion} rules, a {@link Violation} for {@code @success} rules. Insert it logically.
     */
    public static Condition breach(Observation observed) {
        Rule rule = CurrentRule.get();
        return success(rule) ? new Violation(rule, observed, observed.getLabels())
                : new Condition(rule, observed, observed.getLabels());
    }

    /** The breach of the running rule on no series (an absence); the alert has no labels and no value. */
    public static Condition breach() {
        Rule rule = CurrentRule.get();
        return success(rule) ? new Violation(rule, null, java.util.Map.of()) : new Condition(rule);
    }

    /**
     * A pack setting with the value the pack declares, or the override configuration or a rule test gives
     * ({@code tocsin.settings.<pack>.<name>}); insert it logically from a {@code @setting} rule.
     */
    public static Setting setting(String name, String value) {
        Rule rule = CurrentRule.get();
        String override = CurrentRule.override(rule.getPackageName(), name);
        return new Setting(rule.getPackageName(), name, override != null ? override : value, value);
    }

    /** Milliseconds in a Prometheus duration such as {@code "30m"} or {@code "1h"}, to compare with times. */
    public static long duration(String text) {
        return Durations.millis(text);
    }

    private static boolean success(Rule rule) {
        return rule.getMetaData().containsKey("success");
    }
}
