package io.tocsin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.engine.Snapshots;
import io.tocsin.engine.action.AlertSnapshot;
import io.tocsin.engine.action.RuleRef;
import io.tocsin.engine.fact.Alert;
import io.tocsin.http.Times;
import java.util.Map;

/** An alert as the API shows it; built from a snapshot taken on the engine thread. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(String id, String fingerprint, String name, Map<String, String> labels, String state,
        String priority, String severity, String activeAt, String firedAt, String resolvedAt, Double value,
        String summary, String runbook, RuleRef rule, Acknowledgement acknowledgement) {

    /** Who acknowledged the alert, when and why. */
    public record Acknowledgement(String by, String comment, String at) {
    }

    /** Only on the engine thread: the alert is a live fact. */
    public static AlertView of(Alert alert) {
        return of(Snapshots.of(alert));
    }

    public static AlertView of(AlertSnapshot a) {
        return new AlertView(a.id(), a.fingerprint(), a.name(), a.labels(), a.state(), a.priority(), a.severity(),
                Times.format(a.activeAt()), Times.format(a.firedAt()), Times.format(a.resolvedAt()), a.value(),
                a.summary(), a.runbook(), a.rule(), a.acknowledgement() == null ? null
                        : new Acknowledgement(a.acknowledgement().by(), a.acknowledgement().comment(),
                                Times.format(a.acknowledgement().at())));
    }
}
