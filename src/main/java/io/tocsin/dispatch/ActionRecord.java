package io.tocsin.dispatch;

import io.tocsin.engine.RuleInfo;
import io.tocsin.engine.fact.Alert;
import java.util.SortedMap;

/**
 * One delivery of one action: a notification sent to two receivers is two records. Created on the engine
 * thread, recorded before it is dispatched; its delivery state then changes on dispatcher threads, so those
 * fields are guarded by the record's lock and read through {@link #snapshot()}.
 */
public final class ActionRecord {

    /** Delivery states, as the API shows them. */
    public enum Status {
        PENDING("pending"), SENT("sent"), RETRYING("retrying"), FAILED("failed"), SILENCED("silenced"),
        DRY_RUN("dry-run");

        public final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    /** What a command run produced. */
    public record CommandOutcome(Integer exitCode, long durationMillis, String outputTail) {
    }

    private final long id;
    private final String type;
    private final long at;
    private final Alert alert;
    private final AlertInfo alertInfo;
    private final SortedMap<String, String> labels;
    private final String receiver;
    private final String destination;
    private final RuleInfo rule;
    private final String deployment;
    private final String reason;
    private final Integer remediationAttempt;
    private final String checkpoint;

    private Status status = Status.PENDING;
    private int attempts;
    private String lastError;
    private String via;
    private CommandOutcome command;

    ActionRecord(long id, String type, long at, Alert alert, SortedMap<String, String> labels, String receiver,
            String destination, RuleInfo rule, String deployment, String reason, Integer remediationAttempt,
            String checkpoint) {
        this.id = id;
        this.type = type;
        this.at = at;
        this.alert = alert;
        this.alertInfo = alert == null ? null : AlertInfo.of(alert);
        this.labels = labels;
        this.receiver = receiver;
        this.destination = destination;
        this.rule = rule;
        this.deployment = deployment;
        this.reason = reason;
        this.remediationAttempt = remediationAttempt;
        this.checkpoint = checkpoint;
    }

    private java.util.Map<String, String> params = java.util.Map.of();

    /** Command parameters ({@code {{ $params.name }}}), e.g. the traffic of a promotion. */
    public java.util.Map<String, String> params() {
        return params;
    }

    void params(java.util.Map<String, String> params) {
        this.params = params;
    }

    /** For a watch report: the checkpoint label ({@code T+6h}) or {@code verdict}; otherwise null. */
    public String checkpoint() {
        return checkpoint;
    }

    public long id() {
        return id;
    }

    public String type() {
        return type;
    }

    /** Engine time of the evaluation that decided the action (epoch ms). */
    public long at() {
        return at;
    }

    /** The alert as it was when the action was decided; null if none. */
    public AlertInfo alertInfo() {
        return alertInfo;
    }

    /** The live alert fact, for feeding results back to rules; null if none. */
    public Alert alert() {
        return alert;
    }

    public SortedMap<String, String> labels() {
        return labels;
    }

    public String receiver() {
        return receiver;
    }

    public String destination() {
        return destination;
    }

    public RuleInfo rule() {
        return rule;
    }

    public String deployment() {
        return deployment;
    }

    public String reason() {
        return reason;
    }

    public Integer remediationAttempt() {
        return remediationAttempt;
    }

    synchronized void mark(Status status) {
        this.status = status;
    }

    synchronized int beginAttempt() {
        return ++attempts;
    }

    synchronized void delivered(String via, CommandOutcome command) {
        this.status = Status.SENT;
        this.via = via;
        this.command = command;
    }

    synchronized void retrying(String error) {
        this.status = Status.RETRYING;
        this.lastError = error;
    }

    synchronized void failed(String error, String via, CommandOutcome command) {
        this.status = Status.FAILED;
        this.lastError = error;
        this.via = via;
        this.command = command;
    }

    /** A consistent copy of the delivery state. */
    public synchronized State snapshot() {
        return new State(status, attempts, lastError, via, command);
    }

    /** Delivery state at one moment. */
    public record State(Status status, int attempts, String lastError, String via, CommandOutcome command) {
    }

    @Override
    public String toString() {
        return "#" + id + " " + type + " " + receiver + "/" + destination
                + (alertInfo == null ? "" : " " + alertInfo.name());
    }
}
