package io.tocsin.engine.fact;

import java.util.Map;

/**
 * The straight-line trend of one watched series (a series a success criterion names in {@code @series}) over
 * the trailing trend window ({@code tocsin.watch.trend-window}, 6 hours by default), fitted on its per-minute
 * last values and refreshed once a minute. It exists only while a watch is open and the history covers the
 * window; rules match it like a series:
 * {@code Trend( metric == "node_memory_utilization_ratio", growth > 0.10, fit >= 0.8 )}.
 *
 * <p>{@code growth} is the fitted rise over the window relative to the fitted start value (0.1 = 10 % higher);
 * {@code fit} is R², how steadily the values follow that line (1 = exactly); {@code slopePerHour} is in the
 * series' own unit. Its value (what an alert or criterion reports) is the growth.
 */
public final class Trend implements Observation {

    private final SeriesKey key;
    private final long windowMillis;
    private double growth;
    private double fit;
    private double slopePerHour;
    private int points;

    public Trend(SeriesKey key, long windowMillis) {
        this.key = key;
        this.windowMillis = windowMillis;
    }

    public String getMetric() {
        return key.metric();
    }

    @Override
    public Map<String, String> getLabels() {
        return key.labels();
    }

    public SeriesKey getKey() {
        return key;
    }

    public long getWindowMillis() {
        return windowMillis;
    }

    public double getGrowth() {
        return growth;
    }

    public double getFit() {
        return fit;
    }

    public double getSlopePerHour() {
        return slopePerHour;
    }

    /** Minutes the fit is based on. */
    public int getPoints() {
        return points;
    }

    @Override
    public double getValue() {
        return growth;
    }

    /** Updates the fit; returns whether anything changed. */
    public boolean update(double growth, double fit, double slopePerHour, int points) {
        boolean changed = growth != this.growth || fit != this.fit || slopePerHour != this.slopePerHour
                || points != this.points;
        this.growth = growth;
        this.fit = fit;
        this.slopePerHour = slopePerHour;
        this.points = points;
        return changed;
    }

    @Override
    public String toString() {
        return "Trend[" + key + " growth " + growth + " fit " + fit + "]";
    }
}
