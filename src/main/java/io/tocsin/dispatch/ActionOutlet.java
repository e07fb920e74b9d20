package io.tocsin.dispatch;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Where decided actions leave the engine: the {@code actions} channel, carrying {@link Action} messages (in
 * memory by default, so a broker can carry them by configuration). Never blocks the engine: the buffer is
 * unbounded, and the in-memory consumer only queues.
 */
@ApplicationScoped
public class ActionOutlet implements ActionSink {

    @Inject
    @Channel("actions")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Action> actions;

    @Override
    public void dispatch(Action action) {
        actions.send(action);
    }
}
