package io.tocsin.watch;

import io.tocsin.engine.fact.Cadence;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.RolloutStep;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.fact.WatchCriteria;
import io.tocsin.watch.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A watch as data, in the engine's saved state: its window, criteria ledger, checkpoints, rollout steps and
 * timeline; an open watch also carries the series history since its start.
 */
public record SavedWatch(String deployment, long startedAt, long endsAt, int extensions, long nextCheckpointAt,
        Watch.State state, String reason, Long closedAt, long assessedFrom, List<Criterion> criteria,
        List<CheckpointRecord> checkpoints, List<Step> steps, List<WatchEvent> events,
        int droppedEvents, Map<String, Integer> actionsSince, String evidence, List<Line> history,
        List<Incident> incidents, List<Watch.SignOff> signOffs, Long handoffClosedAt, Long baselineCapturedAt) {

    record Criterion(String name, double required, boolean lowestIsWorst, List<WatchCriteria.Range> ranges,
            Double worst, Long observedFrom) {
    }

    record Step(long after, int traffic, boolean held, String heldBecause, Long promotedAt) {
    }

    record Line(String metric, Map<String, String> labels, List<History.Point> points) {
    }

    static SavedWatch of(WatchLog log, History history) {
        Watch w = log.watch();
        List<Line> lines = List.of();
        if (w.isWatching()) {
            lines = history.lines(w.getStartedAt(), Long.MAX_VALUE - History.MINUTE).stream()
                    .map(l -> new Line(l.key().metric(), l.key().labels(), l.points())).toList();
        }
        return new SavedWatch(w.getDeploymentId(), w.getStartedAt(), w.getEndsAt(), w.getExtensions(),
                w.getNextCheckpointAt(), w.getState(), w.getReason(), w.getClosedAt(), w.getAssessedFrom(),
                w.getCriteria().all().stream().map(c -> new Criterion(c.name(), c.required(), c.lowestIsWorst(),
                        c.ranges(), c.worst(), c.observedFrom())).toList(),
                log.checkpoints(), log.steps().stream().map(s -> new Step(s.getAfter(), s.getTraffic(),
                        s.isHeld(), s.getHeldBecause(), s.getPromotedAt())).toList(),
                log.events(), log.droppedEvents(), Map.copyOf(log.actionsSince()), log.evidence(), lines,
                log.incidents(), w.getSignOffs(), w.getHandoffClosedAt(), log.baselineCapturedAt());
    }

    WatchLog restore(Deployment deployment, Cadence cadence, History into) {
        Watch watch = new Watch(deployment, endsAt - startedAt, cadence);
        watch.restore(endsAt, extensions, nextCheckpointAt, state, reason, closedAt, assessedFrom);
        watch.restoreHandoff(signOffs, handoffClosedAt);
        criteria.forEach(c -> watch.getCriteria().restore(c.name(), c.required(), c.lowestIsWorst(), c.ranges(),
                c.worst(), c.observedFrom()));
        List<RolloutStep> rollout = new ArrayList<>();
        for (Step s : steps) {
            RolloutStep step = new RolloutStep(watch, s.after(), s.traffic());
            step.restore(s.held(), s.heldBecause(), s.promotedAt());
            rollout.add(step);
        }
        WatchLog log = new WatchLog(watch, rollout);
        log.restore(checkpoints, events, droppedEvents, actionsSince, evidence, incidents, baselineCapturedAt);
        if (lines() != null) {
            lines().forEach(l -> into.restore(new SeriesKey(l.metric(), l.labels()),
                    l.points()));
        }
        return log;
    }

    private List<Line> lines() {
        return history;
    }
}
