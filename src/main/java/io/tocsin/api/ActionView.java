package io.tocsin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.dispatch.ActionRecord;
import java.util.Map;

/** An action record as the API shows it. Never carries a webhook URL or routing key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionView(String id, String type, String at, String alert, String alertId, Map<String, String> labels,
        String receiver, String destination, String status, int attempts, String lastError, String via,
        AlertView.RuleRef rule, String deployment, String reason, Integer remediationAttempt, Integer exitCode,
        Long durationMillis, String output) {

    static ActionView of(ActionRecord r) {
        ActionRecord.State s = r.snapshot();
        ActionRecord.CommandOutcome c = s.command();
        return new ActionView(Long.toString(r.id()), r.type(), Times.format(r.at()),
                r.alertInfo() == null ? null : r.alertInfo().name(), r.alertInfo() == null ? null : r.alertInfo().id(),
                r.labels(), r.receiver(), r.destination(), s.status().wire, s.attempts(), s.lastError(), s.via(),
                r.rule() == null ? null : AlertView.RuleRef.of(r.rule()), r.deployment(), r.reason(),
                r.remediationAttempt(), c == null ? null : c.exitCode(), c == null ? null : c.durationMillis(),
                c == null ? null : c.outputTail());
    }
}
