package io.tocsin.watch.history;

import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.fact.SeriesSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What a deployment watch keeps of the series its success criteria judge (their {@code @series}): per-minute
 * lowest, highest and last values, from the start of the oldest open watch. Nothing is recorded while no watch
 * is open. This is what reports chart, trends are fitted on and rollback evidence saves; no raw sample is kept.
 *
 * <p>Not thread-safe: only the engine's evaluation thread uses it.
 */
public final class History {

    private static final Logger LOG = Logger.getLogger(History.class);
    public static final long MINUTE = 60_000;
    /** A selector matching far more series than a watch can chart is a mistake; stop growing rather than fill memory. */
    static final int MAX_SERIES = 1_000;

    /** One minute of a series; saved (watch files, evidence) as {@code [minute start, min, max, last]}. */
    @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.ARRAY)
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"minute", "min", "max", "last"})
    public record Point(long minute, double min, double max, double last) {
    }

    /** One series' minutes in a time range. */
    public record Line(SeriesKey key, List<Point> points) {
    }

    /**
     * Least-squares line through a series' per-minute last values: {@code start} and {@code end} are the
     * fitted values at the first and last minute, {@code r2} how well a straight line explains them (0-1).
     */
    public record Fit(int points, long from, long to, double slopePerHour, double start, double end, double r2) {
    }

    private final Map<String, List<SeriesSelector>> byMetric = new HashMap<>();
    private final Map<SeriesKey, MinuteBuckets> series = new HashMap<>();
    private long keepFrom = Long.MAX_VALUE;
    private boolean warnedFull;

    public History(Collection<SeriesSelector> selectors) {
        for (SeriesSelector s : selectors) {
            byMetric.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(s);
        }
    }

    /** Records a sample if a criterion selects its series and a watch is open at its time. */
    public void record(SeriesKey key, long timestamp, double value) {
        if (watches(key)) {
            recordWatched(key, timestamp, value);
        }
    }

    /** Records a sample of a series {@link #watches} keeps (the engine asks that once per series). */
    public void recordWatched(SeriesKey key, long timestamp, double value) {
        if (timestamp < keepFrom) {
            return;
        }
        MinuteBuckets buckets = series.get(key);
        if (buckets == null) {
            if (series.size() >= MAX_SERIES) {
                if (!warnedFull) {
                    warnedFull = true;
                    LOG.warnf("watch history is full (%d series): %s and further series are not kept; narrow the"
                            + " @series selectors of the success criteria", MAX_SERIES, key);
                }
                return;
            }
            buckets = new MinuteBuckets();
            series.put(key, buckets);
        }
        buckets.record(timestamp, value);
    }

    /** Whether samples of this series are kept (a success criterion's or figure's selector matches it). */
    public boolean watches(SeriesKey key) {
        List<SeriesSelector> selectors = byMetric.get(key.metric());
        return selectors != null && matchesAny(selectors, key);
    }

    private static boolean matchesAny(List<SeriesSelector> selectors, SeriesKey key) {
        for (SeriesSelector s : selectors) {
            if (s.matches(key)) {
                return true;
            }
        }
        return false;
    }

    /** Keeps minutes from {@code from} on (the start of the oldest open watch); {@code Long.MAX_VALUE}: none. */
    public void keepFrom(long from) {
        keepFrom = from;
        series.values().removeIf(b -> !b.dropBefore(from));
        if (series.size() < MAX_SERIES) {
            warnedFull = false;
        }
    }

    /** The series a criterion's selectors match, with their minutes in [from, to), by series name. */
    public List<Line> lines(List<SeriesSelector> selectors, long from, long to) {
        List<Line> out = new ArrayList<>();
        series.forEach((key, buckets) -> {
            if (matchesAny(selectors, key)) {
                out.add(new Line(key, List.of(buckets.between(from, to))));
            }
        });
        SeriesKey.sortByName(out, l -> l.key().toString());
        return out;
    }

    /** Every series with its minutes in [from, to), by series name. */
    public List<Line> lines(long from, long to) {
        List<Line> out = new ArrayList<>();
        series.forEach((key, buckets) -> out.add(new Line(key, List.of(buckets.between(from, to)))));
        SeriesKey.sortByName(out, l -> l.key().toString());
        return out;
    }

    /**
     * A straight-line fit per series over the whole minutes in [from, to), by series name; series with under 2
     * minutes are left out.
     */
    public Map<SeriesKey, Fit> fits(long from, long to) {
        List<SeriesKey> keys = new ArrayList<>(series.keySet());
        SeriesKey.sortByName(keys, SeriesKey::toString); // by series name: an order no hash decides
        Map<SeriesKey, Fit> out = new LinkedHashMap<>();
        for (SeriesKey key : keys) {
            Fit fit = series.get(key).fit(from, to);
            if (fit != null) {
                out.put(key, fit);
            }
        }
        return out;
    }

    /** Restores minutes saved with a watch (after a restart). */
    public void restore(SeriesKey key, List<Point> points) {
        for (Point p : points) {
            // min, max and last of one minute, replayed as three samples in an order that keeps last last
            record(key, p.minute(), p.min());
            record(key, p.minute(), p.max());
            record(key, p.minute(), p.last());
        }
    }

    public int seriesCount() {
        return series.size();
    }

    /** Minutes held, over all series. */
    public long minutes() {
        return series.values().stream().mapToLong(MinuteBuckets::size).sum();
    }

    /** Bytes held by the per-minute arrays. */
    public long bytes() {
        return series.values().stream().mapToLong(MinuteBuckets::bytes).sum();
    }
}
