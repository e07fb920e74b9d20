package io.tocsin.engine.fact;

import io.tocsin.engine.Durations;

/**
 * One traffic step of a progressive rollout: from {@code after} into the watch, raise traffic to {@code traffic}
 * percent, but only while the deployment is healthy. Rules promote it ({@code promote}) or hold it
 * ({@code hold}), in order of {@code after}.
 */
public final class RolloutStep {

    private final Watch watch;
    private final long after;
    private final int traffic;
    private boolean held;
    private Long promotedAt;
    private String heldBecause;

    public RolloutStep(Watch watch, long afterMillis, int traffic) {
        this.watch = watch;
        this.after = afterMillis;
        this.traffic = traffic;
    }

    public Watch getWatch() {
        return watch;
    }

    /** Milliseconds after the deployment started. */
    public long getAfter() {
        return after;
    }

    public int getTraffic() {
        return traffic;
    }

    /** The traffic percentage as a command argument. */
    public String getTrafficText() {
        return Integer.toString(traffic);
    }

    public boolean isPending() {
        return promotedAt == null;
    }

    public boolean isHeld() {
        return held;
    }

    public Long getPromotedAt() {
        return promotedAt;
    }

    public String getHeldBecause() {
        return heldBecause;
    }

    /** True once its time has come at {@code now}. */
    public boolean dueBy(long now) {
        return now >= watch.getStartedAt() + after;
    }

    public void promote(long now) {
        promotedAt = now;
        held = false;
    }

    public void hold(String because) {
        held = true;
        heldBecause = because;
    }

    /** {@code T+1h to 25%}. */
    public String getLabel() {
        return "T+" + Durations.format(after) + " to " + traffic + "%";
    }
}
