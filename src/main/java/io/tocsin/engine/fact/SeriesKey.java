package io.tocsin.engine.fact;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Identity of a series: metric name plus label set (label order does not matter). */
public final class SeriesKey {

    private final String metric;
    private final SortedMap<String, String> labels;
    /** The labels as name, value, name, value... in name order: comparing arrays is far cheaper than maps. */
    private final String[] flat;
    private final int hash;
    /** Characters in the metric name and every label name and value (for estimating memory). */
    private final int chars;
    // Hints for the engine thread's own indexes of series (its series table, the journal's dictionary), so a
    // sample finds its entries there without hashing and comparing its key. Each index checks that a hint is its
    // own before trusting it (another engine, after a rule reload, may have written it since), so a stale or
    // foreign hint costs one lookup, never a wrong answer. Not part of the key's value.
    private Object tableHint;
    private int journalHint;

    public SeriesKey(String metric, Map<String, String> labels) {
        this.metric = metric;
        TreeMap<String, String> sorted = new TreeMap<>(labels);
        this.labels = Collections.unmodifiableSortedMap(sorted);
        this.flat = new String[2 * sorted.size()];
        int i = 0;
        int chars = metric.length();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            flat[i++] = e.getKey();
            flat[i++] = e.getValue();
            chars += e.getKey().length() + e.getValue().length();
        }
        this.hash = hash(metric, flat);
        this.chars = chars;
    }

    /**
     * A hash that spreads label sets well: a map's own hash adds up name-xor-value per label, so series that differ
     * in a number spread over two labels collide in whole families, and lookups then walk long chains.
     */
    private static int hash(String metric, String[] flat) {
        long h = metric.hashCode();
        for (String s : flat) {
            h = h * 0x9E3779B97F4A7C15L + s.hashCode();
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return (int) (h ^ (h >>> 33));
    }

    public String metric() {
        return metric;
    }

    public SortedMap<String, String> labels() {
        return labels;
    }

    public int labelCount() {
        return flat.length / 2;
    }

    /** Characters in the metric name and every label name and value. */
    public int chars() {
        return chars;
    }

    /** The series table's hint: its entry for this series, if it wrote one (engine thread only). */
    public Object tableHint() {
        return tableHint;
    }

    public void tableHint(Object entry) {
        this.tableHint = entry;
    }

    /** The journal's hint: the number of this series in the segment being written, if it wrote one. */
    public int journalHint() {
        return journalHint;
    }

    public void journalHint(int id) {
        this.journalHint = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey other && hash == other.hash && metric.equals(other.metric)
                && Arrays.equals(flat, other.flat);
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

    /**
     * Sorts items by the name of their series, {@code name} rendering each once: a comparator that rendered both
     * names at every comparison made sorting 10,000 series the larger part of a rollback's evidence in a storm.
     */
    public static <T> void sortByName(List<T> items, Function<? super T, String> name) {
        record Named<T>(String name, T item) {
        }
        List<Named<T>> named = new java.util.ArrayList<>(items.size());
        for (T item : items) {
            named.add(new Named<>(name.apply(item), item));
        }
        named.sort(Comparator.comparing(Named::name));
        for (int i = 0; i < named.size(); i++) {
            items.set(i, named.get(i).item());
        }
    }
}
