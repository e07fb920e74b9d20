package io.tocsin.report;

import io.tocsin.watch.WatchSummary;

import java.util.Map;

/**
 * A watch report as one self-contained HTML page: verdict, criteria with their charts, rollout steps, timeline
 * and checkpoint table. Inline CSS and SVG only; the Content-Security-Policy forbids every request, so the page
 * renders the same offline, from a file, or attached to an incident.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The page as the API serves it (the evidence link points at the evidence endpoint). */
    public static String render(WatchReport r) {
        return render(r, "evidence");
    }

    /** The page with its evidence link relative to where the page is kept. */
    public static String render(WatchReport r, String evidenceHref) {
        StringBuilder h = new StringBuilder(64_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src")
                .append(" 'unsafe-inline'\">")
                .append("<title>Watch of ").append(Text.html(r.deployment())).append(" - Tocsin</title><style>")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;")
                .append("max-width:1000px;color:#222}h1{font-size:22px}h2{font-size:18px;margin-top:32px}")
                .append("table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ddd;")
                .append("padding:4px 6px;text-align:left;vertical-align:top}th{background:#f5f5f5}")
                .append(".verdict{padding:12px 16px;border-radius:6px;font-size:16px}")
                .append(".succeeded{background:#e3f4e3}.watching{background:#e8f0fb}.extended{background:#fff1db}")
                .append(".rolled-back,.closed{background:#fbe3e3}.met{color:#1a7f1a}.unmet{color:#b02020}")
                .append(".muted{color:#666}svg{display:block;margin:8px 0}</style></head><body>\n");
        h.append("<h1>Deployment watch: ").append(Text.html(r.deployment())).append(" <span class=\"muted\">")
                .append(Text.html(r.version())).append("</span></h1>\n");
        String banner = "watching".equals(r.state()) && r.extensions() > 0 ? "extended" : r.state();
        h.append("<div class=\"verdict ").append(Text.html(banner)).append("\" id=\"verdict\" data-state=\"")
                .append(Text.html(r.state())).append("\"><strong>").append(Text.html(headline(r))).append("</strong>");
        if (r.reason() != null) {
            h.append(": ").append(Text.html(r.reason()));
        }
        h.append("<br><span class=\"muted\">started ").append(r.startedAt()).append(", window ends ")
                .append(r.endsAt());
        if (r.extensions() > 0) {
            h.append(" (extended ").append(r.extensions()).append("x, judged from ").append(r.assessedFrom())
                    .append(")");
        }
        if (r.closedAt() != null) {
            h.append(", closed ").append(r.closedAt());
        }
        h.append("; report ").append(r.finalReport() ? "final" : "as of " + r.generatedAt()).append("</span>");
        if (r.evidence() != null) {
            h.append("<br>Evidence of the rollback: <a id=\"evidence\" href=\"").append(Text.html(evidenceHref))
                    .append("\">").append(Text.html(r.evidence())).append("</a> (also <code>GET /api/v1/deployments/")
                    .append(Text.html(r.deployment())).append("/evidence</code>)");
        }
        h.append("</div>\n");

        if (r.summary() != null) {
            summary(h, r);
        }
        if (!r.signOffs().isEmpty() || r.handoffClosedAt() != null) {
            h.append("<h2>Handoff</h2>\n<table id=\"signoffs\"><tr><th>Role</th><th>Signed off by</th><th>At</th>")
                    .append("<th>Comment</th></tr>\n");
            for (WatchReport.SignOff s : r.signOffs()) {
                h.append("<tr><td>").append(Text.html(s.role())).append("</td><td>").append(Text.html(s.by()))
                        .append("</td><td>").append(s.at()).append("</td><td>").append(Text.html(s.comment()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n<p id=\"handoff\">").append(r.handoffClosedAt() == null
                    ? "Handoff open: waiting for the other sign-off" : "Handoff closed at " + r.handoffClosedAt())
                    .append("</p>\n");
        }
        h.append("<h2>Success criteria</h2>\n<table id=\"criteria\"><tr><th>Criterion</th><th>Compliance</th>")
                .append("<th>Required</th><th>Worst value</th><th>Violations</th></tr>\n");
        for (WatchReport.Criterion c : r.criteria()) {
            h.append("<tr><td>").append(Text.html(c.name())).append("</td><td class=\"")
                    .append(c.met() ? "met" : "unmet").append("\">").append(Text.percent(c.compliance()))
                    .append(c.met() ? " met" : " not met").append("</td><td>").append(Text.percent(c.required()))
                    .append("</td><td>").append(c.worst() == null ? "-" : Text.html(c.worstIs() + " "
                            + Text.number(c.worst()))).append("</td><td>").append(c.violations().size())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (WatchReport.Criterion c : r.criteria()) {
            h.append("<h3>").append(Text.html(c.name())).append("</h3><p class=\"muted\">");
            if (c.rule() != null) {
                h.append("rule \"").append(Text.html(c.rule())).append("\" (").append(Text.html(c.file()))
                        .append(':').append(c.line()).append("); ");
            }
            h.append(c.series().isEmpty() ? "no samples of its series were kept" : c.series().size() + " series")
                    .append("</p>\n").append(SvgChart.render(r, c)).append('\n');
            if (!c.violations().isEmpty()) {
                h.append("<p>Violated: ");
                for (int i = 0; i < c.violations().size(); i++) {
                    WatchReport.Range v = c.violations().get(i);
                    h.append(i == 0 ? "" : "; ").append(Text.html(WatchReport.offset(r.startedAtMillis(),
                            v.fromMillis()))).append(" to ").append(v.toMillis() == null ? "now"
                                    : Text.html(WatchReport.offset(r.startedAtMillis(), v.toMillis())));
                }
                h.append("</p>\n");
            }
        }

        if (!r.steps().isEmpty()) {
            h.append("<h2>Progressive rollout</h2>\n<table id=\"steps\"><tr><th>After</th><th>Traffic</th>")
                    .append("<th>State</th><th>Promoted</th><th>Held because</th></tr>\n");
            for (WatchReport.Step s : r.steps()) {
                h.append("<tr><td>T+").append(Text.html(s.after())).append("</td><td>").append(s.traffic())
                        .append("%</td><td>").append(s.state()).append("</td><td>")
                        .append(s.promotedAt() == null ? "" : s.promotedAt()).append("</td><td>")
                        .append(Text.html(s.heldBecause())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Timeline</h2>\n").append(TimelineStrip.render(r)).append('\n')
                .append("<table id=\"timeline\"><tr><th>When</th><th></th><th>What</th><th></th></tr>\n");
        for (WatchReport.Event e : r.timeline()) {
            h.append("<tr data-kind=\"").append(e.kind()).append("\"><td>").append(e.at()).append("</td><td>")
                    .append(Text.html(e.offset())).append("</td><td>").append(e.kind()).append("</td><td>")
                    .append(Text.html(e.text())).append("</td></tr>\n");
        }
        if (r.droppedEvents() > 0) {
            h.append("<tr><td colspan=\"4\">").append(r.droppedEvents()).append(" later events not kept</td></tr>");
        }
        h.append("</table>\n");

        h.append("<h2>Checkpoints</h2>\n<table id=\"checkpoints\"><tr><th>Checkpoint</th><th>Phase</th><th>Due</th>")
                .append("<th>Taken</th><th>Summary</th><th>Firing alerts</th><th>Actions since the previous</th></tr>\n");
        for (WatchReport.Checkpoint c : r.checkpoints()) {
            h.append("<tr><td>").append(Text.html(c.label())).append("</td><td>").append(Text.html(c.phase()))
                    .append("</td><td>").append(c.due()).append("</td><td>").append(c.at()).append("</td><td")
                    .append(c.summary() == null ? ">" : " title=\"" + Text.html(c.summary().text()) + "\">"
                            + c.summary().verdict()).append("</td><td>")
                    .append(Text.html(String.join(", ", c.firingAlerts()))).append("</td><td>")
                    .append(Text.html(actions(c.actionsSince()))).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"muted\">Generated by Tocsin at ").append(r.generatedAt())
                .append(" (engine time).</p>\n</body></html>\n");
        return h.toString();
    }

    /** PASS/FAIL, the figures (now and 24-hour average), the baseline and the incidents. */
    private static void summary(StringBuilder h, WatchReport r) {
        WatchSummary s = r.summary();
        h.append("<h2>Summary: <span id=\"summary\" class=\"").append("PASS".equals(s.verdict()) ? "met" : "unmet")
                .append("\">").append(s.verdict()).append("</span></h2>\n");
        if (!s.failing().isEmpty()) {
            h.append("<p>Failing: ").append(Text.html(String.join("; ", s.failing()))).append("</p>\n");
        }
        if (!s.figures().isEmpty()) {
            h.append("<table id=\"figures\"><tr><th>Figure</th><th>Now</th><th>24h average</th></tr>\n");
            for (WatchSummary.Value v : s.figures()) {
                h.append("<tr><td>").append(Text.html(v.label())).append("</td><td>")
                        .append(Text.html(WatchSummary.format(v.metric(), v.now()))).append("</td><td>")
                        .append(Text.html(WatchSummary.format(v.metric(), v.average24h()))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (r.baseline() != null) {
            h.append("<p id=\"baseline\">Baseline").append(r.baselineMeasuredAt() == null ? " (given)"
                    : " (measured at " + r.baselineMeasuredAt() + ")").append(": ");
            StringBuilder values = new StringBuilder();
            r.baseline().forEach((metric, value) -> values.append(values.length() == 0 ? "" : "; ").append(metric)
                    .append(' ').append(WatchSummary.format(metric, value)));
            h.append(Text.html(values.toString())).append("</p>\n");
        }
        h.append("<p id=\"incidents\">Incidents (P0/P1): ");
        if (s.incidents().isEmpty()) {
            h.append("none");
        }
        for (int i = 0; i < s.incidents().size(); i++) {
            io.tocsin.watch.Incident inc = s.incidents().get(i);
            h.append(i == 0 ? "" : ", ").append(Text.html(inc.alert())).append(' ').append(inc.priority())
                    .append(" at ").append(Text.html(WatchReport.offset(r.startedAtMillis(), inc.firedAt())))
                    .append(inc.resolvedAt() == null ? " (still firing)" : " for "
                            + io.tocsin.engine.fact.Durations.format(inc.resolvedAt() - inc.firedAt()));
        }
        h.append("</p>\n");
    }

    static String headline(WatchReport r) {
        return switch (r.state()) {
            case "succeeded" -> "Succeeded";
            case "rolled-back" -> "Rolled back";
            case "closed" -> "Closed by hand";
            default -> r.extensions() > 0 ? "Extended, still watching" : "Watching";
        };
    }

    static String actions(Map<String, Integer> actions) {
        StringBuilder out = new StringBuilder();
        actions.forEach((type, n) -> out.append(out.length() == 0 ? "" : ", ").append(n).append(' ').append(type));
        return out.toString();
    }
}
