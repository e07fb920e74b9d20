package io.tocsin.ingest;

import io.tocsin.config.TocsinConfig;

/**
 * The rules every ingest path applies to a sample's names and time, so that {@code POST /api/v1/samples} (JSON)
 * and {@code POST /api/v1/write} (Prometheus remote write) accept exactly the same data with the same messages.
 * Each check returns {@code null} when the input is fine, or the reason it is not; the caller names the field,
 * because only it knows where the input came from ({@code [3].labels.job}, {@code timeseries[3].labels.job}).
 *
 * <p>Names follow Prometheus: metric names {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code __} (reserved). The checks are hand-written loops,
 * not regexes: they run for every label of every sample and allocate nothing.
 */
public final class SeriesRules {

    /** Longest metric name, label name accepted; bounds the cost of matching them. */
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_LABEL_VALUE_LENGTH = 2048;

    static final String LABEL_LENGTHS = "label names are limited to " + MAX_NAME_LENGTH
            + " characters and values to " + MAX_LABEL_VALUE_LENGTH;

    private SeriesRules() {
    }

    public static String metricNameProblem(String name) {
        if (!isMetricName(name)) {
            return "not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "longer than " + MAX_NAME_LENGTH + " characters";
        }
        return null;
    }

    public static String labelNameProblem(String name) {
        if (!isLabelName(name)) {
            return "not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)";
        }
        if (name.startsWith("__")) {
            return "label names starting with __ are reserved";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return LABEL_LENGTHS;
        }
        return null;
    }

    public static String labelValueProblem(String value) {
        return value.length() > MAX_LABEL_VALUE_LENGTH ? LABEL_LENGTHS : null;
    }

    /** Sample times: not before 1970, and not after {@code latestAllowed} (see {@link #latestAllowed}). */
    public static String timestampProblem(long timestamp, long latestAllowed) {
        if (timestamp < 0) {
            return "before 1970-01-01T00:00:00Z (negative epoch milliseconds)";
        }
        if (timestamp > latestAllowed) {
            return "more than the allowed future tolerance ahead of the server clock";
        }
        return null;
    }

    /**
     * The latest sample time accepted now (epoch ms): on the wall clock, the server clock plus
     * {@code tocsin.future-tolerance}; on the event clock there is no limit (replays may lie anywhere).
     */
    public static long latestAllowed(TocsinConfig config) {
        return config.clock() == TocsinConfig.ClockMode.WALL
                ? System.currentTimeMillis() + config.futureTolerance().toMillis()
                : Long.MAX_VALUE;
    }

    static boolean isMetricName(String name) {
        int n = name.length();
        if (n == 0) {
            return false;
        }
        char c = name.charAt(0);
        if (!(letter(c) || c == '_' || c == ':')) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            c = name.charAt(i);
            if (!(letter(c) || digit(c) || c == '_' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    static boolean isLabelName(String name) {
        int n = name.length();
        if (n == 0) {
            return false;
        }
        char c = name.charAt(0);
        if (!(letter(c) || c == '_')) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            c = name.charAt(i);
            if (!(letter(c) || digit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean letter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
