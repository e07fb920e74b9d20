package io.tocsin.engine.input;

import io.tocsin.engine.action.DeliveryState;
import java.util.List;

/**
 * Several delivery reports applied together, with one evaluation: the engine gathers the reports that wait for
 * it into one input, so an alert storm's thousands of outcomes do not cost an evaluation each.
 */
public record DeliveryUpdates(List<DeliveryState> states) implements Input<Void> {

    public DeliveryUpdates {
        states = List.copyOf(states);
    }

    @Override
    public Kind kind() {
        return Kind.DELIVERY_UPDATES;
    }
}
