package io.tocsin.dispatch.notify.pagerduty;

import io.tocsin.dispatch.ActionRecord;
import io.tocsin.dispatch.AlertInfo;
import io.tocsin.dispatch.Messages;
import io.tocsin.dispatch.notify.HttpReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PagerDuty Events API v2: {@code trigger} for firing alerts, escalations and rollbacks, {@code resolve} for
 * resolved alerts, with a {@code dedup_key} stable for the alert instance (and escalation target), so a
 * repeated send never opens a second incident. Routing keys come from
 * {@code tocsin.pagerduty.routing-keys.<destination>} or {@code tocsin.pagerduty.routing-key}.
 */
@ApplicationScoped
public class PagerDutyReceiver extends HttpReceiver {

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    protected Optional<String> url(ActionRecord record) {
        return routingKey(record).isPresent() ? config.pagerduty().url() : Optional.empty();
    }

    @Override
    protected Object payload(ActionRecord record) {
        return event(record, routingKey(record).orElseThrow());
    }

    private Optional<String> routingKey(ActionRecord record) {
        return Optional.ofNullable(config.pagerduty().routingKeys().get(record.destination()))
                .or(() -> config.pagerduty().routingKey());
    }

    /** The Events API v2 body for a record. */
    public static Map<String, Object> event(ActionRecord record, String routingKey) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", "resolve".equals(record.type()) ? "resolve" : "trigger");
        event.put("dedup_key", dedupKey(record));
        if (!"resolve".equals(record.type())) {
            AlertInfo alert = record.alertInfo();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", truncate(Messages.title(record), 1024));
            payload.put("source", "tocsin");
            payload.put("severity", alert == null ? "critical" : alert.severity());
            payload.put("timestamp", Instant.ofEpochMilli(record.at()).toString());
            Map<String, Object> details = new LinkedHashMap<>(record.labels());
            if (alert != null) {
                details.put("alertname", alert.name());
                details.put("priority", alert.priority());
                if (alert.runbook() != null) {
                    details.put("runbook", alert.runbook());
                }
            }
            if (record.reason() != null) {
                details.put("reason", record.reason());
            }
            payload.put("custom_details", details);
            event.put("payload", payload);
        }
        return event;
    }

    /** Stable per alert instance; escalations, rollbacks and checkpoint reports get keys of their own. */
    static String dedupKey(ActionRecord record) {
        if (record.checkpoint() != null) {
            return "tocsin-watch-" + record.deployment() + "-" + record.checkpoint();
        }
        if (record.deployment() != null) {
            return "tocsin-rollback-" + record.deployment();
        }
        String base = "tocsin-" + (record.alertInfo() == null ? "action-" + record.id() : record.alertInfo().id());
        return "escalate".equals(record.type()) ? base + "-" + record.destination() : base;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
