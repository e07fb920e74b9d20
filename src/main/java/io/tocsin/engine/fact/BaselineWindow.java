package io.tocsin.engine.fact;

/**
 * When a deployment registered without a baseline gets one of its own: the average of the watched series over
 * {@code [from, to)} after the deployment started, taken at {@code to}. Declared on the cadence rule:
 * {@code @baseline("15m to 1h")}. It covers the metrics of every success criterion whose threshold is relative to
 * the baseline ({@code @threshold("baseline * 1.1")}) and that the deployment brought no baseline for.
 */
public record BaselineWindow(long fromMillis, long toMillis) {

    public static BaselineWindow parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.trim().split("\\s+to\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("@baseline(\"" + text + "\") must be \"<from> to <to>\", e.g. \"15m to 1h\"");
        }
        long from = Durations.millis(parts[0].trim());
        long to = Durations.millis(parts[1].trim());
        if (to <= from) {
            throw new IllegalArgumentException("@baseline(\"" + text + "\"): the window must end after it starts");
        }
        return new BaselineWindow(from, to);
    }

    @Override
    public String toString() {
        return Durations.format(fromMillis) + " to " + Durations.format(toMillis);
    }
}
