package io.tocsin.engine.input;

import io.tocsin.engine.fact.Watch;

/** An operator closes a deployment's watch by hand; returns the watch. */
public record CloseWatch(String deploymentId, String reason, String by) implements Input<Watch> {

    @Override
    public Kind kind() {
        return Kind.CLOSE_WATCH;
    }
}
