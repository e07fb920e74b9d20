package io.tocsin.engine.fact;

import java.util.Map;

/**
 * Rolls back a deployment, because a rollback criterion was met or an operator asked. Tocsin runs the rollback
 * command ({@code tocsin.rollback.command}) and disarms the deployment: at most one rollback per deployment.
 */
public final class Rollback extends ActionRequest {

    private final Deployment deployment;
    private final Criterion criterion;
    private final String reason;
    private final String by;

    /** Automatic: {@code criterion} was met. */
    public Rollback(Deployment deployment, Criterion criterion) {
        super(null);
        this.deployment = deployment;
        this.criterion = criterion;
        this.reason = "criterion " + criterion.getName() + Labels.format(criterion.getLabels()) + " met";
        this.by = "tocsin";
    }

    /** Manual, from the API. */
    public Rollback(Deployment deployment, String reason, String by) {
        super(null);
        this.deployment = deployment;
        this.criterion = null;
        this.reason = reason;
        this.by = by;
    }

    @Override
    public String getType() {
        return "rollback";
    }

    public Deployment getDeployment() {
        return deployment;
    }

    /** The criterion that was met, or null for a manual rollback. */
    public Criterion getCriterion() {
        return criterion;
    }

    public String getReason() {
        return reason;
    }

    public String getBy() {
        return by;
    }

    @Override
    public Map<String, String> getLabels() {
        return criterion == null ? Map.of() : criterion.getLabels();
    }
}
