package io.tocsin.dispatch.notify;

import io.tocsin.engine.action.Action;
import io.tocsin.dispatch.Delivery;
import io.tocsin.dispatch.Messages;
import io.tocsin.dispatch.Receiver;
import jakarta.enterprise.context.ApplicationScoped;
import io.tocsin.logging.ThrottledLog;
import org.jboss.logging.Logger;

/**
 * Writes a record to the log. Every receiver falls back to this when it has no address configured, so the
 * embedded default configuration shows actions without any secret: one line each while they are few, and in a
 * storm 20 per 10 seconds plus a count of the rest (every one is in {@code GET /api/v1/actions}).
 */
@ApplicationScoped
public class LogReceiver implements Receiver {

    private static final Logger LOG = Logger.getLogger("io.tocsin.actions");
    private static final ThrottledLog LINES = new ThrottledLog(LOG, 20, 10_000, "actions delivered to the log",
            "GET /api/v1/actions");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Delivery deliver(Action action) {
        LINES.info(action.type() + " " + action.receiver(), () -> String.format("[%s -> %s %s] %s", action.type(),
                action.receiver(), action.destination(), Messages.title(action)));
        return Delivery.sent("log");
    }
}
