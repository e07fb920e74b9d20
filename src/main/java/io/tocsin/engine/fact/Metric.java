package io.tocsin.engine.fact;

/**
 * One fact per metric name with the time of its latest sample in any series. Absence rules test it, because
 * a series that has gone stale is no longer in the session:
 * {@code not Metric( name == "genesis_test_pass_rate", lastSampleAt >= $clock.ago("15m") )}.
 */
public final class Metric {

    private final String name;
    private long lastSampleAt;

    public Metric(String name, long lastSampleAt) {
        this.name = name;
        this.lastSampleAt = lastSampleAt;
    }

    public String getName() {
        return name;
    }

    /** Epoch milliseconds of the newest sample of this metric. */
    public long getLastSampleAt() {
        return lastSampleAt;
    }

    /** Moves the last-sample time forward; returns whether it changed. */
    public boolean sampledAt(long timestamp) {
        if (timestamp <= lastSampleAt) {
            return false;
        }
        lastSampleAt = timestamp;
        return true;
    }

    @Override
    public String toString() {
        return "Metric[" + name + " @" + lastSampleAt + "]";
    }
}
