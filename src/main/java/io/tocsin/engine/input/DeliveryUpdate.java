package io.tocsin.engine.input;

import io.tocsin.engine.action.DeliveryState;

/**
 * The dispatcher reports how the delivery of an action stands. A final state (sent, failed) is also fed back to
 * the rules as an {@code ActionResult} fact, so they can react (a restart that failed three times escalates).
 */
public record DeliveryUpdate(DeliveryState state) implements Input<Void> {

    @Override
    public Kind kind() {
        return Kind.DELIVERY_UPDATE;
    }
}
