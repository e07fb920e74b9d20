package io.tocsin.engine.input;

import io.tocsin.engine.fact.Watch;

/**
 * An operator raises a watched deployment's traffic by hand, now: to {@code traffic} percent, or when that is
 * null to the next pending rollout step's traffic (100 without one). Rollout steps up to that traffic count as
 * promoted; the promote command runs as it does when a rule promotes. Returns the watch.
 */
public record PromoteDeployment(String deploymentId, Integer traffic, String reason, String by)
        implements Input<Watch> {

    @Override
    public Kind kind() {
        return Kind.PROMOTE_DEPLOYMENT;
    }
}
