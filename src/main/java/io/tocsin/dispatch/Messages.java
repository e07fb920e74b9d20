package io.tocsin.dispatch;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.AlertSnapshot;
import io.tocsin.engine.fact.Labels;
import java.time.Instant;

/** The human text of an action, shared by Slack, email and the log: one title line and a few detail lines. */
public final class Messages {

    private Messages() {
    }

    public static String title(Action action) {
        AlertSnapshot a = action.alert();
        return switch (action.kind()) {
            case NOTIFY -> "[FIRING] " + describe(a);
            case RESOLVE -> "[RESOLVED] " + describe(a);
            case ESCALATE -> "[ESCALATION to " + action.destination() + "] " + (a == null && action.deployment() != null
                    ? "deployment " + action.deployment() : describe(a)) + " - " + action.reason();
            case REMEDIATE -> "[REMEDIATION] " + action.destination() + " for "
                    + (a == null && action.deployment() != null ? "deployment " + action.deployment() : describe(a));
            case PROMOTE -> "[REMEDIATION] " + action.destination() + " for deployment " + action.deployment()
                    + ": " + action.reason();
            case ROLLBACK -> "[ROLLBACK] deployment " + action.deployment() + ": " + action.reason();
            case ANNOUNCE -> switch (((Action.Announce) action).topic()) {
                case ROLLBACK -> "[ROLLBACK] deployment " + action.deployment() + ": " + action.reason();
                case NOTE -> "[NOTE] " + (action.deployment() != null ? "deployment " + action.deployment()
                        : action.labels().isEmpty() ? "" : Labels.format(action.labels())) + ": " + action.reason();
                case CHECKPOINT, VERDICT, ROLLOUT -> "[WATCH] deployment " + action.deployment() + ": "
                        + action.reason();
            };
        };
    }

    public static String body(Action action) {
        StringBuilder out = new StringBuilder(title(action)).append('\n');
        AlertSnapshot a = action.alert();
        if (a != null) {
            if (a.summary() != null) {
                out.append(a.summary()).append('\n');
            }
            out.append("Priority: ").append(a.priority()).append(" (").append(a.severity()).append(")\n");
            out.append("Active since: ").append(Instant.ofEpochMilli(a.activeAt())).append('\n');
            if (a.runbook() != null) {
                out.append("Runbook: ").append(a.runbook()).append('\n');
            }
        }
        if (action.rule() != null) {
            out.append("Rule: ").append(action.rule().name()).append(" (").append(action.rule().file()).append(':')
                    .append(action.rule().line()).append(")\n");
        }
        return out.toString();
    }

    private static String describe(AlertSnapshot a) {
        if (a == null) {
            return "(no alert)";
        }
        return a.name() + Labels.format(a.labels()) + " " + a.priority() + (a.summary() == null ? "" : ": " + a.summary());
    }
}
