package io.tocsin.dispatch;

/**
 * Delivers one record to one kind of receiver ({@code slack}, {@code pagerduty}, {@code email},
 * {@code webhook}, {@code command}, {@code log}). It blocks for at most the configured timeout and says whether
 * a failure is worth retrying; retry and backoff live in the {@link Dispatcher}, not here.
 */
public interface Receiver {

    /** The receiver name used in rules and action records. */
    String name();

    Delivery deliver(ActionRecord record);
}
