package io.tocsin.watch;

import io.tocsin.engine.fact.ActionRequest;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.BaselineWindow;
import io.tocsin.engine.fact.Figure;
import io.tocsin.engine.fact.Maintenance;
import io.tocsin.engine.fact.SeriesSelector;
import io.tocsin.engine.fact.Cadence;
import io.tocsin.engine.fact.Checkpoint;
import io.tocsin.engine.fact.Condition;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.Labels;
import io.tocsin.engine.fact.Promote;
import io.tocsin.engine.fact.Remediate;
import io.tocsin.engine.fact.Rollback;
import io.tocsin.engine.fact.RolloutStep;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.watch.history.History;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.kie.api.runtime.KieSession;

/**
 * The watches of registered deployments: opens one per registration, records the checkpoints the cadence rule
 * takes, follows the success criteria and the timeline, decides from when the series history is kept, saves
 * watches so that a restart resumes them, and hands a closing watch to the archive for its final report. The
 * engine calls it on its thread during evaluation.
 */
public final class Watches {

    private static final Logger LOG = Logger.getLogger(Watches.class);

    private final KieSession session;
    private final long windowMillis;
    private final Cadence cadence;
    private final History history;
    private final Archive archive;
    private final Map<String, WatchLog> byDeployment = new LinkedHashMap<>();
    private final CheckpointRecorder checkpoints;
    private final WatchTimeline timeline = new WatchTimeline();
    private final List<Figure> figures;
    private final BaselineWindow baselineWindow;
    private final List<String> baselineMetrics;
    private final Map<String, String> maintenanceSeen = new LinkedHashMap<>(); // silence id -> comment

    /** The roles whose sign-offs a handoff records. */
    public static final Set<String> SIGN_OFF_ROLES = Set.of("engineering", "sre");

    /** {@code cadence} is the checkpoint cadence the rules declare ({@code @cadence}), null for none. */
    public Watches(KieSession session, long windowMillis, Cadence cadence, History history, Archive archive) {
        this(session, windowMillis, cadence, history, archive, List.of(), null, List.of());
    }

    /**
     * @param figures        the figures of summaries ({@code @figures})
     * @param baselineWindow when a deployment without a baseline gets one measured ({@code @baseline}), or null
     * @param criteria       the success criteria: those with a baseline-relative threshold name the metrics a
     *                       measured baseline covers
     */
    public Watches(KieSession session, long windowMillis, Cadence cadence, History history, Archive archive,
            List<Figure> figures, BaselineWindow baselineWindow, List<RuleInfo> criteria) {
        this.session = session;
        this.windowMillis = windowMillis;
        this.cadence = cadence;
        this.history = history;
        this.archive = archive;
        this.figures = List.copyOf(figures);
        this.baselineWindow = baselineWindow;
        this.baselineMetrics = criteria.stream()
                .filter(r -> r.threshold() != null && r.threshold().baselineFactor() != null)
                .flatMap(r -> r.series().stream()).map(SeriesSelector::metric).distinct().toList();
        this.checkpoints = new CheckpointRecorder(session);
        session.addEventListener(checkpoints);
    }

    /** The summary of a deployment's watch at {@code now} (PASS/FAIL, figures, incidents); null without a watch. */
    public WatchSummary summary(String deploymentId, long now) {
        WatchLog log = byDeployment.get(deploymentId);
        return log == null ? null : WatchSummary.of(log, history, figures, now);
    }

    /** The figures the summaries report. */
    public List<Figure> figures() {
        return figures;
    }

    /**
     * Records an engineering or SRE sign-off of a watch's handoff; rules close the handoff once they have the
     * sign-offs they need. Throws {@link NoSuchElementException} for a deployment without a watch,
     * {@link IllegalArgumentException} for an unknown role and {@link IllegalStateException} when the watch has no
     * successful verdict, the role is already signed for, or the same person signed the other role.
     */
    public Watch signOff(String deploymentId, String role, String by, String comment, long now) {
        WatchLog log = byDeployment.get(deploymentId);
        if (log == null) {
            throw new NoSuchElementException("deployment '" + deploymentId + "' has no watch");
        }
        if (!SIGN_OFF_ROLES.contains(role)) {
            throw new IllegalArgumentException("'" + role + "' is not one of " + new java.util.TreeSet<>(SIGN_OFF_ROLES));
        }
        Watch w = log.watch();
        if (!w.isSucceeded()) {
            throw new IllegalStateException("the watch of '" + deploymentId + "' is " + w.getState().wireName()
                    + (w.isWatching() ? " (no verdict yet)" : "") + "; a handoff is signed off after it succeeded");
        }
        for (Watch.SignOff s : w.getSignOffs()) {
            if (s.role().equals(role)) {
                throw new IllegalStateException(role + " already signed off the handoff of '" + deploymentId
                        + "' (" + s.by() + ")");
            }
            if (s.by().equals(by)) {
                throw new IllegalStateException(by + " already signed off as " + s.role()
                        + "; the other sign-off needs another person");
            }
        }
        w.signOff(new Watch.SignOff(role, by, comment, now));
        log.add(new WatchEvent(now, "sign-off", role + " sign-off by " + by + (comment == null || comment.isBlank()
                ? "" : ": " + comment)));
        session.update(session.getFactHandle(w), w);
        LOG.infof("%s signed off the handoff of deployment '%s' as %s", by, deploymentId, role);
        return w;
    }

    /** Every watch in its saved form; open ones carry the series history since they began. */
    public List<SavedWatch> capture() {
        return byDeployment.values().stream().map(log -> SavedWatch.of(log, history)).toList();
    }

    /**
     * Puts back the watches saved before a restart, for the deployments that are still known, with the alerts
     * that were firing then (so they are not put on the timelines again).
     */
    public void restore(List<SavedWatch> saved, List<Deployment> deployments, List<Alert> active,
            MaintenanceView maintenance) {
        Map<String, Deployment> known = new HashMap<>();
        deployments.forEach(d -> known.put(d.getId(), d));
        timeline.seed(active);
        maintenanceSeen.clear();
        maintenance.open().forEach(m -> maintenanceSeen.put(m.getSilenceId(), m.getComment()));
        // history first, from the oldest open watch, so restored minutes are kept
        saved.stream().filter(s -> s.state() == Watch.State.WATCHING).mapToLong(SavedWatch::startedAt).min()
                .ifPresent(history::keepFrom);
        for (SavedWatch s : saved) {
            Deployment deployment = known.get(s.deployment());
            if (deployment == null) {
                LOG.warnf("saved watch of unknown deployment '%s' ignored", s.deployment());
                continue;
            }
            WatchLog log = s.restore(deployment, cadence, history);
            log.archivedVersion = log.version; // it was written before the restart if it was closed
            byDeployment.put(s.deployment(), log);
            session.insert(log.watch());
            log.steps().forEach(session::insert);
        }
        retainHistory();
        long open = byDeployment.values().stream().filter(l -> l.watch().isWatching()).count();
        if (!saved.isEmpty()) {
            LOG.infof("restored %d watches (%d open); series history: %d series", byDeployment.size(), open,
                    history.seriesCount());
        }
    }

    /** Opens the watch of a newly registered deployment. */
    public void open(Deployment deployment, List<RegisterDeployment.Step> steps) {
        Watch watch = new Watch(deployment, windowMillis, cadence);
        List<RolloutStep> rollout = new ArrayList<>();
        for (RegisterDeployment.Step step : steps) {
            rollout.add(new RolloutStep(watch, step.afterMillis(), step.traffic()));
        }
        WatchLog log = new WatchLog(watch, rollout);
        byDeployment.put(deployment.getId(), log);
        session.insert(watch);
        rollout.forEach(session::insert);
        retainHistory();
        LOG.infof("watch of deployment '%s' opened for %s", deployment.getId(), Durations.format(windowMillis));
    }

    /** Closes the watch of a rolled-back deployment at the rollback instant. */
    public void rolledBack(Deployment deployment, String reason, long now) {
        WatchLog log = byDeployment.get(deployment.getId());
        if (log != null && log.watch().isWatching()) {
            log.watch().close(Watch.State.ROLLED_BACK, reason, now);
            session.update(session.getFactHandle(log.watch()), log.watch());
        }
    }

    /** Links the evidence bundle of a rollback from the deployment's watch. */
    public void evidence(String deploymentId, String path, long now) {
        WatchLog log = byDeployment.get(deploymentId);
        if (log != null) {
            log.evidence(path);
            log.add(new WatchEvent(now, "evidence", "evidence preserved in " + path));
        }
    }

    /**
     * An operator closes a watch by hand. Throws {@link NoSuchElementException} for a deployment without a watch
     * and {@link IllegalStateException} for a closed one.
     */
    public Watch close(String deploymentId, String reason, long now) {
        WatchLog log = byDeployment.get(deploymentId);
        if (log == null) {
            throw new NoSuchElementException("deployment '" + deploymentId + "' has no watch");
        }
        if (!log.watch().isWatching()) {
            throw new IllegalStateException("the watch of '" + deploymentId + "' is already "
                    + log.watch().getState().wireName());
        }
        log.watch().close(Watch.State.CLOSED, reason, now);
        session.update(session.getFactHandle(log.watch()), log.watch());
        return log.watch();
    }

    /**
     * An operator raises an open watch's traffic by hand: to {@code traffic}, or to the next pending step's (100
     * without one). Pending steps up to it are promoted now; the timeline says who and why. Returns the traffic.
     * Throws {@link NoSuchElementException} without a watch, {@link IllegalStateException} for a closed watch or
     * traffic already reached, {@link IllegalArgumentException} for a traffic that is not 1 to 100.
     */
    public int promote(String deploymentId, Integer traffic, String why, long now) {
        WatchLog log = byDeployment.get(deploymentId);
        if (log == null) {
            throw new NoSuchElementException("deployment '" + deploymentId + "' has no watch");
        }
        if (!log.watch().isWatching()) {
            throw new IllegalStateException("the watch of '" + deploymentId + "' is already "
                    + log.watch().getState().wireName());
        }
        int to = traffic != null ? traffic : log.steps().stream().filter(RolloutStep::isPending)
                .mapToInt(RolloutStep::getTraffic).min().orElse(100);
        if (to < 1 || to > 100) {
            throw new IllegalArgumentException(to + " is not a percentage from 1 to 100");
        }
        int reached = log.steps().stream().filter(RolloutStep::isPromoted).mapToInt(RolloutStep::getTraffic).max()
                .orElse(0);
        if (to <= reached) {
            throw new IllegalStateException("traffic of '" + deploymentId + "' is already at " + reached + "%");
        }
        for (RolloutStep step : log.steps()) {
            if (step.isPending() && step.getTraffic() <= to) {
                step.promote();
                session.update(session.getFactHandle(step), step);
            }
        }
        log.add(new WatchEvent(now, "promotion", "traffic raised to " + to + "% by hand: " + why));
        LOG.infof("deployment '%s' promoted to %d%% by hand: %s", deploymentId, to, why);
        return to;
    }

    /** Counts an action towards the next checkpoint of every open watch and puts the notable ones on its timeline. */
    public void counted(ActionRequest request, long now) {
        WatchEvent event = WatchTimeline.of(request, now);
        for (WatchLog log : byDeployment.values()) {
            if (log.watch().isWatching() || belongs(request, log)) {
                log.count(request.getType());
                if (event != null) {
                    log.add(event);
                }
            }
        }
    }

    /**
     * A rollback closes its watch, and the verdict's promotion is decided with it, in the same pass before they
     * are handed on: they still belong on that watch's timeline.
     */
    private static boolean belongs(ActionRequest request, WatchLog log) {
        String id = log.deploymentId();
        return request instanceof Rollback r && r.getDeployment().getId().equals(id)
                || request instanceof Promote p && p.getWatch().getDeploymentId().equals(id)
                || request instanceof Remediate r && r.getWatch() != null && r.getWatch().getDeploymentId().equals(id);
    }

    /** Records the checkpoints taken in the last pass; returns whether there were any. */
    public boolean record(long now, java.util.function.Supplier<List<Alert>> active) {
        List<Checkpoint> taken = checkpoints.drain();
        if (taken.isEmpty()) {
            return false;
        }
        List<String> firingNow = active.get().stream().filter(Alert::isFiring)
                .map(a -> a.getName() + Labels.format(a.getLabels()) + " " + a.getPriority()).toList();
        for (Checkpoint checkpoint : taken) {
            WatchLog log = byDeployment.get(checkpoint.getWatch().getDeploymentId());
            log.checkpoint(new CheckpointRecord(checkpoint.getLabel(), checkpoint.getPhase(), checkpoint.getDue(), now,
                    firingNow, log.actionsSince(), summary(log.deploymentId(), now)));
            LOG.infof("checkpoint %s of deployment '%s' (%s): %d firing alert(s)", checkpoint.getLabel(),
                    log.deploymentId(), checkpoint.getPhase(), firingNow.size());
        }
        return true;
    }

    /**
     * After each settling round: records the success criteria's violations into open watches, puts alert and watch
     * changes on the timelines ({@code transitions}: the alerts that started firing or were resolved in the round),
     * and hands watches that closed to the archive.
     */
    public void assess(long now, Collection<Condition> held, List<Alert> transitions, List<RuleInfo> criteria,
            MaintenanceView maintenance) {
        timeline.alerts(now, transitions, byDeployment.values());
        maintenanceWindows(now, maintenance);
        boolean closedAny = false;
        for (WatchLog log : byDeployment.values()) {
            Watch watch = log.watch();
            if (watch.isWatching() && now >= watch.getStartedAt()) {
                CriteriaObserver.observe(watch, criteria, held, now, maintenance);
                measureBaseline(log, now);
            }
            boolean closed = WatchTimeline.changes(log, now);
            closedAny |= closed;
            if (!watch.isWatching() && (closed || log.version != log.archivedVersion)) {
                // the final report, and again when something happens after the verdict (a later rollout step,
                // a sign-off, an incident resolving)
                log.archivedVersion = log.version;
                try {
                    archive.watchClosed(log, history, now);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "could not write the final report of deployment '%s'", log.deploymentId());
                }
            }
        }
        if (closedAny) {
            retainHistory();
        }
    }

    /** Puts maintenance windows that opened or closed on the timelines of the open watches. */
    private void maintenanceWindows(long now, MaintenanceView maintenance) {
        Map<String, Maintenance> open = new LinkedHashMap<>();
        maintenance.open().forEach(m -> open.put(m.getSilenceId(), m));
        if (open.keySet().equals(maintenanceSeen.keySet())) {
            return;
        }
        for (Map.Entry<String, String> seen : maintenanceSeen.entrySet()) {
            if (!open.containsKey(seen.getKey())) {
                toOpenWatches(new WatchEvent(now, "maintenance-ended", "maintenance window ended: "
                        + seen.getValue()), now);
            }
        }
        for (Maintenance m : open.values()) {
            if (!maintenanceSeen.containsKey(m.getSilenceId())) {
                toOpenWatches(new WatchEvent(now, "maintenance", "maintenance window until "
                        + java.time.Instant.ofEpochMilli(m.getEndsAt()) + " (by " + m.getCreatedBy() + "): "
                        + m.getComment() + "; violations it covers are excused"), now);
            }
        }
        maintenanceSeen.clear();
        open.values().forEach(m -> maintenanceSeen.put(m.getSilenceId(), m.getComment()));
    }

    private void toOpenWatches(WatchEvent event, long now) {
        for (WatchLog log : byDeployment.values()) {
            if (log.watch().isWatching() && now >= log.watch().getStartedAt()) {
                log.add(event);
            }
        }
    }

    /**
     * At the end of the baseline window ({@code @baseline}), a deployment registered without a baseline for the
     * metrics of baseline-relative criteria gets one: the mean of those series' per-minute last values over the
     * window. Done once per watch.
     */
    private void measureBaseline(WatchLog log, long now) {
        Watch watch = log.watch();
        if (baselineWindow == null || baselineMetrics.isEmpty() || log.baselineCapturedAt() != null
                || now < watch.getStartedAt() + baselineWindow.toMillis()) {
            return;
        }
        Deployment deployment = watch.getDeployment();
        Map<String, Double> measured = new java.util.TreeMap<>();
        for (String metric : baselineMetrics) {
            if (deployment.hasBaseline(metric)) {
                continue;
            }
            double sum = 0;
            int n = 0;
            for (History.Line line : history.lines(List.of(new SeriesSelector(metric, Map.of())),
                    watch.getStartedAt() + baselineWindow.fromMillis(), watch.getStartedAt() + baselineWindow.toMillis())) {
                for (History.Point p : line.points()) {
                    sum += p.last();
                    n++;
                }
            }
            if (n > 0) {
                measured.put(metric, sum / n);
            }
        }
        log.baselineCaptured(now);
        String window = "T+" + Durations.format(baselineWindow.fromMillis()) + " to T+"
                + Durations.format(baselineWindow.toMillis());
        if (measured.isEmpty()) {
            if (baselineMetrics.stream().noneMatch(deployment::hasBaseline)) {
                log.add(new WatchEvent(now, "baseline", "no baseline: no samples of "
                        + String.join(", ", baselineMetrics) + " from " + window));
            }
            return;
        }
        deployment.captureBaseline(measured);
        org.kie.api.runtime.rule.FactHandle handle = session.getFactHandle(deployment);
        if (handle != null) {
            session.update(handle, deployment);
        }
        StringBuilder text = new StringBuilder("baseline measured from " + window + ":");
        measured.forEach((metric, value) -> text.append(' ').append(metric).append(' ')
                .append(WatchSummary.format(metric, value)));
        log.add(new WatchEvent(now, "baseline", text.toString()));
        LOG.infof("deployment '%s': %s", deployment.getId(), text);
    }

    /** Keeps the series history from the start of the oldest open watch, or none. */
    private void retainHistory() {
        history.keepFrom(byDeployment.values().stream().filter(l -> l.watch().isWatching())
                .mapToLong(l -> l.watch().getStartedAt()).min().orElse(Long.MAX_VALUE));
    }

    public Optional<WatchLog> of(String deploymentId) {
        return Optional.ofNullable(byDeployment.get(deploymentId));
    }

    /** Every watch, in the order opened. */
    public List<WatchLog> all() {
        return List.copyOf(byDeployment.values());
    }
}
