package io.tocsin.engine.fact;

import java.util.Map;

/**
 * A notification to one receiver and destination, e.g. Slack {@code #genesis-alerts}: about an alert, a
 * rollback, a watch checkpoint, a watch verdict or a waiting rollout step.
 */
public final class Notify extends ActionRequest {

    /** What a notification is about; each constructor makes one kind. */
    public enum Subject {
        ALERT, ROLLBACK, CHECKPOINT, VERDICT, ROLLOUT
    }

    private final Subject subject;
    private final String type;
    private final String receiver;
    private final String destination;
    private final Rollback rollback;
    private final Checkpoint checkpoint;
    private final Watch watch;
    private final RolloutStep step;

    /** About an alert: a {@code notify} while it fires, a {@code resolve} once it is resolved. */
    public Notify(Alert alert, String receiver, String destination) {
        this(Subject.ALERT, alert, alert.isResolved() ? "resolve" : "notify", receiver, destination, null, null, null, null);
    }

    /** Announces a rollback. */
    public Notify(Rollback rollback, String receiver, String destination) {
        this(Subject.ROLLBACK, rollback.getAlert(), "notify", receiver, destination, rollback, null, null, null);
    }

    /** Reports a watch checkpoint. */
    public Notify(Checkpoint checkpoint, String receiver, String destination) {
        this(Subject.CHECKPOINT, null, "notify", receiver, destination, null, checkpoint, checkpoint.getWatch(), null);
    }

    /** Reports a watch's verdict (succeeded, extended): its state and reason at the time. */
    public Notify(Watch watch, String receiver, String destination) {
        this(Subject.VERDICT, null, "notify", receiver, destination, null, null, watch, null);
    }

    /** Says that a due traffic step waits, and why. */
    public Notify(RolloutStep step, String receiver, String destination) {
        this(Subject.ROLLOUT, null, "notify", receiver, destination, null, null, step.getWatch(), step);
    }

    private Notify(Subject subject, Alert alert, String type, String receiver, String destination, Rollback rollback,
            Checkpoint checkpoint, Watch watch, RolloutStep step) {
        super(alert);
        this.subject = subject;
        this.type = type;
        this.receiver = receiver;
        this.destination = destination;
        this.rollback = rollback;
        this.checkpoint = checkpoint;
        this.watch = watch;
        this.step = step;
    }

    public Subject getSubject() {
        return subject;
    }

    /** The rollout step this reports on, or null. */
    public RolloutStep getStep() {
        return step;
    }

    /** The watch this reports on (a checkpoint, a verdict or a rollout step), or null. */
    public Watch getWatch() {
        return watch;
    }

    /** The checkpoint this reports, or null. */
    public Checkpoint getCheckpoint() {
        return checkpoint;
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
