package io.tocsin.engine.action;

/**
 * Where the engine hands decided actions that are to be delivered (not silenced, not dry-run), in the order
 * decided, once they are recorded. Called on the engine thread: it must only queue, never block.
 */
@FunctionalInterface
public interface ActionSink {

    void dispatch(Action action);

    /** Delivers nothing; for rule tests, which record actions without sending them. */
    static ActionSink none() {
        return action -> {
        };
    }
}
