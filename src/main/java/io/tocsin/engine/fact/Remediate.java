package io.tocsin.engine.fact;

/**
 * Runs an allowlisted command ({@code tocsin.commands.<name>}) in response to an alert; {@code attempt} counts
 * repeated tries of the same remediation for the same alert (1 for the first).
 */
public final class Remediate extends ActionRequest {

    private final String command;
    private final int attempt;

    public Remediate(Alert alert, String command) {
        this(alert, command, 1);
    }

    public Remediate(Alert alert, String command, int attempt) {
        super(alert);
        this.command = command;
        this.attempt = attempt;
    }

    @Override
    public String getType() {
        return "remediate";
    }

    public String getCommand() {
        return command;
    }

    public int getAttempt() {
        return attempt;
    }
}
