package io.tocsin.dispatch.notify;

import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.action.Action;
import io.tocsin.dispatch.Delivery;
import io.tocsin.dispatch.Receiver;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * A receiver that POSTs JSON to a configured URL, or delivers to the log when the destination has none. Each
 * integration says only where a record goes and what it sends.
 */
public abstract class HttpReceiver implements Receiver {

    @Inject
    protected TocsinConfig config;
    @Inject
    HttpPoster http;
    @Inject
    LogReceiver log;

    @Override
    public final Delivery deliver(Action action) {
        return url(action).map(url -> http.post(url, idempotencyKey(action), payload(action))).orElseGet(() -> log.deliver(action));
    }

    /** Stable across attempts and restarts: action ids are never reused. */
    static String idempotencyKey(Action action) {
        return "tocsin-action-" + action.id();
    }

    /** The URL for this record's destination, if one is configured (with whatever else it needs). */
    protected abstract Optional<String> url(Action action);

    /** The JSON document to send. */
    protected abstract Object payload(Action action);
}
