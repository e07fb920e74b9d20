package io.tocsin.api.alertmanager;

import io.tocsin.engine.action.AlertLabels;
import io.tocsin.http.Times;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's {@code gettableAlert} (OpenAPI of 0.25). {@code startsAt} is when the alert fired (what
 * Prometheus sends as startsAt), {@code updatedAt} the engine's latest evaluation, {@code endsAt} four resend
 * delays after it (how long a forwarded firing alert stays valid), {@code generatorURL} the rules of its pack.
 */
record GettableAlert(Map<String, String> labels, Map<String, String> annotations, List<Receiver> receivers,
        String fingerprint, String startsAt, String updatedAt, String endsAt, AlertStatus status,
        String generatorURL) {

    /** {@code state}: {@code active} or {@code suppressed}; {@code inhibitedBy} is always empty. */
    record AlertStatus(String state, List<String> silencedBy, List<String> inhibitedBy) {
    }

    record Receiver(String name) {
    }

    static GettableAlert of(FiringAlert f, long validForMillis, String externalUrl) {
        Long firedAt = f.alert().firedAt();
        return new GettableAlert(f.labels(), AlertLabels.annotations(f.alert()),
                f.receivers().stream().map(Receiver::new).toList(), f.alert().fingerprint(),
                Times.format(firedAt == null ? f.alert().activeAt() : firedAt), Times.format(f.evaluatedAt()),
                Times.format(f.evaluatedAt() + validForMillis), new AlertStatus(f.state(), f.silencedBy(), List.of()),
                AlertLabels.generatorUrl(externalUrl, f.alert()));
    }
}
