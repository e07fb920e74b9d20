package io.tocsin.engine;

import io.tocsin.engine.fact.ActionResult;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Clock;
import io.tocsin.engine.fact.Criterion;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.HeldCondition;
import io.tocsin.engine.fact.Rollback;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.history.History;
import io.tocsin.ingest.IngestResult;
import io.tocsin.ingest.SampleBatch;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * One Drools session and everything that evaluates it: series, clock, conditions, alert lifecycle, deployments
 * and the actions rules request. A pass applies a whole batch (upsert series, advance the clock, withdraw stale
 * series), fires the rules, then settles: the alert lifecycle runs, requested actions are handed on, and rules
 * fire again on what changed, until nothing does.
 *
 * <p>Deterministic and single-threaded: it never reads the wall clock itself (it is handed one in wall-clock
 * mode) and must only be called from one thread. {@link Engine} provides that thread; tests drive it directly
 * on event time.
 */
public final class Evaluator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Evaluator.class);
    /** A rule set that fires this often in one pass is looping; stop it rather than hang evaluation. */
    private static final int MAX_FIRINGS_PER_PASS = 1_000_000;
    /** Alert changes can make rules hold new conditions; settle them, but never spin. */
    private static final int MAX_SETTLE_ROUNDS = 10;

    /**
     * What shapes evaluation: durations in milliseconds, and the rule packs that may fire (empty: all packs in
     * the knowledge base).
     */
    public record Settings(long stalenessMillis, long resolvedRetentionMillis, long seriesRetentionMillis,
            Set<String> packs, long watchWindowMillis, long trendWindowMillis) {

        public static final long DEFAULT_WATCH_WINDOW = 48 * 3_600_000L;
        public static final long DEFAULT_TREND_WINDOW = 6 * 3_600_000L;

        public Settings(long stalenessMillis, long resolvedRetentionMillis, long seriesRetentionMillis) {
            this(stalenessMillis, resolvedRetentionMillis, seriesRetentionMillis, Set.of(), DEFAULT_WATCH_WINDOW);
        }

        public Settings(long stalenessMillis, long resolvedRetentionMillis, long seriesRetentionMillis,
                Set<String> packs, long watchWindowMillis) {
            this(stalenessMillis, resolvedRetentionMillis, seriesRetentionMillis, packs, watchWindowMillis,
                    DEFAULT_TREND_WINDOW);
        }
    }

    /** Sizes after the last pass, readable from any thread (for gauges). */
    public record Counts(int currentSeries, int staleSeries, int pending, int firing, int resolved) {
    }

    private final KieSession session;
    private final RuleCatalog catalog;
    private final LongSupplier wallClock; // null on event time
    private final SeriesTable series;
    private final ConditionTracker conditions = new ConditionTracker();
    private final ActionTracker actions;
    private final ActionHandler actionHandler;
    private final AlertLifecycle lifecycle;
    private final Deployments deployments;
    private final Watches watches;
    private final History history;
    private final Trends trends;
    private final Archive archive;
    private final SessionPseudoClock pseudoClock;
    private final long resultRetentionMillis;
    private final AgendaFilter activePacks;
    private final Map<String, LongAdder> firings = new ConcurrentHashMap<>();
    private Clock clock;
    private FactHandle clockHandle;
    private volatile Counts counts = new Counts(0, 0, 0, 0, 0);

    /**
     * @param wallClock epoch-millisecond wall clock, or {@code null} to run on event time (now is the greatest
     *                  timestamp seen and never moves backwards)
     */
    public Evaluator(KieSession session, RuleCatalog catalog, Settings settings, LongSupplier wallClock,
            ActionHandler actionHandler, DeploymentStore deploymentStore) {
        this(session, catalog, settings, wallClock, actionHandler, deploymentStore, WatchStore.none(), Archive.none());
    }

    /**
     * @param watchStore where watches are saved and restored from
     * @param archive    where final watch reports and rollback evidence are written
     */
    public Evaluator(KieSession session, RuleCatalog catalog, Settings settings, LongSupplier wallClock,
            ActionHandler actionHandler, DeploymentStore deploymentStore, WatchStore watchStore, Archive archive) {
        this.session = session;
        this.catalog = catalog;
        this.wallClock = wallClock;
        this.actionHandler = actionHandler;
        this.history = new History(catalog.successCriteria().stream().flatMap(r -> r.series().stream()).toList());
        this.series = new SeriesTable(session, settings.stalenessMillis(), settings.seriesRetentionMillis(), history);
        this.trends = new Trends(session, history, settings.trendWindowMillis());
        this.archive = archive;
        this.actions = new ActionTracker(session);
        this.lifecycle = new AlertLifecycle(session, catalog, settings.resolvedRetentionMillis(), actions::purge);
        this.resultRetentionMillis = Math.max(settings.resolvedRetentionMillis(), 3_600_000L);
        this.pseudoClock = session.getSessionClock();
        session.addEventListener(conditions);
        session.addEventListener(actions);
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firings.computeIfAbsent(event.getMatch().getRule().getPackageName() + "."
                        + event.getMatch().getRule().getName(), k -> new LongAdder()).increment();
            }
        });
        Set<String> packs = Set.copyOf(settings.packs());
        // Matches of inactive packs are dropped by the filter, never fired: those packs are simply off.
        this.activePacks = packs.isEmpty() ? null : match -> packs.contains(match.getRule().getPackageName());
        this.watches = new Watches(session, settings.watchWindowMillis(), history, watchStore, archive);
        session.addEventListener(watches);
        this.deployments = new Deployments(session, deploymentStore,
                wallClock == null ? 0L : wallClock.getAsLong(), watches);
        watches.restore(deployments.all());
        if (wallClock != null) {
            evaluate(wallClock.getAsLong());
        }
    }

    /** Applies a batch in one pass and returns what was accepted. */
    public IngestResult apply(SampleBatch batch) {
        SeriesTable.Applied applied = series.apply(batch.samples());
        long known = clock == null ? Long.MIN_VALUE : clock.getNow();
        // never backwards, not even when the wall clock is stepped back
        long target = Math.max(known, wallClock != null ? wallClock.getAsLong() : applied.newestTimestamp());
        if (target != Long.MIN_VALUE) {
            evaluate(target);
        }
        return new IngestResult(applied.accepted(), applied.outOfOrder());
    }

    /**
     * Moves engine time to {@code time} and evaluates; on event time this is how time passes without samples.
     * Throws {@link IllegalArgumentException} if it would move time backwards.
     */
    public void advanceTo(long time) {
        if (clock != null && time < clock.getNow()) {
            throw new IllegalArgumentException("clock cannot move backwards");
        }
        evaluate(time);
    }

    /** Wall clock: evaluates at the current real time (deadlines, staleness, absence between samples). */
    public void tick() {
        if (wallClock == null) {
            throw new IllegalStateException("tick() is for the wall clock");
        }
        evaluate(Math.max(wallClock.getAsLong(), clock.getNow()));
    }

    /** Acknowledges a pending or firing alert; rules see only the {@code acknowledged} property change. */
    public Alert acknowledge(String alertId, String by, String comment) {
        Alert alert = activeAlerts().stream().filter(a -> a.getId().equals(alertId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no pending or firing alert with id " + alertId));
        alert.acknowledge(new Alert.Acknowledgement(by, comment, nowOrZero()));
        session.update(session.getFactHandle(alert), alert, "acknowledged");
        LOG.infof("alert %s acknowledged by %s", alert, by);
        evaluate();
        return alert;
    }

    /** Registers a new current deployment, which re-arms automatic rollback. */
    public Deployment registerDeployment(String id, String version, Long startedAt) {
        return registerDeployment(id, version, startedAt, Map.of(), List.of());
    }

    public Deployment registerDeployment(String id, String version, Long startedAt, Map<String, Double> baseline) {
        return registerDeployment(id, version, startedAt, baseline, List.of());
    }

    /**
     * Registers a new current deployment with baseline values of metrics (for the watch's criteria) and the
     * traffic steps of a progressive rollout.
     */
    public Deployment registerDeployment(String id, String version, Long startedAt, Map<String, Double> baseline,
            List<Watches.Step> steps) {
        Deployment deployment = deployments.register(id, version, startedAt != null ? startedAt : nowOrZero(),
                baseline, steps);
        evaluate();
        return deployment;
    }

    /**
     * An operator's rollback of the current deployment. Throws {@link NoSuchElementException} for an unknown
     * deployment and {@link IllegalStateException} if it is not the armed, current one.
     */
    public Deployment rollBack(String deploymentId, String reason, String by) {
        Deployment deployment = deployments.find(deploymentId)
                .orElseThrow(() -> new NoSuchElementException("no deployment with id " + deploymentId));
        if (deployment.getRollback() != null) {
            throw new IllegalStateException("deployment '" + deploymentId + "' was already rolled back");
        }
        if (!deployment.isCurrent()) {
            throw new IllegalStateException("deployment '" + deploymentId + "' is not the current deployment");
        }
        session.insert(new Rollback(deployment, reason, by));
        evaluate();
        return deployment;
    }

    /** Feeds back the outcome of a dispatched action and evaluates, so rules can react to it. */
    public void feed(ActionResult result) {
        session.insert(result);
        evaluate();
    }

    private long nowOrZero() {
        return clock == null ? 0L : clock.getNow();
    }

    /**
     * One evaluation at engine time {@code now}, in two steps. First the series (and staleness) are brought to
     * {@code now} and settled while the {@link Clock} fact still shows the previous time: conditions update and
     * the alert lifecycle runs at {@code now}. Only then does the clock fact move and everything settle again.
     * So a rule that reacts to time ("30 seconds after the alert became active") never sees the new time
     * together with an alert state that is about to change in the same evaluation.
     */
    private void evaluate(long now) {
        series.sync(now);
        trends.refresh(now);
        actions.now(now);
        actions.expire(now, resultRetentionMillis);
        settle(now);
        if (clock == null) {
            clock = new Clock(now);
            clockHandle = session.insert(clock);
            pseudoClock.advanceTime(now - pseudoClock.getCurrentTime(), TimeUnit.MILLISECONDS);
            settle(now);
        } else if (now > clock.getNow()) {
            clock.advanceTo(now);
            session.update(clockHandle, clock);
            pseudoClock.advanceTime(now - pseudoClock.getCurrentTime(), TimeUnit.MILLISECONDS);
            settle(now);
        }
        watches.save(now);
        publishCounts();
    }

    /** Evaluates operator input or a fed-back result at the current engine time (or before time started). */
    private void evaluate() {
        if (clock == null) {
            settle(0L);
            watches.save(0L);
            publishCounts();
        } else {
            evaluate(clock.getNow());
        }
    }



    /** Fires rules, hands on their actions and runs the lifecycle until nothing changes. */
    private void settle(long now) {
        for (int round = 0;; round++) {
            fire();
            boolean changed = handOnActions(now);
            changed |= watches.record(now, lifecycle.active());
            changed |= lifecycle.evaluate(now, conditions);
            watches.assess(now, conditions.held(), lifecycle.active(), catalog);
            if (!changed) {
                return;
            }
            if (round == MAX_SETTLE_ROUNDS) {
                LOG.warnf("rules kept changing alerts or actions for %d rounds at %d; stopped", round, now);
                return;
            }
        }
    }

    /**
     * Hands on what rules requested; returns whether that changed facts (a rollback decision). One action that
     * fails to be handed on is logged and does not stop the others.
     */
    private boolean handOnActions(long now) {
        boolean changed = false;
        for (ActionTracker.Inserted inserted : actions.drain()) {
            try {
                if (inserted.request() instanceof Rollback rollback) {
                    if (rollback.getDeployment().getRollback() != null) {
                        LOG.warnf("ignored a second rollback of deployment '%s' (%s)",
                                rollback.getDeployment().getId(), rollback.getReason());
                        continue;
                    }
                    deployments.decided(rollback, now);
                    preserveEvidence(rollback.getDeployment(), now);
                    changed = true;
                }
                RuleInfo rule = inserted.ruleId() == null ? null : catalog.byId(inserted.ruleId());
                watches.counted(inserted.request(), now);
                actionHandler.handle(inserted.request(), rule, now);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.errorf(e, "could not hand on %s %s", inserted.request().getType(), inserted.request());
            }
        }
        return changed;
    }

    /** The runbook's "preserve evidence" step; a failure to write it never holds up the rollback. */
    private void preserveEvidence(Deployment deployment, long now) {
        try {
            List<Evidence.FiringAlert> firing = lifecycle.active().stream().filter(Alert::isFiring)
                    .map(a -> new Evidence.FiringAlert(a.getId(), a.getName(), a.getLabels(), a.getPriority().name(),
                            a.getActiveAt(), a.getFiredAt(), a.getValue(), a.isAcknowledged())).toList();
            List<Evidence.CriterionSeries> values = new java.util.ArrayList<>();
            for (RuleInfo rule : catalog.successCriteria()) {
                List<Evidence.SeriesValues> lines = new java.util.ArrayList<>();
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (History.Line line : history.lines(rule.series(), now - Evidence.RECENT_MILLIS, now + 1)) {
                    seen.add(line.key().toString());
                    io.tocsin.engine.fact.Series latest = series.find(line.key());
                    lines.add(new Evidence.SeriesValues(line.key().toString(),
                            latest == null ? null : latest.getValue(), latest == null ? null : latest.getTimestamp(),
                            line.points()));
                }
                for (io.tocsin.engine.fact.Series s : series.matching(rule.series())) {
                    if (seen.add(s.getKey().toString())) { // no watch was keeping its history
                        lines.add(new Evidence.SeriesValues(s.getKey().toString(), s.getValue(), s.getTimestamp(),
                                List.of()));
                    }
                }
                values.add(new Evidence.CriterionSeries(rule.success(), rule.id(), lines));
            }
            List<Watches.Event> timeline = watches.of(deployment.getId()).map(Watches.WatchLog::events)
                    .orElse(List.of());
            String path = archive.evidence(new Evidence(deployment.getId(), deployment.getVersion(),
                    deployment.getStartedAt(), deployment.getRollback(), firing, timeline, values,
                    RuleSources.checksums()));
            if (path != null) {
                watches.evidence(deployment.getId(), path, now);
                LOG.infof("evidence of the rollback of '%s' preserved in %s", deployment.getId(), path);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not preserve the evidence of the rollback of '%s'", deployment.getId());
        }
    }

    private void fire() {
        int fired = activePacks == null ? session.fireAllRules(MAX_FIRINGS_PER_PASS)
                : session.fireAllRules(activePacks, MAX_FIRINGS_PER_PASS);
        if (fired == MAX_FIRINGS_PER_PASS) {
            LOG.errorf("rules fired %d times in one pass: a rule is probably looping (modify without a guard)",
                    fired);
        }
    }

    private void publishCounts() {
        int pending = 0;
        int firing = 0;
        for (HeldCondition held : lifecycle.activeView()) {
            if (held instanceof Alert) {
                if (held.isPending()) {
                    pending++;
                } else {
                    firing++;
                }
            }
        }
        counts = new Counts(series.currentCount(), series.staleCount(), pending, firing,
                lifecycle.resolvedCount());
    }

    /** Engine time in epoch milliseconds; empty on event time until the first sample or clock advance. */
    public OptionalLong now() {
        return clock == null ? OptionalLong.empty() : OptionalLong.of(clock.getNow());
    }

    public List<Alert> activeAlerts() {
        return lifecycle.active();
    }

    public List<Alert> resolvedAlerts() {
        return lifecycle.resolved();
    }

    /** Rollback criteria currently pending or met. */
    public List<Criterion> criteria() {
        return lifecycle.criteria();
    }

    public List<Deployment> deployments() {
        return deployments.all();
    }

    /** The watch of a registered deployment and its checkpoints. */
    public Optional<Watches.WatchLog> watch(String deploymentId) {
        return watches.of(deploymentId);
    }

    /** An operator closes a deployment's watch by hand, with a reason. */
    public Watch closeWatch(String deploymentId, String reason) {
        Watch watch = watches.close(deploymentId, reason, nowOrZero());
        evaluate();
        return watch;
    }

    public RuleCatalog catalog() {
        return catalog;
    }

    public Counts counts() {
        return counts;
    }

    /** Facts of one type in the session; for tests that check nothing piles up. */
    long count(Class<?> type) {
        return session.getObjects(type::isInstance).size();
    }

    <T> long count(Class<T> type, java.util.function.Predicate<T> filter) {
        return session.getObjects(o -> type.isInstance(o) && filter.test(type.cast(o))).size();
    }

    /** How often each rule (package-qualified name) has fired in this session; safe from any thread. */
    public long firings(String ruleId) {
        LongAdder count = firings.get(ruleId);
        return count == null ? 0 : count.sum();
    }

    /** The per-minute series history the open watches keep. */
    public History history() {
        return history;
    }

    /** Saves every open watch with its latest history; the engine calls this at shutdown. */
    public void saveWatches() {
        watches.saveAll(nowOrZero());
    }

    @Override
    public void close() {
        session.dispose();
    }
}
