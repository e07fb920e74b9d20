package io.tocsin.engine;

import io.tocsin.engine.fact.ActionRequest;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Checkpoint;
import io.tocsin.engine.fact.Condition;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Escalate;
import io.tocsin.engine.fact.Labels;
import io.tocsin.engine.fact.Remediate;
import io.tocsin.engine.fact.Rollback;
import io.tocsin.engine.fact.RolloutStep;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.history.History;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
 * firing alerts and the actions decided since the previous checkpoint. It also keeps each watch's timeline
 * (alerts firing and resolving, escalations, rollbacks, promotions, extensions, the verdict), follows the
 * success criteria, decides from when the series history must be kept, saves open watches so a restart
 * resumes them, and hands a closing watch to the archive for its final report.
 */
public final class Watches implements RuleRuntimeEventListener {

    private static final Logger LOG = Logger.getLogger(Watches.class);
    /** A timeline longer than this is a runaway rule, not a story anyone reads; later events are counted only. */
    static final int MAX_EVENTS = 10_000;

    /** One recorded checkpoint. */
    public record CheckpointRecord(String label, String phase, long due, long at, List<String> firingAlerts,
            Map<String, Integer> actionsSince) {
    }

    /**
     * One entry of a watch's timeline. Kinds: {@code alert-firing}, {@code alert-resolved}, {@code escalation},
     * {@code rollback}, {@code promotion}, {@code remediation}, {@code step-held}, {@code extended},
     * {@code succeeded}, {@code rolled-back}, {@code closed}, {@code evidence}.
     */
    public record Event(long at, String kind, String text) {
    }

    /** A traffic step as registered: after how long, to what percentage. */
    public record Step(long afterMillis, int traffic) {
    }

    /** A watch, its checkpoints, rollout steps and timeline. */
    public static final class WatchLog {
        private final Watch watch;
        private final List<CheckpointRecord> checkpoints = new ArrayList<>();
        private final List<RolloutStep> steps;
        private final List<Event> events = new ArrayList<>();
        private Map<String, Integer> actionsSince = new TreeMap<>();
        private String evidence;
        private int droppedEvents;
        // what the timeline last saw, to tell changes apart
        private Watch.State seenState;
        private int seenExtensions;
        private final Map<RolloutStep, String> seenHolds = new HashMap<>();

        WatchLog(Watch watch, List<RolloutStep> steps) {
            this.watch = watch;
            this.steps = List.copyOf(steps);
            this.seenState = watch.getState();
            this.seenExtensions = watch.getExtensions();
            steps.forEach(s -> seenHolds.put(s, s.getHeldBecause()));
        }

        public Watch watch() {
            return watch;
        }

        public List<CheckpointRecord> checkpoints() {
            return List.copyOf(checkpoints);
        }

        public List<RolloutStep> steps() {
            return steps;
        }

        public List<Event> events() {
            return List.copyOf(events);
        }

        /** Timeline events beyond {@link #MAX_EVENTS}, counted but not kept. */
        public int droppedEvents() {
            return droppedEvents;
        }

        /** The evidence bundle of its rollback, relative to the data directory; null if none. */
        public String evidence() {
            return evidence;
        }

        Map<String, Integer> actionsSince() {
            return actionsSince;
        }

        void restore(List<CheckpointRecord> checkpoints, List<Event> events, int droppedEvents,
                Map<String, Integer> actionsSince, String evidence) {
            this.checkpoints.addAll(checkpoints);
            this.events.addAll(events);
            this.droppedEvents = droppedEvents;
            this.actionsSince = new TreeMap<>(actionsSince);
            this.evidence = evidence;
        }

        void add(Event event) {
            if (events.size() < MAX_EVENTS) {
                events.add(event);
            } else {
                droppedEvents++;
            }
        }
    }

    private final KieSession session;
    private final long windowMillis;
    private final History history;
    private final WatchStore store;
    private final Archive archive;
    private final Map<String, WatchLog> byDeployment = new LinkedHashMap<>();
    private final List<FactHandle> taken = new ArrayList<>();
    private final Map<String, Alert> firing = new HashMap<>(); // alert id → alert, as last seen firing
    // watches to save: "dirty" ones at most once a minute of engine time (alert and action events can come in
    // storms, and an open watch's file carries its history), "urgent" ones (a checkpoint, an extension, a step, a
    // verdict, evidence) at the end of the evaluation that changed them
    private final java.util.Set<String> dirty = new java.util.LinkedHashSet<>();
    private final java.util.Set<String> urgent = new java.util.HashSet<>();
    private final Map<String, Long> lastSaved = new HashMap<>();
    static final long SAVE_EVERY_MILLIS = 60_000;

    Watches(KieSession session, long windowMillis, History history, WatchStore store, Archive archive) {
        this.session = session;
        this.windowMillis = windowMillis;
        this.history = history;
        this.store = store;
        this.archive = archive;
    }

    /** Puts back the watches saved before a restart, for the deployments that are still known. */
    void restore(List<Deployment> deployments) {
        Map<String, Deployment> known = new HashMap<>();
        deployments.forEach(d -> known.put(d.getId(), d));
        List<WatchStore.Saved> saved = store.load();
        // history first, from the oldest open watch, so restored minutes are kept
        saved.stream().filter(s -> s.state() == Watch.State.WATCHING).mapToLong(WatchStore.Saved::startedAt).min()
                .ifPresent(history::keepFrom);
        for (WatchStore.Saved s : saved) {
            Deployment deployment = known.get(s.deployment());
            if (deployment == null) {
                LOG.warnf("saved watch of unknown deployment '%s' ignored", s.deployment());
                continue;
            }
            WatchLog log = s.restore(deployment, history);
            byDeployment.put(s.deployment(), log);
            session.insert(log.watch);
            log.steps.forEach(session::insert);
        }
        retainHistory();
        long open = byDeployment.values().stream().filter(l -> l.watch.isWatching()).count();
        if (!saved.isEmpty()) {
            LOG.infof("restored %d watches (%d open); series history: %d series", byDeployment.size(), open,
                    history.seriesCount());
        }
    }

    /** Opens the watch of a newly registered deployment. */
    void open(Deployment deployment, List<Step> steps) {
        Watch watch = new Watch(deployment, windowMillis);
        List<RolloutStep> rollout = new ArrayList<>();
        for (Step step : steps) {
            rollout.add(new RolloutStep(watch, step.afterMillis(), step.traffic()));
        }
        WatchLog log = new WatchLog(watch, rollout);
        byDeployment.put(deployment.getId(), log);
        session.insert(watch);
        rollout.forEach(session::insert);
        retainHistory();
        urgent(deployment.getId());
        LOG.infof("watch of deployment '%s' opened for %s", deployment.getId(), Durations.format(windowMillis));
    }

    /** Closes the watch of a rolled-back deployment at the rollback instant. */
    void rolledBack(Deployment deployment, String reason, long now) {
        WatchLog log = byDeployment.get(deployment.getId());
        if (log != null && log.watch.isWatching()) {
            log.watch.close(Watch.State.ROLLED_BACK, reason, now);
            session.update(session.getFactHandle(log.watch), log.watch);
        }
    }

    /** Links the evidence bundle of a rollback from the deployment's watch. */
    void evidence(String deploymentId, String path, long now) {
        WatchLog log = byDeployment.get(deploymentId);
        if (log != null) {
            log.evidence = path;
            log.add(new Event(now, "evidence", "evidence preserved in " + path));
            urgent(deploymentId);
        }
    }

    /** An operator closes a watch by hand. */
    Watch close(String deploymentId, String reason, long now) {
        WatchLog log = byDeployment.get(deploymentId);
        if (log == null) {
            throw new NoSuchElementException("deployment '" + deploymentId + "' has no watch");
        }
        if (!log.watch.isWatching()) {
            throw new IllegalStateException("the watch of '" + deploymentId + "' is already "
                    + log.watch.getState().wireName());
        }
        log.watch.close(Watch.State.CLOSED, reason, now);
        session.update(session.getFactHandle(log.watch), log.watch);
        return log.watch;
    }

    /** Counts an action towards the next checkpoint of every open watch and puts the notable ones on its timeline. */
    void counted(ActionRequest request, long now) {
        Event event = event(request, now);
        for (WatchLog log : byDeployment.values()) {
            if (log.watch.isWatching() || belongs(request, log)) {
                log.actionsSince.merge(request.getType(), 1, Integer::sum);
                if (event != null) {
                    log.add(event);
                }
                dirty.add(log.watch.getDeploymentId());
            }
        }
    }

    /**
     * A rollback closes its watch, and the verdict's promotion is decided with it, in the same pass before
     * they are handed on: they still belong on that watch's timeline.
     */
    private static boolean belongs(ActionRequest request, WatchLog log) {
        String id = log.watch.getDeploymentId();
        return request instanceof Rollback rollback && rollback.getDeployment().getId().equals(id)
                || request instanceof Remediate remediate && remediate.getWatch() != null
                        && remediate.getWatch().getDeploymentId().equals(id);
    }

    private static Event event(ActionRequest request, long now) {
        if (request instanceof Escalate e) {
            return new Event(now, "escalation", alertName(request) + " escalated to " + e.getTarget() + ": "
                    + e.getReason());
        }
        if (request instanceof Rollback r) {
            return new Event(now, "rollback", "rollback of '" + r.getDeployment().getId() + "': " + r.getReason());
        }
        if (request instanceof Remediate r) {
            if ("promote".equals(r.getCommand())) {
                return new Event(now, "promotion", "promote " + r.getParams());
            }
            return new Event(now, "remediation", r.getCommand() + (r.getAlert() == null ? "" : " for "
                    + alertName(request)) + (r.getAttempt() > 1 ? " (attempt " + r.getAttempt() + ")" : ""));
        }
        return null; // notifications are many and in the action history; the timeline keeps what changed things
    }

    private static String alertName(ActionRequest request) {
        Alert a = request.getAlert();
        return a == null ? "" : a.getName() + Labels.format(a.getLabels());
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
        List<String> firingNow = active.stream().filter(Alert::isFiring)
                .map(a -> a.getName() + Labels.format(a.getLabels()) + " " + a.getPriority()).toList();
        for (FactHandle handle : taken) {
            Checkpoint checkpoint = (Checkpoint) session.getObject(handle);
            String id = checkpoint.getWatch().getDeploymentId();
            WatchLog log = byDeployment.get(id);
            Map<String, Integer> actions = log.actionsSince;
            log.actionsSince = new TreeMap<>();
            log.checkpoints.add(new CheckpointRecord(checkpoint.getLabel(), checkpoint.getPhase(),
                    checkpoint.getDue(), now, firingNow, actions));
            urgent(id);
            LOG.infof("checkpoint %s of deployment '%s' (%s): %d firing alert(s)", checkpoint.getLabel(), id,
                    checkpoint.getPhase(), firingNow.size());
            session.delete(handle);
        }
        taken.clear();
        return true;
    }

    /**
     * After each settling round: records which success criteria the rules hold as violated ({@code @success}
     * rules' conditions) and their worst values, puts alert and watch changes on the timelines, and hands
     * watches that closed to the archive.
     */
    void assess(long now, Collection<Condition> held, List<Alert> active, RuleCatalog catalog) {
        timeAlerts(now, active);
        List<RuleInfo> criteria = catalog.successCriteria();
        boolean closedAny = false;
        for (WatchLog log : byDeployment.values()) {
            Watch watch = log.watch;
            if (watch.isWatching() && now >= watch.getStartedAt()) {
                for (RuleInfo rule : criteria) {
                    observe(watch, rule, held, now);
                }
            }
            closedAny |= timeWatch(log, now);
        }
        if (closedAny) {
            retainHistory();
        }
    }

    private static void observe(Watch watch, RuleInfo rule, Collection<Condition> held, long now) {
        boolean lowest = "lowest".equals(rule.worst());
        Double worst = null;
        boolean violated = false;
        for (Condition c : held) {
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

    private void timeAlerts(long now, List<Alert> active) {
        Map<String, Alert> firingNow = new HashMap<>();
        for (Alert a : active) {
            if (a.isFiring()) {
                firingNow.put(a.getId(), a);
                if (!firing.containsKey(a.getId())) {
                    toOpenWatches(new Event(now, "alert-firing", a.getName() + Labels.format(a.getLabels()) + " "
                            + a.getPriority() + " firing"));
                }
            }
        }
        firing.forEach((id, a) -> {
            if (!firingNow.containsKey(id)) {
                toOpenWatches(new Event(now, "alert-resolved", a.getName() + Labels.format(a.getLabels())
                        + " resolved"));
            }
        });
        firing.clear();
        firing.putAll(firingNow);
    }

    private void toOpenWatches(Event event) {
        for (WatchLog log : byDeployment.values()) {
            if (log.watch.isWatching() && event.at() >= log.watch.getStartedAt()) {
                log.add(event);
                dirty.add(log.watch.getDeploymentId());
            }
        }
    }

    /** Puts extensions, held steps and the closing of a watch on its timeline; returns whether it closed. */
    private boolean timeWatch(WatchLog log, long now) {
        Watch watch = log.watch;
        String id = watch.getDeploymentId();
        if (watch.getExtensions() != log.seenExtensions) {
            log.seenExtensions = watch.getExtensions();
            log.add(new Event(now, "extended", "watch extended to " + Durations.offset(watch.offset(watch.getEndsAt()))
                    + ": " + watch.getReason()));
            urgent(id);
        }
        for (RolloutStep step : log.steps) {
            if (step.isPromoted() && step.getPromotedAt() == null) {
                step.promotedAt(now); // the rule may have fired while the Clock fact still showed the previous time
                urgent(id);
            }
            String was = log.seenHolds.get(step);
            if (step.isPending() && step.isHeld() && !java.util.Objects.equals(was, step.getHeldBecause())) {
                log.add(new Event(now, "step-held", step.getLabel() + " held: " + step.getHeldBecause()));
                urgent(id);
            }
            log.seenHolds.put(step, step.isPending() && step.isHeld() ? step.getHeldBecause() : null);
        }
        if (watch.getState() == log.seenState) {
            return false;
        }
        log.seenState = watch.getState();
        log.add(new Event(watch.getClosedAt() == null ? now : watch.getClosedAt(), watch.getState().wireName(),
                "watch " + watch.getState().wireName() + ": " + watch.getReason()));
        urgent(id);
        LOG.infof("watch of deployment '%s' %s: %s", id, watch.getState().wireName(), watch.getReason());
        try {
            archive.watchClosed(log, history, now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not write the final report of deployment '%s'", id);
        }
        return true;
    }

    /** Keeps the series history from the start of the oldest open watch, or none. */
    private void retainHistory() {
        history.keepFrom(byDeployment.values().stream().filter(l -> l.watch.isWatching())
                .mapToLong(l -> l.watch.getStartedAt()).min().orElse(Long.MAX_VALUE));
    }

    /** True while some watch is open (the history then records). */
    boolean anyOpen() {
        return byDeployment.values().stream().anyMatch(l -> l.watch.isWatching());
    }

    private void urgent(String id) {
        dirty.add(id);
        urgent.add(id);
    }

    /**
     * Saves the watches that changed: urgent changes now, others at most once a minute of engine time. A failure
     * is logged and retried at the next evaluation.
     */
    void save(long now) {
        for (String id : List.copyOf(dirty)) {
            Long last = lastSaved.get(id);
            if (!urgent.contains(id) && last != null && now - last < SAVE_EVERY_MILLIS) {
                continue;
            }
            WatchLog log = byDeployment.get(id);
            try {
                store.save(WatchStore.Saved.of(log, history));
                dirty.remove(id);
                urgent.remove(id);
                lastSaved.put(id, now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not save the watch of deployment '%s'; a restart would lose what it recorded"
                        + " since the last save", id);
                return;
            }
        }
    }

    /** Saves every open watch, with its latest history (at shutdown). */
    void saveAll(long now) {
        byDeployment.values().stream().filter(l -> l.watch.isWatching())
                .forEach(l -> urgent(l.watch.getDeploymentId()));
        save(now);
    }

    Optional<WatchLog> of(String deploymentId) {
        return Optional.ofNullable(byDeployment.get(deploymentId));
    }
}
