package io.tocsin.engine.input;

import java.util.List;

/**
 * Before the rules are reloaded: the alerts and criteria of rules the new rules no longer have end now, under the
 * rules that raised them, so their resolve notifications go out as those rules route them. Returns how many
 * firing alerts were resolved.
 *
 * @param rules package-qualified ids of the rules going away
 */
public record RetireRules(List<String> rules) implements Input<Integer> {

    public RetireRules {
        rules = List.copyOf(rules);
    }

    @Override
    public Kind kind() {
        return Kind.RETIRE_RULES;
    }
}
