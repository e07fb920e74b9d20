package io.tocsin.engine.fact;

import io.tocsin.engine.Durations;

/**
 * The post-deployment watch of one registered deployment: a window (48 hours by default) with checkpoints at a
 * cadence the rules decide ({@code rules/genesis/watch.drl}), closed by a rollback or a verdict. Rules move it
 * with {@code modify}: {@code scheduleNextCheckpoint(..)}, {@code extend(..)}, {@code succeed(..)}.
 */
public final class Watch {

    /** Where a watch stands. */
    public enum State {
        WATCHING, SUCCEEDED, ROLLED_BACK, CLOSED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Deployment deployment;
    private final long startedAt;
    private long endsAt;
    private int extensions;
    private long nextCheckpointAt;
    private State state = State.WATCHING;
    private String reason;
    private Long closedAt;
    private long assessedFrom;
    private final WatchCriteria criteria = new WatchCriteria();

    public Watch(Deployment deployment, long windowMillis) {
        this.deployment = deployment;
        this.startedAt = deployment.getStartedAt();
        this.endsAt = startedAt + windowMillis;
        this.nextCheckpointAt = startedAt; // the first cadence rule schedules the first real checkpoint
        this.assessedFrom = startedAt;
    }

    /** The success criteria record (the engine writes it; rules read it through the methods below). */
    public WatchCriteria getCriteria() {
        return criteria;
    }

    /** Where the window being assessed starts: the start, or the start of the latest extension. */
    public long getAssessedFrom() {
        return assessedFrom;
    }

    /** True if every success criterion was met for its required fraction of the assessed window. */
    public boolean criteriaMet(long now) {
        return unmetCriteria(now).isEmpty();
    }

    /** The criteria not met, with their compliance, e.g. {@code "TestPassRate 97.1% < 99%"}; empty if none. */
    public String unmetCriteria(long now) {
        StringBuilder out = new StringBuilder();
        for (WatchCriteria.Tracked t : criteria.all()) {
            double compliance = t.compliance(assessedFrom, now);
            if (compliance < t.required()) {
                out.append(out.length() == 0 ? "" : ", ").append(t.name()).append(' ')
                        .append(percent(compliance)).append(" < ").append(percent(t.required()));
            }
        }
        return out.toString();
    }

    private static String percent(double fraction) {
        return new java.math.BigDecimal(fraction * 100).setScale(2, java.math.RoundingMode.FLOOR).stripTrailingZeros()
                .toPlainString() + "%";
    }

    public Deployment getDeployment() {
        return deployment;
    }

    public String getDeploymentId() {
        return deployment.getId();
    }

    public long getStartedAt() {
        return startedAt;
    }

    public long getEndsAt() {
        return endsAt;
    }

    public int getExtensions() {
        return extensions;
    }

    public long getNextCheckpointAt() {
        return nextCheckpointAt;
    }

    public State getState() {
        return state;
    }

    public boolean isWatching() {
        return state == State.WATCHING;
    }

    /** Why the watch was extended or closed; null while nothing happened. */
    public String getReason() {
        return reason;
    }

    public Long getClosedAt() {
        return closedAt;
    }

    /** Time since the deployment started, in milliseconds. */
    public long offset(long time) {
        return time - startedAt;
    }

    /** True if the next checkpoint lies after {@code from} and at or before {@code to} (offsets, e.g. "6h"). */
    public boolean nextCheckpointIn(String from, String to) {
        long offset = offset(nextCheckpointAt);
        return offset > Durations.millis(from) && offset <= Durations.millis(to);
    }

    /** True if the next checkpoint lies after {@code from} (an offset such as "24h"). */
    public boolean nextCheckpointAfter(String from) {
        return offset(nextCheckpointAt) > Durations.millis(from);
    }

    /** True once the window (with its extensions) has run out at {@code now}. */
    public boolean endedBy(long now) {
        return now >= endsAt;
    }

    /**
     * Sets the next checkpoint {@code every} after the one just taken, unless that passes {@code phaseEnd}: then
     * it is {@code nextEvery} after the phase's end (the first checkpoint of the next phase).
     */
    public void scheduleNextCheckpoint(String every, String phaseEnd, String nextEvery) {
        long next = nextCheckpointAt + Durations.millis(every);
        long end = startedAt + Durations.millis(phaseEnd);
        nextCheckpointAt = next <= end ? next : end + Durations.millis(nextEvery);
    }

    /** Sets the next checkpoint {@code every} after the one just taken (the last phase has no end). */
    public void scheduleNextCheckpoint(String every) {
        nextCheckpointAt += Durations.millis(every);
    }

    /** Extends the window, e.g. by "24h", saying why. */
    public void extend(String by, String why) {
        assessedFrom = endsAt; // the extension is judged on its own
        endsAt += Durations.millis(by);
        extensions++;
        reason = why;
    }

    public void succeed(String why, long at) {
        close(State.SUCCEEDED, why, at);
    }

    /** Closes the watch; only the engine and operators call this with ROLLED_BACK or CLOSED. */
    public void close(State outcome, String why, long at) {
        state = outcome;
        reason = why;
        closedAt = at;
    }

    /** Puts back the state saved before a restart; only the engine calls this, before the watch is a fact. */
    public void restore(long endsAt, int extensions, long nextCheckpointAt, State state, String reason,
            Long closedAt, long assessedFrom) {
        this.endsAt = endsAt;
        this.extensions = extensions;
        this.nextCheckpointAt = nextCheckpointAt;
        this.state = state;
        this.reason = reason;
        this.closedAt = closedAt;
        this.assessedFrom = assessedFrom;
    }

    @Override
    public String toString() {
        return "Watch[" + deployment.getId() + " " + state.wireName() + "]";
    }
}
