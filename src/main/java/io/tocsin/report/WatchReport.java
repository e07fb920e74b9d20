package io.tocsin.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.watch.WatchLog;
import io.tocsin.watch.WatchSummary;
import io.tocsin.watch.WatchEvent;
import io.tocsin.watch.CheckpointRecord;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.fact.WatchCriteria;
import io.tocsin.watch.history.History;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a watch report shows, as data: the JSON report is this, serialized; the Markdown and HTML reports
 * render it. Built on the engine thread (a consistent snapshot), rendered anywhere. {@code summary} is the
 * runbook summary at the close (or now): PASS/FAIL, the figures, the incidents; {@code signOffs} the handoff's. Times are RFC 3339 UTC;
 * chart points carry epoch milliseconds ({@code t}) so a client can plot them directly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchReport(String deployment, String version, String state, String reason, boolean finalReport,
        String generatedAt, String startedAt, String endsAt, String closedAt, int extensions, String assessedFrom,
        long startedAtMillis, long untilMillis, List<Criterion> criteria, List<Step> steps,
        List<Checkpoint> checkpoints, List<Event> timeline, int droppedEvents, String evidence, WatchSummary summary,
        Map<String, Double> baseline, String baselineMeasuredAt, List<SignOff> signOffs, String handoffClosedAt) {

    /** A sign-off of the handoff: role, who, when, why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignOff(String role, String by, String at, String comment) {
    }

    /** One success criterion: its verdict over the assessed window, violations and the series it judges. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Criterion(String name, String rule, String file, int line, double compliance, double required,
            boolean met, boolean violatedNow, Double worst, String worstIs, List<Range> violations,
            List<SeriesChart> series) {
    }

    /** A time range of violation; {@code to} is null while it lasts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Range(String from, String to, long fromMillis, Long toMillis) {
    }

    /** One judged series: its threshold (null if none applies) and its per-minute values. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeriesChart(String series, String metric, Double threshold, List<Point> points) {
    }

    /** One minute: lowest, highest and last value. */
    public record Point(long t, double min, double max, double last) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String after, int traffic, String state, String heldBecause, String promotedAt) {
    }

    /** A recorded checkpoint, with the summary (PASS/FAIL, figures) taken then; null in older watches. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoint(String label, String phase, String due, String at, List<String> firingAlerts,
            Map<String, Integer> actionsSince, WatchSummary summary) {
    }

    /** A timeline entry; {@code offset} is the time since the deployment started, e.g. {@code T+3h}. */
    public record Event(String at, long atMillis, String offset, String kind, String text) {
    }

    static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    static String offset(long startedAt, long at) {
        return Durations.offset(at - startedAt);
    }

    /**
     * The report of a watch at engine time {@code now}; {@code finalReport} once it closed. Charts cover the
     * watch from its start to its close (or now, while open), from what the history still holds.
     */
    public static WatchReport build(WatchLog log, History history, RuleCatalog catalog, long now,
            boolean finalReport) {
        Watch w = log.watch();
        Deployment d = w.getDeployment();
        long until = w.getClosedAt() != null ? w.getClosedAt() : now;
        List<Criterion> criteria = new ArrayList<>();
        for (WatchCriteria.Tracked t : w.getCriteria().all()) {
            RuleInfo rule = catalog.successCriteria().stream().filter(r -> t.name().equals(r.success())).findFirst()
                    .orElse(null);
            double compliance = t.compliance(w.getAssessedFrom(), until);
            List<Range> ranges = t.ranges().stream().map(r -> new Range(time(r.from()), time(r.to()), r.from(),
                    r.to())).toList();
            List<SeriesChart> charts = new ArrayList<>();
            if (rule != null) {
                for (History.Line line : history.lines(rule.series(), w.getStartedAt(), until + 1)) {
                    Double threshold = rule.threshold() == null ? null
                            : rule.threshold().valueFor(line.key().metric(), d);
                    charts.add(new SeriesChart(line.key().toString(), line.key().metric(), threshold,
                            line.points().stream().map(p -> new Point(p.minute(), p.min(), p.max(), p.last()))
                                    .toList()));
                }
            }
            criteria.add(new Criterion(t.name(), rule == null ? null : rule.name(), rule == null ? null
                    : rule.file(), rule == null ? 0 : rule.line(), compliance, t.required(),
                    compliance >= t.required(), t.violated(), t.worst(), t.lowestIsWorst() ? "lowest" : "highest",
                    ranges, charts));
        }
        List<Step> steps = log.steps().stream().map(st -> new Step(Durations.format(st.getAfter()), st.getTraffic(),
                !st.isPending() ? "promoted" : st.isHeld() ? "held" : "waiting",
                st.isPending() ? st.getHeldBecause() : null, time(st.getPromotedAt()))).toList();
        List<Checkpoint> checkpoints = log.checkpoints().stream().map(c -> new Checkpoint(c.label(), c.phase(),
                time(c.due()), time(c.at()), c.firingAlerts(), c.actionsSince(), c.summary())).toList();
        List<Event> timeline = log.events().stream().map(e -> new Event(time(e.at()), e.at(),
                offset(w.getStartedAt(), e.at()), e.kind(), e.text())).toList();
        return new WatchReport(d.getId(), d.getVersion(), w.getState().wireName(), w.getReason(), finalReport,
                time(now), time(w.getStartedAt()), time(w.getEndsAt()), time(w.getClosedAt()), w.getExtensions(),
                time(w.getAssessedFrom()), w.getStartedAt(), Math.max(until, w.getStartedAt()), criteria, steps,
                checkpoints, timeline, log.droppedEvents(), log.evidence(),
                WatchSummary.of(log, history, catalog.figures(), until),
                d.getBaseline().isEmpty() ? null : d.getBaseline(), time(log.baselineCapturedAt()),
                w.getSignOffs().stream().map(s -> new SignOff(s.role(), s.by(), time(s.at()), s.comment())).toList(),
                time(w.getHandoffClosedAt()));
    }
}
