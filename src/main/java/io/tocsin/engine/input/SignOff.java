package io.tocsin.engine.input;

import io.tocsin.engine.fact.Watch;

/**
 * Someone signs off the handoff of a deployment whose watch succeeded, for a role ({@code engineering} or
 * {@code sre}); {@code by} is the caller's name. Returns the watch.
 */
public record SignOff(String deploymentId, String role, String by, String comment) implements Input<Watch> {

    @Override
    public Kind kind() {
        return Kind.SIGN_OFF;
    }
}
