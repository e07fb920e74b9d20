package io.tocsin.engine.fact;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Identity of a series: metric name plus label set (label order does not matter). */
public final class SeriesKey {

    private final String metric;
    private final SortedMap<String, String> labels;
    private final int hash;

    public SeriesKey(String metric, Map<String, String> labels) {
        this.metric = metric;
        this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        this.hash = 31 * metric.hashCode() + this.labels.hashCode();
    }

    public String metric() {
        return metric;
    }

    public SortedMap<String, String> labels() {
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey other && hash == other.hash && metric.equals(other.metric)
                && labels.equals(other.labels);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Prometheus notation: {@code metric{a="1",b="2"}}. */
    @Override
    public String toString() {
        return metric + Labels.format(labels);
    }
}
