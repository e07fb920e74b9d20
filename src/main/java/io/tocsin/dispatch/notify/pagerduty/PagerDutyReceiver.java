package io.tocsin.dispatch.notify.pagerduty;

import io.tocsin.dispatch.Messages;
import io.tocsin.dispatch.notify.HttpReceiver;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.AlertSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PagerDuty Events API v2: {@code trigger} for firing alerts, escalations, rollbacks and announcements,
 * {@code resolve} for resolved alerts, with a {@code dedup_key} stable for the alert instance (and escalation
 * target), so a repeated send never opens a second incident. When an alert resolves, the incidents its
 * escalations opened are resolved too (the engine decides a resolve per escalation target reached through
 * PagerDuty). Routing keys come from
 * {@code tocsin.pagerduty.routing-keys.<destination>} or {@code tocsin.pagerduty.routing-key}.
 */
@ApplicationScoped
public class PagerDutyReceiver extends HttpReceiver {

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    protected Optional<String> url(Action action) {
        return routingKey(action).isPresent() ? config.pagerduty().url() : Optional.empty();
    }

    @Override
    protected Object payload(Action action) {
        return event(action, routingKey(action).orElseThrow());
    }

    private Optional<String> routingKey(Action action) {
        return Optional.ofNullable(config.pagerduty().routingKeys().get(action.destination()))
                .or(() -> config.pagerduty().routingKey());
    }

    /** The Events API v2 body for an action. */
    public static Map<String, Object> event(Action action, String routingKey) {
        boolean resolve = action.kind() == Action.Kind.RESOLVE;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", resolve ? "resolve" : "trigger");
        event.put("dedup_key", dedupKey(action));
        if (!resolve) {
            AlertSnapshot alert = action.alert();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", truncate(Messages.title(action), 1024));
            payload.put("source", "tocsin");
            payload.put("severity", alert == null ? "critical" : alert.severity());
            payload.put("timestamp", Instant.ofEpochMilli(action.at()).toString());
            Map<String, Object> details = new LinkedHashMap<>(action.labels());
            if (alert != null) {
                details.put("alertname", alert.name());
                details.put("priority", alert.priority());
                if (alert.runbook() != null) {
                    details.put("runbook", alert.runbook());
                }
            }
            if (action.reason() != null) {
                details.put("reason", action.reason());
            }
            payload.put("custom_details", details);
            event.put("payload", payload);
        }
        return event;
    }

    /** Stable per alert instance; escalations, rollbacks and watch reports get keys of their own. */
    static String dedupKey(Action action) {
        return switch (action.kind()) {
            case NOTIFY -> "tocsin-" + action.alert().id();
            case RESOLVE -> ((Action.Resolve) action).escalation() == null ? "tocsin-" + action.alert().id()
                    : "tocsin-" + action.alert().id() + "-" + ((Action.Resolve) action).escalation();
            case ESCALATE -> action.alert() == null ? "tocsin-deployment-" + action.deployment() + "-"
                    + action.destination() : "tocsin-" + action.alert().id() + "-" + action.destination();
            case ROLLBACK -> "tocsin-rollback-" + action.deployment();
            case ANNOUNCE -> switch (((Action.Announce) action).topic()) {
                case ROLLBACK -> "tocsin-rollback-" + action.deployment();
                case NOTE -> "tocsin-note-" + action.id();
                case CHECKPOINT, VERDICT, ROLLOUT -> "tocsin-watch-" + action.deployment() + "-"
                        + announcementKey((Action.Announce) action);
            };
            case REMEDIATE, PROMOTE -> "tocsin-action-" + action.id();
        };
    }

    private static String announcementKey(Action.Announce a) {
        return switch (a.topic()) {
            case CHECKPOINT -> a.checkpoint();
            case VERDICT -> "verdict";
            case ROLLOUT, ROLLBACK, NOTE -> "rollout";
        };
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
