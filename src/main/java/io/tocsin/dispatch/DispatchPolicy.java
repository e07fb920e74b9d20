package io.tocsin.dispatch;

import io.tocsin.config.TocsinConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the planner needs from configuration to turn an action into deliveries: escalation targets, the
 * rollback command, and what runs dry.
 */
public record DispatchPolicy(boolean dryRun, Set<String> dryRunCommands, Map<String, List<String>> escalation,
        String rollbackCommand) {

    public static DispatchPolicy from(TocsinConfig config) {
        Map<String, List<String>> escalation = new HashMap<>();
        config.escalation().forEach((target, t) -> escalation.put(target, List.copyOf(t.receivers())));
        Set<String> dry = config.commands().entrySet().stream().filter(e -> e.getValue().dryRun())
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
        return new DispatchPolicy(config.dryRun(), dry, Map.copyOf(escalation), config.rollback().command());
    }
}
