package io.tocsin.engine.input;

import io.tocsin.engine.fact.SeriesKey;

/** One validated metric sample; {@code timestamp} is epoch milliseconds. */
public record Sample(SeriesKey key, double value, long timestamp) {
}
