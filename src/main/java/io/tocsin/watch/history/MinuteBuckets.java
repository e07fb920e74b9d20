package io.tocsin.watch.history;

import java.util.Arrays;

/**
 * One series downsampled to minutes: for each minute with samples, the lowest, highest and last value. Stored
 * in parallel primitive arrays (16 bytes a minute, plus up to half again of spare capacity) because a watch keeps thousands of minutes per series.
 * Values are floats: charts and trends need no more than seven significant digits, and the worst values a
 * report names are tracked exactly elsewhere.
 */
final class MinuteBuckets {

    private int[] minutes = new int[64]; // minutes since the epoch
    private float[] min = new float[64];
    private float[] max = new float[64];
    private float[] last = new float[64];
    private int size;

    void record(long timestamp, double value) {
        int minute = (int) Math.floorDiv(timestamp, History.MINUTE);
        float v = (float) value;
        int at = size == 0 || minute > minutes[size - 1] ? -1 : Arrays.binarySearch(minutes, 0, size, minute);
        if (at >= 0) {
            min[at] = Math.min(min[at], v);
            max[at] = Math.max(max[at], v);
            if (at == size - 1) {
                last[at] = v; // samples of a series arrive in time order
            }
            return;
        }
        if (size > 0 && minute < minutes[size - 1]) {
            return; // an older minute the table already passed: not worth an insertion in the middle
        }
        if (size == minutes.length) {
            int grown = size + (size >> 1); // 1.5x: a 48-hour watch ends near its capacity, not at twice it
            minutes = Arrays.copyOf(minutes, grown);
            min = Arrays.copyOf(min, grown);
            max = Arrays.copyOf(max, grown);
            last = Arrays.copyOf(last, grown);
        }
        minutes[size] = minute;
        min[size] = v;
        max[size] = v;
        last[size] = v;
        size++;
    }

    /** Drops the minutes before {@code timestamp}; returns whether anything is left. */
    boolean dropBefore(long timestamp) {
        int keep = lowerBound(Math.floorDiv(timestamp, History.MINUTE));
        if (keep > 0) {
            int left = size - keep;
            System.arraycopy(minutes, keep, minutes, 0, left);
            System.arraycopy(min, keep, min, 0, left);
            System.arraycopy(max, keep, max, 0, left);
            System.arraycopy(last, keep, last, 0, left);
            size = left;
            if (minutes.length > 64 && size < minutes.length / 4) {
                int shrunk = Math.max(64, size * 2);
                minutes = Arrays.copyOf(minutes, shrunk);
                min = Arrays.copyOf(min, shrunk);
                max = Arrays.copyOf(max, shrunk);
                last = Arrays.copyOf(last, shrunk);
            }
        }
        return size > 0;
    }

    /** The minutes in [from, to) (epoch ms), oldest first. */
    History.Point[] between(long from, long to) {
        int start = lowerBound(Math.floorDiv(from, History.MINUTE));
        int end = lowerBound(Math.floorDiv(to + History.MINUTE - 1, History.MINUTE));
        History.Point[] out = new History.Point[Math.max(0, end - start)];
        for (int i = start; i < end; i++) {
            out[i - start] = new History.Point(minutes[i] * History.MINUTE, min[i], max[i], last[i]);
        }
        return out;
    }

    /** Least-squares fit of the last values of the minutes in [from, to); null with fewer than 2 points. */
    History.Fit fit(long from, long to) {
        int start = lowerBound(Math.floorDiv(from, History.MINUTE));
        int end = lowerBound(Math.floorDiv(to, History.MINUTE));
        int n = end - start;
        if (n < 2) {
            return null;
        }
        // x in hours from the first minute, for numerically tame sums
        double x0 = minutes[start];
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (int i = start; i < end; i++) {
            double x = (minutes[i] - x0) / 60.0;
            double y = last[i];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
        }
        double vx = n * sxx - sx * sx;
        double vy = n * syy - sy * sy;
        double cov = n * sxy - sx * sy;
        double slope = vx == 0 ? 0 : cov / vx;
        double intercept = (sy - slope * sx) / n;
        double r2 = vx == 0 || vy <= 0 ? 0 : Math.min(1, cov * cov / (vx * vy));
        double hours = (minutes[end - 1] - x0) / 60.0;
        return new History.Fit(n, minutes[start] * History.MINUTE, minutes[end - 1] * History.MINUTE, slope,
                intercept, intercept + slope * hours, r2);
    }

    int size() {
        return size;
    }

    /** Bytes held by the arrays (capacity, not just size). */
    long bytes() {
        return (long) minutes.length * 16;
    }

    private int lowerBound(long minute) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (minutes[mid] < minute) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
