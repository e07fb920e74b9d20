package io.tocsin.dispatch.notify.webhook;

import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.notify.HttpReceiver;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.AlertSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Generic webhooks ({@code tocsin.webhooks.<destination>.url}) receive Alertmanager's webhook payload,
 * version 4, with one alert per message, so existing Alertmanager webhook consumers work unchanged.
 */
@ApplicationScoped
public class WebhookReceiver extends HttpReceiver {

    /** Alertmanager's "zero" time, used for an endsAt that is not known yet. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    protected Optional<String> url(Action action) {
        return Optional.ofNullable(config.webhooks().get(action.destination())).map(TocsinConfig.Webhook::url);
    }

    @Override
    protected Object payload(Action action) {
        return alertmanagerPayload(action);
    }

    /** Alertmanager webhook payload v4 for one action. */
    static Map<String, Object> alertmanagerPayload(Action action) {
        AlertSnapshot a = action.alert();
        Map<String, String> labels = new TreeMap<>(action.labels());
        Map<String, String> annotations = new TreeMap<>();
        String status = action.kind() == Action.Kind.RESOLVE ? "resolved" : "firing";
        String startsAt;
        String endsAt = ZERO_TIME;
        if (a != null) {
            labels.put("alertname", a.name());
            labels.put("severity", a.severity());
            labels.put("priority", a.priority());
            if (a.summary() != null) {
                annotations.put("summary", a.summary());
            }
            if (a.runbook() != null) {
                annotations.put("runbook", a.runbook());
            }
            startsAt = Instant.ofEpochMilli(a.activeAt()).toString();
            if (a.resolvedAt() != null) {
                endsAt = Instant.ofEpochMilli(a.resolvedAt()).toString();
            }
        } else {
            labels.put("alertname", alertName(action));
            startsAt = Instant.ofEpochMilli(action.at()).toString();
        }
        if (action.deployment() != null) {
            labels.put("deployment", action.deployment());
        }
        if (action.reason() != null) {
            annotations.put("description", action.reason());
        }
        if (action.kind() == Action.Kind.ESCALATE) {
            annotations.put("escalation", action.destination());
        }
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", startsAt);
        alert.put("endsAt", endsAt);
        alert.put("generatorURL", "");
        alert.put("fingerprint", a == null ? String.format("%016x", action.id()) : a.fingerprint());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", "{}:{alertname=\"" + labels.get("alertname") + "\"}");
        body.put("truncatedAlerts", 0);
        body.put("status", status);
        body.put("receiver", action.destination());
        body.put("groupLabels", Map.of("alertname", labels.get("alertname")));
        body.put("commonLabels", labels);
        body.put("commonAnnotations", annotations);
        body.put("externalURL", "");
        body.put("alerts", List.of(alert));
        return body;
    }

    /** The alertname of an action about no alert. */
    private static String alertName(Action action) {
        return switch (action.kind()) {
            case ROLLBACK -> "DeploymentRollback";
            case ANNOUNCE -> switch (((Action.Announce) action).topic()) {
                case ROLLBACK -> "DeploymentRollback";
                case NOTE -> "TocsinNote";
                case CHECKPOINT, VERDICT, ROLLOUT -> "DeploymentCheckpoint";
            };
            case NOTIFY, RESOLVE, ESCALATE, REMEDIATE, PROMOTE -> "TocsinAction";
        };
    }
}
