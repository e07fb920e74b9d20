package io.tocsin.engine.fact;


/**
 * The engine's now, as a fact: rules that depend on time join it and never read the wall clock. There is one
 * instance, updated on every evaluation. Times are epoch milliseconds.
 */
public final class Clock {

    private final long startedAt;
    private long now;

    public Clock(long startedAt) {
        this.startedAt = startedAt;
        this.now = startedAt;
    }

    public long getNow() {
        return now;
    }

    /** When evaluation began: absence is measured from the later of this and the last sample. */
    public long getStartedAt() {
        return startedAt;
    }

    /** {@code now} minus a duration such as {@code "15m"}. */
    public long ago(String duration) {
        return now - Durations.millis(duration);
    }

    /** True once {@code duration} has passed since {@code since} (epoch ms; false if null). */
    public boolean reached(Long since, String duration) {
        return since != null && now - since >= Durations.millis(duration);
    }

    /** True once more than {@code duration} has passed since evaluation began. */
    public boolean hasRunLongerThan(String duration) {
        return now - startedAt > Durations.millis(duration);
    }

    public void advanceTo(long time) {
        if (time < now) {
            throw new IllegalArgumentException("clock cannot move backwards");
        }
        now = time;
    }

    @Override
    public String toString() {
        return "Clock[" + now + "]";
    }
}
