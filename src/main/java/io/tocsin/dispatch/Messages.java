package io.tocsin.dispatch;

import io.tocsin.engine.fact.Labels;
import java.time.Instant;

/** The human text of a record, shared by Slack, email and the log: one title line and a few detail lines. */
public final class Messages {

    private Messages() {
    }

    public static String title(ActionRecord r) {
        AlertInfo a = r.alertInfo();
        return switch (r.type()) {
            case "rollback" -> "[ROLLBACK] deployment " + r.deployment() + ": " + r.reason();
            case "escalate" -> "[ESCALATION to " + r.destination() + "] " + describe(a) + " - " + r.reason();
            case "remediate" -> "[REMEDIATION] " + r.destination() + " for "
                    + (a == null && r.deployment() != null ? "deployment " + r.deployment() : describe(a));
            case "resolve" -> "[RESOLVED] " + describe(a);
            default -> r.checkpoint() != null ? "[WATCH] deployment " + r.deployment() + ": " + r.reason()
                    : r.deployment() != null ? "[ROLLBACK] deployment " + r.deployment() + ": " + r.reason()
                    : "[FIRING] " + describe(a);
        };
    }

    public static String body(ActionRecord r) {
        StringBuilder out = new StringBuilder(title(r)).append('\n');
        AlertInfo a = r.alertInfo();
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
        if (r.rule() != null) {
            out.append("Rule: ").append(r.rule().name()).append(" (").append(r.rule().file()).append(':')
                    .append(r.rule().line()).append(")\n");
        }
        return out.toString();
    }

    private static String describe(AlertInfo a) {
        if (a == null) {
            return "(no alert)";
        }
        return a.name() + Labels.format(a.labels()) + " " + a.priority()
                + (a.summary() == null ? "" : ": " + a.summary());
    }
}
