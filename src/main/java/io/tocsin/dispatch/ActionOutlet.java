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
 * memory by default, so a broker can carry them by configuration). Never blocks the engine: the in-memory
 * consumer only queues (and is bounded itself, see {@link Dispatcher}); for a slower consumer the channel buffers
 * up to {@value #BUFFER} actions, and an action that finds the buffer full fails at once, as the dispatcher's own
 * overflow does, instead of growing memory. Actions left undelivered by an earlier run go straight to the
 * {@link Dispatcher}, which knows how far each got.
 */
@ApplicationScoped
public class ActionOutlet implements ActionSink {

    static final int BUFFER = 10_000;

    @Inject
    @Channel("actions")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
    Emitter<Action> actions;
    @Inject
    Dispatcher dispatcher;

    @Override
    public void dispatch(Action action) {
        try {
            actions.send(action).exceptionally(e -> {
                overflow(action, e);
                return null;
            });
        } catch (RuntimeException e) {
            overflow(action, e);
        }
    }

    private void overflow(Action action, Throwable e) {
        dispatcher.overflow(action, DeliveryState.decided(action.id(), DeliveryState.Status.PENDING),
                "actions channel full or closed (" + e.getClass().getSimpleName() + ")");
    }

    @Override
    public void resume(Action action, DeliveryState state) {
        dispatcher.resume(action, state);
    }
}
