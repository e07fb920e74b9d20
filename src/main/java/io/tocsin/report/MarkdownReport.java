package io.tocsin.report;

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
        m.append("\n## Checkpoints\n\n| Checkpoint | Phase | Due | Taken | Firing alerts | Actions since |\n")
                .append("|---|---|---|---|---|---|\n");
        for (WatchReport.Checkpoint c : r.checkpoints()) {
            m.append("| ").append(Text.cell(c.label())).append(" | ").append(c.phase()).append(" | ").append(c.due())
                    .append(" | ").append(c.at()).append(" | ").append(Text.cell(String.join(", ", c.firingAlerts())))
                    .append(" | ").append(Text.cell(HtmlReport.actions(c.actionsSince()))).append(" |\n");
        }
        return m.toString();
    }
}
