package io.tocsin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.engine.RuleInfo;
import io.tocsin.engine.SummaryTemplate;
import io.tocsin.engine.fact.Alert;
import java.util.Map;

/** An alert as the API shows it; built on the engine thread, immutable afterwards. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(String id, String fingerprint, String name, Map<String, String> labels, String state,
        String priority, String severity, String activeAt, String firedAt, String resolvedAt, Double value,
        String summary, String runbook, RuleRef rule, Acknowledgement acknowledgement) {

    /** Who acknowledged the alert, when and why. */
    public record Acknowledgement(String by, String comment, String at) {
    }

    /** Where the alert comes from: pack, DRL file (relative to {@code rules/}), line and rule name. */
    public record RuleRef(String pack, String file, int line, String name) {
        static RuleRef of(RuleInfo rule) {
            return new RuleRef(rule.pack(), rule.file(), rule.line(), rule.name());
        }
    }

    static AlertView of(Alert alert) {
        RuleInfo rule = alert.getRule();
        return new AlertView(alert.getId(), alert.getFingerprint(), alert.getName(), alert.getLabels(),
                alert.getState().wireName(), alert.getPriority().name(), alert.getSeverity(),
                Times.format(alert.getActiveAt()), Times.format(alert.getFiredAt()),
                Times.format(alert.getResolvedAt()), alert.getValue(),
                SummaryTemplate.render(rule.summary(), alert.getLabels(), alert.getValue()), rule.runbook(),
                RuleRef.of(rule), alert.getAcknowledgement() == null ? null
                        : new Acknowledgement(alert.getAcknowledgement().by(), alert.getAcknowledgement().comment(),
                                Times.format(alert.getAcknowledgement().at())));
    }
}
