package io.tocsin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.Watch;
import io.tocsin.http.Times;
import io.tocsin.watch.WatchLog;
import io.tocsin.watch.WatchSummary;
import java.util.List;
import java.util.Map;


/** A deployment's watch as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchView(String deployment, String state, String startedAt, String endsAt, int extensions,
        String nextCheckpointAt, String reason, String closedAt, String assessedFrom, List<CriterionView> criteria,
        List<StepView> steps, List<CheckpointView> checkpoints, String evidence, WatchSummary summary,
        Map<String, Double> baseline, String baselineMeasuredAt, List<SignOffView> signOffs,
        String handoffClosedAt) {

    /** A sign-off of the handoff: the role signed for, by whom (the token's name), when, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignOffView(String role, String by, String at, String comment) {
    }

    /** A traffic step: {@code state} is {@code waiting}, {@code held} (with why) or {@code promoted} (with when). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(String after, int traffic, String state, String heldBecause, String promotedAt) {
    }

    /**
     * One success criterion: its compliance over the assessed window (0-1) against what it requires, whether it
     * is met, the worst value while violated, and the time ranges of violation ({@code to} null while ongoing).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CriterionView(String name, double compliance, double required, boolean met, Double worst,
            List<RangeView> violations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RangeView(String from, String to) {
    }

    /**
     * One recorded checkpoint: the runbook label (T+6h), phase, due and taken times, what was going on, and the
     * summary then (PASS/FAIL, figures, incidents).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckpointView(String label, String phase, String due, String at, List<String> firingAlerts,
            Map<String, Integer> actionsSince, WatchSummary summary) {
    }

    public static WatchView of(WatchLog log, long now, io.tocsin.engine.EngineView engine) {
        Watch w = log.watch();
        long until = w.getClosedAt() != null ? w.getClosedAt() : now;
        List<CriterionView> criteria = w.getCriteria().all().stream().map(c -> {
            double compliance = c.compliance(w.getAssessedFrom(), until);
            return new CriterionView(c.name(), compliance, c.required(), compliance >= c.required(), c.worst(),
                    c.ranges().stream().map(r -> new RangeView(Times.format(r.from()), Times.format(r.to()))).toList());
        }).toList();
        return new WatchView(w.getDeploymentId(), w.getState().wireName(), Times.format(w.getStartedAt()),
                Times.format(w.getEndsAt()), w.getExtensions(),
                w.isWatching() ? Times.format(w.getNextCheckpointAt()) : null, w.getReason(),
                Times.format(w.getClosedAt()), Times.format(w.getAssessedFrom()), criteria,
                log.steps().stream().map(st -> new StepView(io.tocsin.engine.fact.Durations.format(st.getAfter()),
                        st.getTraffic(), !st.isPending() ? "promoted" : st.isHeld() ? "held" : "waiting",
                        st.isPending() ? st.getHeldBecause() : null, Times.format(st.getPromotedAt()))).toList(),
                log.checkpoints().stream().map(c -> new CheckpointView(c.label(), c.phase(), Times.format(c.due()),
                        Times.format(c.at()), c.firingAlerts(), c.actionsSince(), c.summary())).toList(),
                log.evidence(), WatchSummary.of(log, engine.history(), engine.catalog().figures(), until),
                w.getDeployment().getBaseline().isEmpty() ? null : w.getDeployment().getBaseline(),
                Times.format(log.baselineCapturedAt()), w.getSignOffs().stream().map(s -> new SignOffView(s.role(),
                        s.by(), Times.format(s.at()), s.comment())).toList(), Times.format(w.getHandoffClosedAt()));
    }
}
