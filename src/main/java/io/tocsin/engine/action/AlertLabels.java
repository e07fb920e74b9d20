package io.tocsin.engine.action;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An alert as Alertmanager and its tools see it: the alert's labels plus {@code alertname}, {@code severity} and
 * {@code priority} (these three win over series labels of the same name, as a Prometheus rule's labels do), and
 * the annotations {@code summary} and {@code runbook}. Silences match this label set, so a silence on
 * {@code severity="critical"} mutes what {@code amtool alert query} shows as critical, whichever API made it.
 */
public final class AlertLabels {

    private AlertLabels() {
    }

    /** The label set tools see and silences match. */
    public static SortedMap<String, String> of(AlertSnapshot alert) {
        SortedMap<String, String> labels = new TreeMap<>(alert.labels());
        labels.put("alertname", alert.name());
        labels.put("severity", alert.severity());
        labels.put("priority", alert.priority());
        return Collections.unmodifiableSortedMap(labels);
    }

    /** {@code summary} and {@code runbook}, when the rule has them. */
    public static SortedMap<String, String> annotations(AlertSnapshot alert) {
        SortedMap<String, String> annotations = new TreeMap<>();
        if (alert.summary() != null) {
            annotations.put("summary", alert.summary());
        }
        if (alert.runbook() != null) {
            annotations.put("runbook", alert.runbook());
        }
        return Collections.unmodifiableSortedMap(annotations);
    }

    /**
     * Where the alert comes from, under Tocsin's external URL: the rules of its pack
     * ({@code GET /api/v1/rules?pack=genesis}), as Prometheus links the expression that raised it.
     */
    public static String generatorUrl(String externalUrl, AlertSnapshot alert) {
        String base = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
        return alert.pack() == null ? base + "/api/v1/rules" : base + "/api/v1/rules?pack="
                + java.net.URLEncoder.encode(alert.pack(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
