package io.tocsin.engine.fact;

/**
 * A watched rollout. The current deployment is <em>armed</em> until it is rolled back: at most one automatic
 * rollback per deployment, re-armed only by registering a new one. Only the engine changes it.
 */
public final class Deployment {

    /**
     * What a deployment id may be: it names files in the data directory and is passed to the rollback command as
     * an argument, so it starts with a letter, digit or {@code _}, then letters, digits and {@code . _ : -}, at
     * most 128 characters. Checked for new deployments and for those read back from saved state alike.
     */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(
            "[A-Za-z0-9_][A-Za-z0-9._:-]{0,127}");

    /** {@link #ID} in words, for error messages. */
    public static final String ID_RULE = "start with a letter, digit or _, then letters, digits and . _ : -, at most"
            + " 128 characters: it names files in the data directory and is passed to the rollback command as an"
            + " argument";

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private final String id;
    private final String version;
    private final long startedAt;
    private boolean current;
    private RollbackDecision rollback;
    private java.util.Map<String, Double> baseline;

    public Deployment(String id, String version, long startedAt, boolean current, RollbackDecision rollback) {
        this(id, version, startedAt, current, rollback, java.util.Map.of());
    }

    public Deployment(String id, String version, long startedAt, boolean current, RollbackDecision rollback,
            java.util.Map<String, Double> baseline) {
        this.id = id;
        this.version = version;
        this.startedAt = startedAt;
        this.current = current;
        this.rollback = rollback;
        this.baseline = baseline == null ? java.util.Map.of() : java.util.Map.copyOf(baseline);
    }

    /**
     * Adds baseline values measured by the watch (when none were given for those metrics at registration); only
     * the engine calls this.
     */
    public void captureBaseline(java.util.Map<String, Double> measured) {
        java.util.Map<String, Double> merged = new java.util.TreeMap<>(measured);
        merged.putAll(baseline); // what was given at registration wins
        baseline = java.util.Map.copyOf(merged);
    }

    /** When the rollback was decided (epoch ms, engine time), or null if it was not rolled back. */
    public Long getRolledBackAt() {
        return rollback == null ? null : rollback.at();
    }

    /** Metric values measured before the deployment, given at registration or captured by its watch. */
    public java.util.Map<String, Double> getBaseline() {
        return baseline;
    }

    public boolean hasBaseline(String metric) {
        return baseline.containsKey(metric);
    }

    /** The baseline of a metric; check {@link #hasBaseline} first. */
    public double baseline(String metric) {
        return baseline.getOrDefault(metric, Double.NaN);
    }

    public String getId() {
        return id;
    }

    public String getVersion() {
        return version;
    }

    /** Epoch ms; criteria count for this deployment only if met at or after this time. */
    public long getStartedAt() {
        return startedAt;
    }

    public boolean isCurrent() {
        return current;
    }

    /** Current and not yet rolled back. */
    public boolean isArmed() {
        return current && rollback == null;
    }

    public RollbackDecision getRollback() {
        return rollback;
    }

    /** True if {@code time} (epoch ms, may be null) is at or after the start of this deployment. */
    public boolean startedBy(Long time) {
        return time != null && time >= startedAt;
    }

    public void supersede() {
        current = false;
    }

    public void rolledBack(RollbackDecision decision) {
        this.rollback = decision;
    }

    /** What was decided, when (engine time), why and by whom; {@code criterion} is null for a manual one. */
    public record RollbackDecision(long at, String reason, String by, String criterion) {
    }

    @Override
    public String toString() {
        return "Deployment[" + id + " " + version + (isArmed() ? " armed" : "") + "]";
    }
}
