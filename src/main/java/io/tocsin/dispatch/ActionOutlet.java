package io.tocsin.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Where recorded actions leave the engine: the {@code actions} channel (in memory by default, so a broker can
 * carry it later by configuration). Never blocks the engine: the buffer is unbounded, and the in-memory
 * consumer only queues.
 */
@ApplicationScoped
public class ActionOutlet {

    @Inject
    @Channel("actions")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<ActionRecord> actions;

    public void send(ActionRecord record) {
        actions.send(record);
    }
}
