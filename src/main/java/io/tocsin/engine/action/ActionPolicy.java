package io.tocsin.engine.action;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planner needs from configuration to turn what rules ask for into actions: the receivers of each
 * escalation target, the commands a rollback and a promotion run, and what runs dry.
 */
public record ActionPolicy(boolean dryRun, Set<String> dryRunCommands, Map<String, List<String>> escalation,
        String rollbackCommand, String promoteCommand) {

    public ActionPolicy {
        dryRunCommands = Set.copyOf(dryRunCommands);
        escalation = Map.copyOf(escalation);
    }

    /** Nothing dry, no escalation targets; for tests. */
    public static ActionPolicy defaults() {
        return new ActionPolicy(false, Set.of(), Map.of(), "rollback", "promote");
    }

    public ActionPolicy withDryRun(boolean dryRun) {
        return new ActionPolicy(dryRun, dryRunCommands, escalation, rollbackCommand, promoteCommand);
    }
}
