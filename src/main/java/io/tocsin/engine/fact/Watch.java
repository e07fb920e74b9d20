package io.tocsin.engine.fact;


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
    private final Cadence cadence;
    private final java.util.List<SignOff> signOffs = new java.util.ArrayList<>();
    private Long handoffClosedAt;

    /** A sign-off of the handoff after the verdict: the role signed for ({@code engineering}, {@code sre}), who, when. */
    public record SignOff(String role, String by, String comment, long at) {
    }

    /** A watch without checkpoints (no pack declares a cadence). */
    public Watch(Deployment deployment, long windowMillis) {
        this(deployment, windowMillis, null);
    }

    public Watch(Deployment deployment, long windowMillis, Cadence cadence) {
        this.deployment = deployment;
        this.startedAt = deployment.getStartedAt();
        this.endsAt = startedAt + windowMillis;
        this.cadence = cadence;
        this.nextCheckpointAt = cadence == null ? Long.MAX_VALUE : startedAt + cadence.next(0);
        this.assessedFrom = startedAt;
    }

    /** The checkpoint cadence; null if no pack declares one. */
    public Cadence getCadence() {
        return cadence;
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

    public boolean isSucceeded() {
        return state == State.SUCCEEDED;
    }

    /**
     * True while its rollout may go on: while watching, and after a successful verdict (a plan longer than the
     * watch window goes on stepping afterwards); not after a rollback or a close by hand.
     */
    public boolean isRollingOut() {
        return state == State.WATCHING || state == State.SUCCEEDED;
    }

    /** The sign-offs of the handoff, in the order given. */
    public java.util.List<SignOff> getSignOffs() {
        return java.util.List.copyOf(signOffs);
    }

    /** True once someone signed off for {@code role}: {@code Watch( signedOffAs("engineering"), signedOffAs("sre") )}. */
    public boolean signedOffAs(String role) {
        return signOffs.stream().anyMatch(s -> s.role().equals(role));
    }

    /** Only the engine records sign-offs (an operator's input). */
    public void signOff(SignOff signOff) {
        signOffs.add(signOff);
    }

    /** When the handoff was closed (rules close it once the sign-offs they need are in), or null. */
    public Long getHandoffClosedAt() {
        return handoffClosedAt;
    }

    public boolean isHandoffClosed() {
        return handoffClosedAt != null;
    }

    /** Rules close the handoff: {@code modify($w) { closeHandoff($now) }}. */
    public void closeHandoff(long at) {
        handoffClosedAt = at;
    }

    /** Puts back the handoff saved before a restart; only the engine calls this, before the watch is a fact. */
    public void restoreHandoff(java.util.List<SignOff> signOffs, Long handoffClosedAt) {
        this.signOffs.clear();
        if (signOffs != null) {
            this.signOffs.addAll(signOffs);
        }
        this.handoffClosedAt = handoffClosedAt;
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

    /** True while the watch is open and its next checkpoint, within the window, has come at {@code now}. */
    public boolean checkpointDue(long now) {
        return state == State.WATCHING && now >= nextCheckpointAt && nextCheckpointAt <= endsAt;
    }

    /** The runbook phase of the next checkpoint ({@code intensive}, ...); null without a cadence. */
    public String getPhase() {
        return cadence == null ? null : cadence.phaseOf(offset(nextCheckpointAt));
    }

    /** True once the window (with its extensions) has run out at {@code now}. */
    public boolean endedBy(long now) {
        return now >= endsAt;
    }

    /** Moves on to the next checkpoint of the cadence, after the one just taken ({@code Checkpoint} facts). */
    public void checkpointTaken() {
        nextCheckpointAt = startedAt + cadence.next(offset(nextCheckpointAt));
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
