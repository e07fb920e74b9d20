package io.tocsin.engine.fact;

import java.util.Map;

/**
 * Raises a watched deployment's traffic: {@code insert(new Promote($step))} for a rollout step,
 * {@code insert(new Promote($w, 100))} for the whole deployment. Tocsin runs the promote command
 * ({@code tocsin.promote.command}) with the traffic as {@code {{ $params.traffic }}}.
 */
public final class Promote extends ActionRequest {

    private final Watch watch;
    private final int traffic;

    public Promote(Watch watch, int traffic) {
        super(null);
        if (traffic < 0 || traffic > 100) {
            throw new IllegalArgumentException("traffic " + traffic + " is not a percentage");
        }
        this.watch = watch;
        this.traffic = traffic;
    }

    public Promote(RolloutStep step) {
        this(step.getWatch(), step.getTraffic());
    }

    @Override
    public String getType() {
        return "promote";
    }

    public Watch getWatch() {
        return watch;
    }

    public int getTraffic() {
        return traffic;
    }

    @Override
    public Map<String, String> getLabels() {
        return Map.of("deployment", watch.getDeploymentId());
    }
}
