package io.tocsin.dispatch.notify.alertmanager;

import io.tocsin.engine.action.AlertLabels;
import io.tocsin.engine.action.AlertSnapshot;
import java.time.Instant;
import java.util.Map;

/**
 * One alert of Alertmanager's {@code postableAlerts} ({@code POST /api/v2/alerts}), as Prometheus' notifier
 * sends it: the labels tools see (with {@code alertname}, {@code severity}, {@code priority}), the annotations
 * {@code summary} and {@code runbook}, {@code startsAt} when it fired, {@code endsAt} when it resolved or, while it
 * fires, a time ahead that the next send moves on (so Alertmanager resolves it by itself only if Tocsin stops
 * sending), and {@code generatorURL} back at Tocsin.
 */
public record PostableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt,
        String endsAt, String generatorURL) {

    /** A firing alert, valid until {@code validUntil} (epoch ms). */
    public static PostableAlert firing(AlertSnapshot alert, long validUntil, String externalUrl) {
        long startsAt = startsAt(alert);
        return new PostableAlert(AlertLabels.of(alert), AlertLabels.annotations(alert), format(startsAt),
                format(Math.max(validUntil, startsAt + 1)), AlertLabels.generatorUrl(externalUrl, alert));
    }

    /** A resolved alert: it ended when it resolved. */
    public static PostableAlert resolved(AlertSnapshot alert, String externalUrl) {
        long startsAt = startsAt(alert);
        long endsAt = alert.resolvedAt() == null ? startsAt : Math.max(alert.resolvedAt(), startsAt);
        return new PostableAlert(AlertLabels.of(alert), AlertLabels.annotations(alert), format(startsAt),
                format(endsAt), AlertLabels.generatorUrl(externalUrl, alert));
    }

    /** When it fired (Prometheus sends its FiredAt); when it became active for an alert that never fired. */
    private static long startsAt(AlertSnapshot alert) {
        return alert.firedAt() == null ? alert.activeAt() : alert.firedAt();
    }

    private static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
