package io.tocsin.engine.fact;

/**
 * The outcome of a dispatched action, fed back so rules can react: e.g.
 * {@code ActionResult( command == "restart-genesis", attempt == 3, failed )}. {@code outcome} is {@code sent},
 * {@code failed} (a permanent failure, or retries used up), {@code expired} (still undelivered when the action
 * stopped mattering) or {@code interrupted} (a command that was running when Tocsin stopped; it is never run
 * again). {@code failed} holds for every outcome but {@code sent}. For commands {@code exitCode} is the process'
 * exit code (null if it could not start, timed out or was interrupted).
 */
public final class ActionResult {

    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String EXPIRED = "expired";
    public static final String INTERRUPTED = "interrupted";

    private final String actionId;
    private final String type;
    private final String receiver;
    private final String destination;
    private final Alert alert;
    private final int attempt;
    private final String outcome;
    private final Integer exitCode;
    private final long at;
    private final String deployment;

    public ActionResult(String actionId, String type, String receiver, String destination, Alert alert, int attempt,
            String outcome, Integer exitCode, long at) {
        this(actionId, type, receiver, destination, alert, attempt, outcome, exitCode, at, null);
    }

    /** {@code deployment}: the id of the deployment the action was about (a rollback, a promotion), or null. */
    public ActionResult(String actionId, String type, String receiver, String destination, Alert alert, int attempt,
            String outcome, Integer exitCode, long at, String deployment) {
        this.actionId = actionId;
        this.type = type;
        this.receiver = receiver;
        this.destination = destination;
        this.alert = alert;
        this.attempt = attempt;
        this.outcome = outcome;
        this.exitCode = exitCode;
        this.at = at;
        this.deployment = deployment;
    }

    /**
     * The id of the deployment the action was about (a rollback or promotion), or null:
     * {@code ActionResult( type == "rollback", deployment == $d.id, success )}.
     */
    public String getDeployment() {
        return deployment;
    }

    public String getActionId() {
        return actionId;
    }

    public String getType() {
        return type;
    }

    public String getReceiver() {
        return receiver;
    }

    public String getDestination() {
        return destination;
    }

    /** For a command: its name (same as the destination); otherwise null. */
    public String getCommand() {
        return "command".equals(receiver) ? destination : null;
    }

    public Alert getAlert() {
        return alert;
    }

    public int getAttempt() {
        return attempt;
    }

    public String getOutcome() {
        return outcome;
    }

    public boolean isSuccess() {
        return SENT.equals(outcome);
    }

    public boolean isFailed() {
        return !isSuccess();
    }

    public boolean isExpired() {
        return EXPIRED.equals(outcome);
    }

    public boolean isInterrupted() {
        return INTERRUPTED.equals(outcome);
    }

    public Integer getExitCode() {
        return exitCode;
    }

    /** Engine time the result was fed back (epoch ms). */
    public long getAt() {
        return at;
    }

    @Override
    public String toString() {
        return "ActionResult[" + type + " " + receiver + "/" + destination + " attempt " + attempt + " " + outcome
                + "]";
    }
}
