package io.tocsin.engine.fact;

import java.util.Map;

/**
 * A notification to one receiver and destination, e.g. Slack {@code #genesis-alerts}: about an alert, a
 * rollback, a watch checkpoint, a watch verdict or a waiting rollout step; or a note in the rule's own words
 * about an alert or a deployment ({@code new Notify($d, "slack", "#genesis-alerts", "rollback completed")}).
 */
public final class Notify extends ActionRequest {

    /** What a notification is about; each constructor makes one kind. */
    public enum Subject {
        ALERT, ROLLBACK, CHECKPOINT, VERDICT, ROLLOUT, NOTE
    }

    private final Subject subject;
    private final String type;
    private final String receiver;
    private final String destination;
    private final Rollback rollback;
    private final Checkpoint checkpoint;
    private final Watch watch;
    private final RolloutStep step;
    private final Deployment deployment;
    private final String text;

    /** About an alert: a {@code notify} while it fires, a {@code resolve} once it is resolved. */
    public Notify(Alert alert, String receiver, String destination) {
        this(Subject.ALERT, alert, alert.isResolved() ? "resolve" : "notify", receiver, destination, null, null, null,
                null, null, null);
    }

    /**
     * A notification about an alert as it was decided, a {@code notify} or a {@code resolve} whatever the alert's
     * state is now; only the engine uses this (restoring the facts rules saw before a restart).
     */
    public static Notify restored(Alert alert, String type, String receiver, String destination) {
        return new Notify(Subject.ALERT, alert, type, receiver, destination, null, null, null, null, null, null);
    }

    /** A note about an alert, in the rule's words (e.g. that a restart brought the service back). */
    public Notify(Alert alert, String receiver, String destination, String text) {
        this(Subject.NOTE, alert, "notify", receiver, destination, null, null, null, null, null, text);
    }

    /** A note about a deployment, in the rule's words (e.g. that its rollback completed, and how long it took). */
    public Notify(Deployment deployment, String receiver, String destination, String text) {
        this(Subject.NOTE, null, "notify", receiver, destination, null, null, null, null, deployment, text);
    }

    /** Announces a rollback. */
    public Notify(Rollback rollback, String receiver, String destination) {
        this(Subject.ROLLBACK, rollback.getAlert(), "notify", receiver, destination, rollback, null, null, null,
                rollback.getDeployment(), null);
    }

    /** Reports a watch checkpoint. */
    public Notify(Checkpoint checkpoint, String receiver, String destination) {
        this(Subject.CHECKPOINT, null, "notify", receiver, destination, null, checkpoint, checkpoint.getWatch(), null,
                checkpoint.getWatch().getDeployment(), null);
    }

    /** Reports a watch's verdict (succeeded, extended): its state and reason at the time. */
    public Notify(Watch watch, String receiver, String destination) {
        this(Subject.VERDICT, null, "notify", receiver, destination, null, null, watch, null, watch.getDeployment(),
                null);
    }

    /** Says that a due traffic step waits, and why. */
    public Notify(RolloutStep step, String receiver, String destination) {
        this(Subject.ROLLOUT, null, "notify", receiver, destination, null, null, step.getWatch(), step,
                step.getWatch().getDeployment(), null);
    }

    private Notify(Subject subject, Alert alert, String type, String receiver, String destination, Rollback rollback,
            Checkpoint checkpoint, Watch watch, RolloutStep step, Deployment deployment, String text) {
        super(alert);
        this.subject = subject;
        this.type = type;
        this.receiver = receiver;
        this.destination = destination;
        this.rollback = rollback;
        this.checkpoint = checkpoint;
        this.watch = watch;
        this.step = step;
        this.deployment = deployment;
        this.text = text;
    }

    /** The deployment it is about (a note, a rollback, a watch's report), or null. */
    public Deployment getDeployment() {
        return deployment;
    }

    /** A note's words; null for other notifications. */
    public String getText() {
        return text;
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
        if (subject == Subject.NOTE && deployment != null) {
            return Map.of("deployment", deployment.getId());
        }
        if (watch != null) {
            return Map.of("deployment", watch.getDeploymentId());
        }
        return rollback != null ? rollback.getLabels() : super.getLabels();
    }
}
