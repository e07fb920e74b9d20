package io.tocsin.dispatch;

import io.tocsin.engine.action.Action;

/**
 * Delivers one action to one kind of receiver ({@code slack}, {@code pagerduty}, {@code email},
 * {@code webhook}, {@code command}, {@code log}). It blocks for at most the configured timeout and says whether
 * a failure is worth retrying; retry and backoff live in the {@link Dispatcher}, not here.
 */
public interface Receiver {

    /** The receiver name used in rules and actions. */
    String name();

    Delivery deliver(Action action);
}
