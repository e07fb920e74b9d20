package io.tocsin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.engine.Watches;
import io.tocsin.engine.fact.Watch;
import java.util.List;
import java.util.Map;

/** A deployment's watch as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchView(String deployment, String state, String startedAt, String endsAt, int extensions,
        String nextCheckpointAt, String reason, String closedAt, List<CheckpointView> checkpoints) {

    /** One recorded checkpoint: the runbook label (T+6h), phase, due and taken times, and what was going on. */
    public record CheckpointView(String label, String phase, String due, String at, List<String> firingAlerts,
            Map<String, Integer> actionsSince) {
    }

    static WatchView of(Watches.WatchLog log) {
        Watch w = log.watch();
        return new WatchView(w.getDeploymentId(), w.getState().wireName(), Times.format(w.getStartedAt()),
                Times.format(w.getEndsAt()), w.getExtensions(),
                w.isWatching() ? Times.format(w.getNextCheckpointAt()) : null, w.getReason(),
                Times.format(w.getClosedAt()),
                log.checkpoints().stream().map(c -> new CheckpointView(c.label(), c.phase(), Times.format(c.due()),
                        Times.format(c.at()), c.firingAlerts(), c.actionsSince())).toList());
    }
}
