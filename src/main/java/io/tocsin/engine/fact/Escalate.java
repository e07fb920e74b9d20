package io.tocsin.engine.fact;

/**
 * Escalation of an alert, or of a deployment (a rollback that failed or did not bring the service back), to a
 * named target such as {@code incident-commander}; delivered through the target's receivers
 * ({@code tocsin.escalation.<target>.receivers}).
 */
public final class Escalate extends ActionRequest {

    private final String target;
    private final String reason;
    private final Deployment deployment;

    public Escalate(Alert alert, String target, String reason) {
        super(alert);
        this.target = target;
        this.reason = reason;
        this.deployment = null;
    }

    /** About a deployment rather than an alert. */
    public Escalate(Deployment deployment, String target, String reason) {
        super(null);
        this.target = target;
        this.reason = reason;
        this.deployment = deployment;
    }

    /** The deployment it is about, or null for an escalation of an alert. */
    public Deployment getDeployment() {
        return deployment;
    }

    @Override
    public java.util.Map<String, String> getLabels() {
        return deployment != null ? java.util.Map.of("deployment", deployment.getId()) : super.getLabels();
    }

    @Override
    public String getType() {
        return "escalate";
    }

    public String getTarget() {
        return target;
    }

    public String getReason() {
        return reason;
    }
}
