package io.tocsin.dispatch;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionSink;
import io.tocsin.engine.action.DeliveryState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Where decided actions leave the engine: the {@code actions} channel, carrying {@link Action} messages (in
 * memory by default, so a broker can carry them by configuration). Never blocks the engine: the buffer is
 * unbounded, and the in-memory consumer only queues. Actions left undelivered by an earlier run go straight to
 * the {@link Dispatcher}, which knows how far each got.
 */
@ApplicationScoped
public class ActionOutlet implements ActionSink {

    @Inject
    @Channel("actions")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Action> actions;
    @Inject
    Dispatcher dispatcher;

    @Override
    public void dispatch(Action action) {
        actions.send(action);
    }

    @Override
    public void resume(Action action, DeliveryState state) {
        dispatcher.resume(action, state);
    }
}
