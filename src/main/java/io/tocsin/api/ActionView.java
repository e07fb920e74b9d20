package io.tocsin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.action.RuleRef;
import io.tocsin.http.Times;
import java.util.Map;

/** An action and its delivery as the API shows them. Never carries a webhook URL or routing key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionView(String id, String type, String at, String alert, String alertId, Map<String, String> labels,
        String receiver, String destination, String status, int attempts, String lastError, String via,
        RuleRef rule, String deployment, String reason, Integer remediationAttempt, Integer exitCode,
        Long durationMillis, String output) {

    public static ActionView of(ActionHistory.Entry entry) {
        Action a = entry.action();
        DeliveryState s = entry.state();
        DeliveryState.CommandOutcome c = s.command();
        return new ActionView(Long.toString(a.id()), a.type(), Times.format(a.at()),
                a.alert() == null ? null : a.alert().name(), a.alert() == null ? null : a.alert().id(), a.labels(),
                a.receiver(), a.destination(), s.status().wire(), s.attempts(), s.lastError(), s.via(), a.rule(),
                a.deployment(), a.reason(), a instanceof Action.Remediate r ? (Integer) r.attempt() : null,
                c == null ? null : c.exitCode(), c == null ? null : c.durationMillis(),
                c == null ? null : c.outputTail());
    }
}
