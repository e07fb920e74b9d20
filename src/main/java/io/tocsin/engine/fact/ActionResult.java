package io.tocsin.engine.fact;

/**
 * The outcome of a dispatched action, fed back so rules can react: e.g.
 * {@code ActionResult( command == "restart-genesis", attempt == 3, failed )}. For commands {@code exitCode}
 * is the process' exit code (null if it could not start or timed out).
 */
public final class ActionResult {

    private final String actionId;
    private final String type;
    private final String receiver;
    private final String destination;
    private final Alert alert;
    private final int attempt;
    private final boolean success;
    private final Integer exitCode;
    private final long at;

    public ActionResult(String actionId, String type, String receiver, String destination, Alert alert, int attempt,
            boolean success, Integer exitCode, long at) {
        this.actionId = actionId;
        this.type = type;
        this.receiver = receiver;
        this.destination = destination;
        this.alert = alert;
        this.attempt = attempt;
        this.success = success;
        this.exitCode = exitCode;
        this.at = at;
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

    public boolean isSuccess() {
        return success;
    }

    public boolean isFailed() {
        return !success;
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
        return "ActionResult[" + type + " " + receiver + "/" + destination + " attempt " + attempt
                + (success ? " ok" : " failed") + "]";
    }
}
