package io.tocsin.engine;

import io.tocsin.engine.fact.ActionRequest;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Checkpoint;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Labels;
import io.tocsin.engine.fact.Watch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The watches of registered deployments and what they recorded. A watch opens when a deployment is registered;
 * the rules take its checkpoints ({@link Checkpoint} facts), and for each one this records a snapshot: the
 * firing alerts and the actions decided since the previous checkpoint. A checkpoint fact is removed once
 * recorded (after the rules that announce it have fired).
 */
public final class Watches implements RuleRuntimeEventListener {

    private static final Logger LOG = Logger.getLogger(Watches.class);

    /** One recorded checkpoint. */
    public record CheckpointRecord(String label, String phase, long due, long at, List<String> firingAlerts,
            Map<String, Integer> actionsSince) {
    }

    /** A watch, its checkpoints and its rollout steps. */
    public record WatchLog(Watch watch, List<CheckpointRecord> checkpoints, List<io.tocsin.engine.fact.RolloutStep> steps) {
    }

    /** A traffic step as registered: after how long, to what percentage. */
    public record Step(long afterMillis, int traffic) {
    }

    private final KieSession session;
    private final long windowMillis;
    private final Map<String, WatchLog> byDeployment = new LinkedHashMap<>();
    private final List<FactHandle> taken = new ArrayList<>();
    private final Map<String, Map<String, Integer>> actionsSince = new LinkedHashMap<>();

    Watches(KieSession session, long windowMillis) {
        this.session = session;
        this.windowMillis = windowMillis;
    }

    /** Opens the watch of a newly registered deployment. */
    void open(Deployment deployment, List<Step> steps) {
        Watch watch = new Watch(deployment, windowMillis);
        List<io.tocsin.engine.fact.RolloutStep> rollout = new ArrayList<>();
        for (Step step : steps) {
            rollout.add(new io.tocsin.engine.fact.RolloutStep(watch, step.afterMillis(), step.traffic()));
        }
        byDeployment.put(deployment.getId(), new WatchLog(watch, new ArrayList<>(), List.copyOf(rollout)));
        actionsSince.put(deployment.getId(), new TreeMap<>());
        session.insert(watch);
        rollout.forEach(session::insert);
        LOG.infof("watch of deployment '%s' opened for %s", deployment.getId(), Durations.format(windowMillis));
    }

    /** Closes the watch of a rolled-back deployment at the rollback instant. */
    void rolledBack(Deployment deployment, String reason, long now) {
        WatchLog log = byDeployment.get(deployment.getId());
        if (log != null && log.watch().isWatching()) {
            log.watch().close(Watch.State.ROLLED_BACK, reason, now);
            session.update(session.getFactHandle(log.watch()), log.watch());
        }
    }

    /** An operator closes a watch by hand. */
    Watch close(String deploymentId, String reason, long now) {
        WatchLog log = byDeployment.get(deploymentId);
        if (log == null) {
            throw new java.util.NoSuchElementException("deployment '" + deploymentId + "' has no watch");
        }
        if (!log.watch().isWatching()) {
            throw new IllegalStateException("the watch of '" + deploymentId + "' is already "
                    + log.watch().getState().wireName());
        }
        log.watch().close(Watch.State.CLOSED, reason, now);
        session.update(session.getFactHandle(log.watch()), log.watch());
        return log.watch();
    }

    /** Counts an action towards the next checkpoint of every open watch. */
    void counted(ActionRequest request) {
        for (WatchLog log : byDeployment.values()) {
            if (log.watch().isWatching()) {
                actionsSince.get(log.watch().getDeploymentId()).merge(request.getType(), 1, Integer::sum);
            }
        }
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Checkpoint) {
            taken.add(event.getFactHandle());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // checkpoints are immutable
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // removal is driven by record()
    }

    /** Records the checkpoints taken in the last pass; returns whether there were any. */
    boolean record(long now, List<Alert> active) {
        if (taken.isEmpty()) {
            return false;
        }
        List<String> firing = active.stream().filter(Alert::isFiring)
                .map(a -> a.getName() + Labels.format(a.getLabels()) + " " + a.getPriority()).toList();
        for (FactHandle handle : taken) {
            Checkpoint checkpoint = (Checkpoint) session.getObject(handle);
            String id = checkpoint.getWatch().getDeploymentId();
            Map<String, Integer> actions = actionsSince.put(id, new TreeMap<>());
            byDeployment.get(id).checkpoints().add(new CheckpointRecord(checkpoint.getLabel(), checkpoint.getPhase(),
                    checkpoint.getDue(), now, firing, actions == null ? Map.of() : actions));
            LOG.infof("checkpoint %s of deployment '%s' (%s): %d firing alert(s)", checkpoint.getLabel(), id,
                    checkpoint.getPhase(), firing.size());
            session.delete(handle);
        }
        taken.clear();
        return true;
    }

    /**
     * Records, for every open watch, which success criteria the rules currently hold as violated
     * ({@code @success} rules' conditions) and their worst values.
     */
    void assess(long now, java.util.Collection<io.tocsin.engine.fact.Condition> held, RuleCatalog catalog) {
        List<RuleInfo> criteria = catalog.successCriteria();
        if (criteria.isEmpty()) {
            return;
        }
        for (WatchLog log : byDeployment.values()) {
            Watch watch = log.watch();
            if (!watch.isWatching() || now < watch.getStartedAt()) {
                continue;
            }
            for (RuleInfo rule : criteria) {
                boolean lowest = "lowest".equals(rule.worst());
                Double worst = null;
                boolean violated = false;
                for (io.tocsin.engine.fact.Condition c : held) {
                    if (c.getRuleId().equals(rule.id())) {
                        violated = true;
                        Double v = c.getValue();
                        if (v != null) {
                            worst = worst == null ? v : lowest ? Math.min(worst, v) : Math.max(worst, v);
                        }
                    }
                }
                watch.getCriteria().observe(rule.success(), rule.required(), lowest, violated, worst, now);
            }
        }
    }

    Optional<WatchLog> of(String deploymentId) {
        return Optional.ofNullable(byDeployment.get(deploymentId));
    }
}
