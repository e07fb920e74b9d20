package io.tocsin.engine.fact;

import java.util.Map;

/**
 * One time series with its latest sample, updated in place as samples arrive, so memory grows with series and
 * not with samples. The engine keeps a series in the session only while it is current: a stale series (no
 * sample within the staleness window) is withdrawn, so it satisfies no rule, as in Prometheus.
 *
 * <p>In DRL: {@code Series( metric == "up", labels["job"] == "genesis-orchestration", value == 0 )}.
 */
public final class Series implements Observation {

    private final SeriesKey key;
    private double value;
    private long timestamp;

    public Series(SeriesKey key, double value, long timestamp) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    public SeriesKey getKey() {
        return key;
    }

    public String getMetric() {
        return key.metric();
    }

    public Map<String, String> getLabels() {
        return key.labels();
    }

    /** The value of one label, or {@code null} if the series does not have it. */
    public String label(String name) {
        return key.labels().get(name);
    }

    public double getValue() {
        return value;
    }

    /** Time of the latest sample, epoch milliseconds. */
    public long getTimestamp() {
        return timestamp;
    }

    /** Applies a newer sample. Only the engine calls this, on its evaluation thread. */
    public void record(double value, long timestamp) {
        this.value = value;
        this.timestamp = timestamp;
    }

    @Override
    public String toString() {
        return key + " " + value + " @" + timestamp;
    }
}
