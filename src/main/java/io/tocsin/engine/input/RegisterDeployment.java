package io.tocsin.engine.input;

import io.tocsin.engine.fact.Deployment;
import java.util.List;
import java.util.Map;

/**
 * A new current deployment, which re-arms automatic rollback and opens its watch: {@code startedAt} (engine time
 * when null), baseline values of metrics for the watch's criteria, and the traffic steps of a progressive rollout.
 */
public record RegisterDeployment(String id, String version, Long startedAt, Map<String, Double> baseline,
        List<Step> steps) implements Input<Deployment> {

    /** A traffic step: after how long (ms from the start), to what percentage. */
    public record Step(long afterMillis, int traffic) {
    }

    public RegisterDeployment {
        baseline = Map.copyOf(baseline);
        steps = List.copyOf(steps);
    }

    @Override
    public Kind kind() {
        return Kind.REGISTER_DEPLOYMENT;
    }
}
