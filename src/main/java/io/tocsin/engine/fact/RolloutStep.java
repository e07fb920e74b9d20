package io.tocsin.engine.fact;


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
    private boolean promoted;
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
        return !promoted;
    }

    public boolean isPromoted() {
        return promoted;
    }

    public boolean isHeld() {
        return held;
    }

    /** Engine time of the promotion, stamped by the engine in the pass the rule promoted it. */
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

    /** Rules promote a step; the engine stamps the time ({@link #promotedAt}). */
    public void promote() {
        promoted = true;
        held = false;
    }

    /** Only the engine calls this. */
    public void promotedAt(long now) {
        promotedAt = now;
    }

    public void hold(String because) {
        held = true;
        heldBecause = because;
    }

    /** Puts back the state saved before a restart; only the engine calls this. */
    public void restore(boolean held, String heldBecause, Long promotedAt) {
        this.held = held;
        this.heldBecause = heldBecause;
        this.promoted = promotedAt != null;
        this.promotedAt = promotedAt;
    }

    /** {@code T+1h to 25%}. */
    public String getLabel() {
        return "T+" + Durations.format(after) + " to " + traffic + "%";
    }
}
