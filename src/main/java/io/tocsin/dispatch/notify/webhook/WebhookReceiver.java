package io.tocsin.dispatch.notify.webhook;

import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.ActionRecord;
import io.tocsin.dispatch.AlertInfo;
import io.tocsin.dispatch.notify.HttpReceiver;
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
    protected Optional<String> url(ActionRecord record) {
        return Optional.ofNullable(config.webhooks().get(record.destination())).map(TocsinConfig.Webhook::url);
    }

    @Override
    protected Object payload(ActionRecord record) {
        return alertmanagerPayload(record);
    }

    /** Alertmanager webhook payload v4 for one record. */
    static Map<String, Object> alertmanagerPayload(ActionRecord record) {
        AlertInfo a = record.alertInfo();
        Map<String, String> labels = new TreeMap<>(record.labels());
        Map<String, String> annotations = new TreeMap<>();
        String status = "resolve".equals(record.type()) ? "resolved" : "firing";
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
            labels.put("alertname", record.checkpoint() != null ? "DeploymentCheckpoint"
                    : record.deployment() != null ? "DeploymentRollback" : "TocsinAction");
            startsAt = Instant.ofEpochMilli(record.at()).toString();
        }
        if (record.deployment() != null) {
            labels.put("deployment", record.deployment());
        }
        if (record.reason() != null) {
            annotations.put("description", record.reason());
        }
        if ("escalate".equals(record.type())) {
            annotations.put("escalation", record.destination());
        }
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", startsAt);
        alert.put("endsAt", endsAt);
        alert.put("generatorURL", "");
        alert.put("fingerprint", a == null ? String.format("%016x", record.id()) : a.fingerprint());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", "{}:{alertname=\"" + labels.get("alertname") + "\"}");
        body.put("truncatedAlerts", 0);
        body.put("status", status);
        body.put("receiver", record.destination());
        body.put("groupLabels", Map.of("alertname", labels.get("alertname")));
        body.put("commonLabels", labels);
        body.put("commonAnnotations", annotations);
        body.put("externalURL", "");
        body.put("alerts", List.of(alert));
        return body;
    }
}
