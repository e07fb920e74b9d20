package io.tocsin.ingest;

import io.tocsin.config.TocsinConfig;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.RequestRefusedException;

/**
 * The rules every ingest path applies to a sample's names, labels and time, so that {@code POST /api/v1/samples}
 * (JSON) and {@code POST /api/v1/write} (Prometheus remote write) accept exactly the same data with the same
 * messages: the one implementation of both. Each check returns {@code null} when the input is fine, or the
 * {@link Problem}; the caller names the field, because only it knows where the input came from
 * ({@code [3].labels.job}, {@code timeseries[3].labels.job}).
 *
 * <p>Names follow Prometheus: metric names {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code __} (reserved). The limits (README "Limits") bound what
 * one series may cost: labels per sample, bytes of names and values (UTF-8), and no control characters in values
 * (they would reach logs, Slack and commands). The checks are hand-written loops, not regexes: they run for every
 * label of every sample and allocate nothing.
 */
public final class SeriesRules {

    /** The configurable limits ({@code tocsin.limits.*}). */
    public record Limits(int maxLabels, int maxLabelNameBytes, int maxLabelValueBytes, int maxMetricNameBytes,
            int maxSamplesPerRequest) {

        public static Limits defaults() {
            return new Limits(64, 128, 2048, 256, 100_000);
        }

        static Limits of(TocsinConfig.Limits l) {
            return new Limits(l.maxLabelsPerSeries(), l.maxLabelNameBytes(), l.maxLabelValueBytes(),
                    l.maxMetricNameBytes(), l.maxSamplesPerRequest());
        }
    }

    /** What is wrong, and the limit reached if that is why (for {@code tocsin_limit_refusals_total}). */
    public record Problem(String message, String limit) {

        /** The 400 that names {@code field}. */
        public InvalidInputException at(String field) {
            return new InvalidInputException(field, message, limit);
        }
    }

    private final Limits limits;

    public SeriesRules(Limits limits) {
        this.limits = limits;
    }

    public static SeriesRules of(TocsinConfig config) {
        return new SeriesRules(Limits.of(config.limits()));
    }

    public Limits limits() {
        return limits;
    }

    public Problem metricName(String name) {
        if (!isMetricName(name)) {
            return new Problem("not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)", null);
        }
        if (name.length() > limits.maxMetricNameBytes()) {
            return new Problem("longer than " + limits.maxMetricNameBytes() + " bytes (tocsin.limits."
                    + "max-metric-name-bytes)", "metric-name-length");
        }
        return null;
    }

    public Problem labelName(String name) {
        if (!isLabelName(name)) {
            return new Problem("not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)", null);
        }
        if (name.startsWith("__")) {
            return new Problem("label names starting with __ are reserved", null);
        }
        if (name.length() > limits.maxLabelNameBytes()) { // ASCII: characters are bytes
            return new Problem("label name longer than " + limits.maxLabelNameBytes() + " bytes (tocsin.limits."
                    + "max-label-name-bytes)", "label-name-length");
        }
        return null;
    }

    public Problem labelValue(String value) {
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return new Problem("label value has a control character (U+" + String.format("%04X", (int) c)
                        + ") at character " + i, "label-value-characters");
            }
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4
        }
        if (bytes > limits.maxLabelValueBytes()) {
            return new Problem("label value of " + bytes + " bytes, longer than " + limits.maxLabelValueBytes()
                    + " (tocsin.limits.max-label-value-bytes)", "label-value-length");
        }
        return null;
    }

    /** {@code count} labels besides the metric name. */
    public Problem labelCount(int count) {
        return count > limits.maxLabels() ? new Problem(count + " labels, more than " + limits.maxLabels()
                + " (tocsin.limits.max-labels-per-series)", "labels-per-series") : null;
    }

    /** A request of more samples than one request may carry: 413, so the sender splits it (a retry cannot help). */
    public void checkSampleCount(long count, String hint) {
        if (count > limits.maxSamplesPerRequest()) {
            throw new RequestRefusedException(413, "body", "more than " + limits.maxSamplesPerRequest()
                    + " samples in one request (tocsin.limits.max-samples-per-request)" + hint,
                    "samples-per-request");
        }
    }

    /** Sample times: not before 1970, not after 9999, and not after {@code latestAllowed}. */
    public static String timestampProblem(long timestamp, long latestAllowed) {
        if (timestamp < 0) {
            return "before 1970-01-01T00:00:00Z (negative epoch milliseconds)";
        }
        if (timestamp > io.tocsin.http.Timestamps.LATEST) {
            return "after 9999-12-31T23:59:59.999Z";
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
