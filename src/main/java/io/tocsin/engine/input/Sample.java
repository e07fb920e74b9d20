package io.tocsin.engine.input;

import io.tocsin.engine.fact.SeriesKey;

/** One validated metric sample; {@code timestamp} is epoch milliseconds. */
public record Sample(SeriesKey key, double value, long timestamp) {

    /**
     * Prometheus' staleness marker, {@code value.StaleNaN}: a NaN with exactly these bits says "this series ends
     * here" (its target or rule result went away). Any other NaN is an ordinary value.
     */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    /** A staleness marker at {@code timestamp}: the series ends at once (remote write only; JSON has no NaN). */
    public static Sample staleMarker(SeriesKey key, long timestamp) {
        return new Sample(key, Double.longBitsToDouble(STALE_NAN_BITS), timestamp);
    }

    /** True for Prometheus' staleness marker, compared bit for bit (every NaN compares equal otherwise). */
    public boolean endsSeries() {
        return Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
    }
}
