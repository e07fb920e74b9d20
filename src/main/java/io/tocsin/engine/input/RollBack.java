package io.tocsin.engine.input;

import io.tocsin.engine.fact.Deployment;

/** An operator rolls back the current deployment; returns it. */
public record RollBack(String deploymentId, String reason, String by) implements Input<Deployment> {

    @Override
    public Kind kind() {
        return Kind.ROLL_BACK;
    }
}
