package io.tocsin.report;

import io.tocsin.watch.WatchSummary;

/** A watch report as Markdown, for a chat message, a ticket or a wiki page (charts are in the HTML report). */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(WatchReport r) {
        StringBuilder m = new StringBuilder(8_192);
        m.append("# Deployment watch: ").append(r.deployment()).append(" (").append(r.version()).append(")\n\n");
        m.append("**").append(HtmlReport.headline(r)).append("**");
        if (r.reason() != null) {
            m.append(": ").append(r.reason());
        }
        m.append("\n\n- Started: ").append(r.startedAt()).append("\n- Window ends: ").append(r.endsAt());
        if (r.extensions() > 0) {
            m.append(" (extended ").append(r.extensions()).append("x; judged from ").append(r.assessedFrom())
                    .append(')');
        }
        if (r.closedAt() != null) {
            m.append("\n- Closed: ").append(r.closedAt());
        }
        m.append("\n- Report: ").append(r.finalReport() ? "final" : "as of " + r.generatedAt());
        if (r.evidence() != null) {
            m.append("\n- Evidence of the rollback: `").append(r.evidence()).append("` (data directory)");
        }
        if (r.summary() != null) {
            summary(m, r);
        }
        if (!r.signOffs().isEmpty() || r.handoffClosedAt() != null) {
            m.append("\n\n## Handoff\n\n");
            for (WatchReport.SignOff s : r.signOffs()) {
                m.append("- ").append(s.role()).append(" signed off by ").append(Text.cell(s.by())).append(" at ")
                        .append(s.at()).append(s.comment() == null ? "" : ": " + Text.cell(s.comment())).append('\n');
            }
            m.append(r.handoffClosedAt() == null ? "- Handoff open: waiting for the other sign-off"
                    : "- Handoff closed at " + r.handoffClosedAt());
        }
        m.append("\n\n## Success criteria\n\n| Criterion | Compliance | Required | Met | Worst value | Violations |\n")
                .append("|---|---|---|---|---|---|\n");
        for (WatchReport.Criterion c : r.criteria()) {
            StringBuilder ranges = new StringBuilder();
            for (WatchReport.Range v : c.violations()) {
                ranges.append(ranges.length() == 0 ? "" : ", ")
                        .append(WatchReport.offset(r.startedAtMillis(), v.fromMillis())).append(" to ")
                        .append(v.toMillis() == null ? "now" : WatchReport.offset(r.startedAtMillis(), v.toMillis()));
            }
            m.append("| ").append(Text.cell(c.name())).append(" | ").append(Text.percent(c.compliance()))
                    .append(" | ").append(Text.percent(c.required())).append(" | ").append(c.met() ? "yes" : "**no**")
                    .append(" | ").append(c.worst() == null ? "-" : c.worstIs() + " " + Text.number(c.worst()))
                    .append(" | ").append(ranges.length() == 0 ? "none" : Text.cell(ranges.toString())).append(" |\n");
        }
        if (!r.steps().isEmpty()) {
            m.append("\n## Progressive rollout\n\n| After | Traffic | State | Promoted | Held because |\n")
                    .append("|---|---|---|---|---|\n");
            for (WatchReport.Step s : r.steps()) {
                m.append("| T+").append(s.after()).append(" | ").append(s.traffic()).append("% | ").append(s.state())
                        .append(" | ").append(s.promotedAt() == null ? "" : s.promotedAt()).append(" | ")
                        .append(Text.cell(s.heldBecause())).append(" |\n");
            }
        }
        m.append("\n## Timeline\n\n");
        if (r.timeline().isEmpty()) {
            m.append("Nothing happened.\n");
        }
        for (WatchReport.Event e : r.timeline()) {
            m.append("- ").append(e.offset()).append(" (").append(e.at()).append(") **").append(e.kind())
                    .append("** ").append(e.text()).append('\n');
        }
        m.append("\n## Checkpoints\n\n| Checkpoint | Phase | Due | Taken | Summary | Firing alerts | Actions since |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (WatchReport.Checkpoint c : r.checkpoints()) {
            m.append("| ").append(Text.cell(c.label())).append(" | ").append(c.phase()).append(" | ").append(c.due())
                    .append(" | ").append(c.at()).append(" | ").append(c.summary() == null ? "" : c.summary().verdict())
                    .append(" | ").append(Text.cell(String.join(", ", c.firingAlerts())))
                    .append(" | ").append(Text.cell(HtmlReport.actions(c.actionsSince()))).append(" |\n");
        }
        return m.toString();
    }

    /** PASS/FAIL, the figures (now and 24-hour average) and the incidents. */
    private static void summary(StringBuilder m, WatchReport r) {
        WatchSummary s = r.summary();
        m.append("\n\n## Summary: ").append(s.verdict()).append("\n\n");
        if (!s.failing().isEmpty()) {
            m.append("Failing: ").append(Text.cell(String.join("; ", s.failing()))).append("\n\n");
        }
        if (!s.figures().isEmpty()) {
            m.append("| Figure | Now | 24h average |\n|---|---|---|\n");
            for (WatchSummary.Value v : s.figures()) {
                m.append("| ").append(Text.cell(v.label())).append(" | ").append(WatchSummary.format(v.metric(), v.now()))
                        .append(" | ").append(WatchSummary.format(v.metric(), v.average24h())).append(" |\n");
            }
            m.append('\n');
        }
        if (r.baseline() != null) {
            m.append("Baseline").append(r.baselineMeasuredAt() == null ? " (given)" : " (measured at "
                    + r.baselineMeasuredAt() + ")").append(": ");
            r.baseline().forEach((metric, value) -> m.append(metric).append(' ')
                    .append(WatchSummary.format(metric, value)).append("; "));
            m.setLength(m.length() - 2);
            m.append("\n\n");
        }
        m.append("Incidents (P0/P1): ");
        if (s.incidents().isEmpty()) {
            m.append("none");
        }
        for (int i = 0; i < s.incidents().size(); i++) {
            io.tocsin.watch.Incident inc = s.incidents().get(i);
            m.append(i == 0 ? "" : ", ").append(Text.cell(inc.alert())).append(' ').append(inc.priority())
                    .append(" at ").append(WatchReport.offset(r.startedAtMillis(), inc.firedAt()))
                    .append(inc.resolvedAt() == null ? " (still firing)" : " for "
                            + io.tocsin.engine.fact.Durations.format(inc.resolvedAt() - inc.firedAt()));
        }
    }
}
