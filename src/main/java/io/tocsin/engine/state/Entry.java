package io.tocsin.engine.state;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.input.Input;
import java.util.List;

/** One record of the journal. */
public sealed interface Entry permits Entry.Applied, Entry.Decided {

    /**
     * An input as the engine applied it; {@code wallNow} is the real time it was applied at on the wall clock (0 on
     * event time), so a replay evaluates it at the same instant.
     */
    record Applied(long wallNow, Input<?> input) implements Entry {
    }

    /** The actions the preceding input decided, with the ids they were recorded and handed on under. */
    record Decided(List<Action> actions) implements Entry {
        public Decided {
            actions = List.copyOf(actions);
        }
    }
}
