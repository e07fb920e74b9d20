package io.tocsin.engine.fact;


/**
 * The line a success criterion's chart draws: a fixed value ({@code @threshold("0.2")}) or a multiple of the
 * deployment's baseline for the series' metric ({@code @threshold("baseline * 1.1")}).
 */
public record Threshold(Double value, Double baselineFactor) {

    public static Threshold parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.startsWith("baseline")) {
                String rest = t.substring("baseline".length()).trim();
                if (rest.isEmpty()) {
                    return new Threshold(null, 1.0);
                }
                if (rest.startsWith("*")) {
                    return new Threshold(null, Double.parseDouble(rest.substring(1).trim()));
                }
            } else {
                return new Threshold(Double.parseDouble(t), null);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("@threshold(\"" + text + "\") must be a number or \"baseline * <factor>\"");
    }

    /** The threshold for a metric of a deployment; null if it depends on a baseline the deployment lacks. */
    public Double valueFor(String metric, Deployment deployment) {
        if (value != null) {
            return value;
        }
        return deployment.hasBaseline(metric) ? deployment.baseline(metric) * baselineFactor : null;
    }

    @Override
    public String toString() {
        return value != null ? value.toString() : "baseline * " + baselineFactor;
    }
}
