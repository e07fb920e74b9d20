package io.tocsin.engine.fact;

import java.util.Map;

/**
 * A notification to one receiver and destination, e.g. Slack {@code #genesis-alerts}. About an alert it is a
 * {@code notify} while the alert fires and a {@code resolve} once it is resolved; about a rollback it is the
 * rollback's announcement.
 */
public final class Notify extends ActionRequest {

    private final String type;
    private final String receiver;
    private final String destination;
    private final Rollback rollback;
    private final Checkpoint checkpoint;
    private final Watch watch;
    private RolloutStep step;

    public Notify(Alert alert, String receiver, String destination) {
        super(alert);
        this.type = alert.isResolved() ? "resolve" : "notify";
        this.receiver = receiver;
        this.destination = destination;
        this.rollback = null;
        this.checkpoint = null;
        this.watch = null;
    }

    /** Announces a rollback. */
    public Notify(Rollback rollback, String receiver, String destination) {
        super(rollback.getAlert());
        this.type = "notify";
        this.receiver = receiver;
        this.destination = destination;
        this.rollback = rollback;
        this.checkpoint = null;
        this.watch = null;
    }

    /** Reports a watch checkpoint. */
    public Notify(Checkpoint checkpoint, String receiver, String destination) {
        super(null);
        this.type = "notify";
        this.receiver = receiver;
        this.destination = destination;
        this.rollback = null;
        this.checkpoint = checkpoint;
        this.watch = checkpoint.getWatch();
    }

    /** Reports a watch's verdict (succeeded, extended): its state and reason at the time. */
    public Notify(Watch watch, String receiver, String destination) {
        super(null);
        this.type = "notify";
        this.receiver = receiver;
        this.destination = destination;
        this.rollback = null;
        this.checkpoint = null;
        this.watch = watch;
    }

    /** Says that a due traffic step waits, and why. */
    public Notify(RolloutStep step, String receiver, String destination) {
        super(null);
        this.type = "notify";
        this.receiver = receiver;
        this.destination = destination;
        this.rollback = null;
        this.checkpoint = null;
        this.watch = step.getWatch();
        this.step = step;
    }

    /** The rollout step this reports on, or null. */
    public RolloutStep getStep() {
        return step;
    }

    /** The watch this reports on (a checkpoint, a verdict or a rollout step), or null. */
    public Watch getWatch() {
        return watch;
    }

    @Override
    public String getType() {
        return type;
    }

    public String getReceiver() {
        return receiver;
    }

    public String getDestination() {
        return destination;
    }

    /** The checkpoint this reports, or null. */
    public Checkpoint getCheckpoint() {
        return checkpoint;
    }

    /** The rollback this announces, or null. */
    public Rollback getRollback() {
        return rollback;
    }

    @Override
    public Map<String, String> getLabels() {
        if (watch != null) {
            return Map.of("deployment", watch.getDeploymentId());
        }
        return rollback != null ? rollback.getLabels() : super.getLabels();
    }
}
