package io.tocsin.console;

import io.tocsin.engine.EngineView;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Criterion;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.RolloutStep;
import io.tocsin.engine.silence.Silence;
import java.util.Objects;

/**
 * A number that changes whenever something the console shows changes: alerts (state, acknowledgement, value),
 * actions and their deliveries, silences (and their state at engine time), deployments, watches, rollback
 * criteria, and on the event clock the engine time. Cheap enough to compute every second on the engine thread:
 * it walks open alerts, silences and deployments, never the action history.
 */
final class ChangeSignature {

    private ChangeSignature() {
    }

    static long of(EngineView ev) {
        long now = ev.now().orElse(0L);
        long h = ev.wallClock() ? 1 : now;
        for (Alert a : ev.activeAlerts()) {
            h = 31 * h + Objects.hash(a.getId(), a.getState(), a.isAcknowledged(), a.getValue());
        }
        for (Alert a : ev.resolvedAlerts()) {
            h = 31 * h + a.getId().hashCode();
        }
        h = 31 * h + ev.actionHistory().version();
        for (Silence s : ev.silences()) {
            h = 31 * h + Objects.hash(s.id(), s.state(now));
        }
        for (Criterion c : ev.criteria()) {
            h = 31 * h + Objects.hash(c.getId(), c.isMet());
        }
        for (Deployment d : ev.deployments()) {
            h = 31 * h + Objects.hash(d.getId(), d.isCurrent(), d.isArmed(), d.getRollback() != null);
            var log = ev.watch(d.getId());
            if (log.isPresent()) {
                var w = log.get().watch();
                h = 31 * h + Objects.hash(w.getState(), w.getNextCheckpointAt(), w.getEndsAt(),
                        log.get().checkpoints().size(), log.get().events().size(), log.get().evidence());
                for (RolloutStep s : log.get().steps()) {
                    h = 31 * h + Objects.hash(s.isPromoted(), s.isHeld(), s.getHeldBecause());
                }
            }
        }
        return h;
    }
}
