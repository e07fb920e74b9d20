package io.tocsin.engine.fact;

import java.util.Map;

/** Label-set helpers shared by series, conditions and alerts. */
public final class Labels {

    private Labels() {
    }

    /** Prometheus notation {@code {a="1",b="2"}}, with quotes and backslashes escaped; empty for no labels. */
    public static String format(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        labels.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(name).append("=\"")
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        });
        return out.append('}').toString();
    }
}
