package io.tocsin.dispatch.notify;

import io.tocsin.engine.action.Action;
import io.tocsin.dispatch.Delivery;
import io.tocsin.dispatch.Messages;
import io.tocsin.dispatch.Receiver;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Writes a record to the log. Every receiver falls back to this when it has no address configured, so the
 * embedded default configuration shows every action without any secret.
 */
@ApplicationScoped
public class LogReceiver implements Receiver {

    private static final Logger LOG = Logger.getLogger("io.tocsin.actions");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Delivery deliver(Action action) {
        LOG.infof("[%s -> %s %s] %s", action.type(), action.receiver(), action.destination(), Messages.title(action));
        return Delivery.sent("log");
    }
}
