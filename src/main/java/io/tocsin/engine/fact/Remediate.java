package io.tocsin.engine.fact;

/**
 * Runs an allowlisted command ({@code tocsin.commands.<name>}) in response to an alert; {@code attempt} counts
 * repeated tries of the same remediation for the same alert (1 for the first).
 */
public final class Remediate extends ActionRequest {

    private final String command;
    private final int attempt;
    private final Watch watch;
    private final java.util.Map<String, String> params;

    public Remediate(Alert alert, String command) {
        this(alert, command, 1);
    }

    public Remediate(Alert alert, String command, int attempt) {
        super(alert);
        this.command = command;
        this.attempt = attempt;
        this.watch = null;
        this.params = java.util.Map.of();
    }

    /**
     * A command about a watched deployment, e.g. {@code new Remediate($w, "promote", "traffic", "100")}: the
     * parameters reach the command as {@code {{ $params.traffic }}} arguments.
     */
    public Remediate(Watch watch, String command, String... params) {
        super(null);
        this.command = command;
        this.attempt = 1;
        this.watch = watch;
        java.util.Map<String, String> map = new java.util.TreeMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        this.params = java.util.Collections.unmodifiableMap(map);
    }

    /** The watch this is about, or null. */
    public Watch getWatch() {
        return watch;
    }

    public java.util.Map<String, String> getParams() {
        return params;
    }

    @Override
    public java.util.Map<String, String> getLabels() {
        return watch != null ? java.util.Map.of("deployment", watch.getDeploymentId()) : super.getLabels();
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
