package io.tocsin.dispatch;

import io.tocsin.engine.SummaryTemplate;
import io.tocsin.engine.fact.Alert;
import java.util.SortedMap;

/** An alert as it was when an action about it was decided; payloads are built from this, off the engine thread. */
public record AlertInfo(String id, String fingerprint, String name, SortedMap<String, String> labels, String state,
        String priority, String severity, long activeAt, Long firedAt, Long resolvedAt, Double value, String summary,
        String runbook) {

    static AlertInfo of(Alert alert) {
        return new AlertInfo(alert.getId(), alert.getFingerprint(), alert.getName(), alert.getLabels(),
                alert.getState().wireName(), alert.getPriority().name(), alert.getSeverity(), alert.getActiveAt(),
                alert.getFiredAt(), alert.getResolvedAt(), alert.getValue(),
                SummaryTemplate.render(alert.getRule().summary(), alert.getLabels(), alert.getValue()),
                alert.getRule().runbook());
    }
}
