package io.tocsin.engine;

import io.tocsin.engine.action.AlertSnapshot;
import io.tocsin.engine.action.RuleRef;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.rules.SummaryTemplate;

/** Immutable copies of live facts, taken on the engine thread, for actions and views. */
public final class Snapshots {

    private Snapshots() {
    }

    public static AlertSnapshot of(Alert alert) {
        RuleInfo rule = alert.getRule();
        Alert.Acknowledgement ack = alert.getAcknowledgement();
        return new AlertSnapshot(alert.getId(), alert.getFingerprint(), alert.getName(), alert.getPack(),
                alert.getLabels(), alert.getState().wireName(), alert.getPriority().name(), alert.getSeverity(),
                alert.getActiveAt(), alert.getFiredAt(), alert.getResolvedAt(), alert.getValue(),
                SummaryTemplate.render(rule.summary(), alert.getLabels(), alert.getValue()), rule.runbook(), ref(rule),
                ack == null ? null : new AlertSnapshot.Acknowledgement(ack.by(), ack.comment(), ack.at()));
    }

    public static RuleRef ref(RuleInfo rule) {
        return rule == null ? null : new RuleRef(rule.pack(), rule.file(), rule.line(), rule.name());
    }
}
