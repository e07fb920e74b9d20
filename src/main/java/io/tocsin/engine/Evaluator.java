package io.tocsin.engine;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.ActionPolicy;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.fact.ActionResult;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Clock;
import io.tocsin.engine.fact.Criterion;
import io.tocsin.engine.fact.CurrentRule;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.HeldCondition;
import io.tocsin.engine.fact.Priority;
import io.tocsin.engine.fact.Promote;
import io.tocsin.engine.fact.Rollback;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.engine.input.AdvanceClock;
import io.tocsin.engine.input.Attributed;
import io.tocsin.engine.input.CloseWatch;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.DeliveryUpdate;
import io.tocsin.engine.input.DeliveryUpdates;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.input.IngestResult;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.PromoteDeployment;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.engine.input.RetireRules;
import io.tocsin.engine.input.RollBack;
import io.tocsin.engine.input.Refused;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.audit.AuditDetails;
import io.tocsin.engine.audit.AuditEntry;
import io.tocsin.engine.audit.AuditLog;
import io.tocsin.engine.input.SignOff;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.engine.silence.Silence;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.silence.Silences;
import io.tocsin.engine.state.EngineState;
import io.tocsin.sla.SlaLedger;
import io.tocsin.watch.Archive;
import io.tocsin.watch.EvidenceCollector;
import io.tocsin.watch.Trends;
import io.tocsin.watch.WatchLog;
import io.tocsin.watch.Watches;
import io.tocsin.watch.history.History;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * One Drools session and its evaluation: applies each {@link Input} (a batch of samples, a clock advance, an
 * operator command, a delivery outcome) in one pass, then settles: rules fire, the alert lifecycle runs, the
 * actions rules asked for are planned, and rules fire again on what changed, until nothing does.
 *
 * <p>Deterministic and single-threaded: it never reads the wall clock (on the wall clock the caller passes the time
 * each input is applied) and must only be called from one thread. {@link Engine} provides that thread; tests drive
 * it directly on event time.
 */
public final class Evaluator implements EngineView, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Evaluator.class);
    /** A rule set that fires this often in one pass is looping; stop it rather than hang evaluation. */
    private static final int MAX_FIRINGS_PER_PASS = 1_000_000;
    /** Alert changes can make rules hold new conditions; settle them, but never spin. */
    private static final int MAX_SETTLE_ROUNDS = 10;
    /** Time on the event clock before any sample: operator input then evaluates at 0. */
    private static final long BEFORE_TIME = 0L;

    /**
     * What shapes evaluation: durations in milliseconds, the rule packs that may fire (empty: all), the limits
     * the engine enforces, the pack settings configuration overrides ({@code pack.name → value}, see
     * {@code Setting}), and whether samples no rule can tell apart skip the session ({@link ValueTriggers}).
     */
    public record Settings(long stalenessMillis, long resolvedRetentionMillis, long seriesRetentionMillis,
            Set<String> packs, long watchWindowMillis, long trendWindowMillis, EngineLimits limits,
            Map<String, String> settingOverrides, boolean valueTriggers) {

        public Settings {
            settingOverrides = Map.copyOf(settingOverrides);
        }

        /** Samples reach the session only when a rule can tell the new value apart ({@link ValueTriggers}). */
        public Settings(long stalenessMillis, long resolvedRetentionMillis, long seriesRetentionMillis,
                Set<String> packs, long watchWindowMillis, long trendWindowMillis, EngineLimits limits,
                Map<String, String> settingOverrides) {
            this(stalenessMillis, resolvedRetentionMillis, seriesRetentionMillis, packs, watchWindowMillis,
                    trendWindowMillis, limits, settingOverrides, true);
        }

        /** With the default limits and no overrides. */
        public Settings(long stalenessMillis, long resolvedRetentionMillis, long seriesRetentionMillis,
                Set<String> packs, long watchWindowMillis, long trendWindowMillis) {
            this(stalenessMillis, resolvedRetentionMillis, seriesRetentionMillis, packs, watchWindowMillis,
                    trendWindowMillis, EngineLimits.defaults(), Map.of());
        }

        public static Settings defaults() {
            return new Settings(300_000, 900_000, 3_600_000, Set.of(), 48 * 3_600_000L, 6 * 3_600_000L);
        }

        public Settings withPacks(Set<String> packs) {
            return new Settings(stalenessMillis, resolvedRetentionMillis, seriesRetentionMillis, packs,
                    watchWindowMillis, trendWindowMillis, limits, settingOverrides, valueTriggers);
        }

        public Settings withLimits(EngineLimits limits) {
            return new Settings(stalenessMillis, resolvedRetentionMillis, seriesRetentionMillis, packs,
                    watchWindowMillis, trendWindowMillis, limits, settingOverrides, valueTriggers);
        }

        /** With these pack setting overrides ({@code pack.name → value}). */
        public Settings withSettingOverrides(Map<String, String> overrides) {
            return new Settings(stalenessMillis, resolvedRetentionMillis, seriesRetentionMillis, packs,
                    watchWindowMillis, trendWindowMillis, limits, overrides, valueTriggers);
        }

        /** False: every sample reaches the session, whether or not a rule can tell its value apart. */
        public Settings withValueTriggers(boolean on) {
            return new Settings(stalenessMillis, resolvedRetentionMillis, seriesRetentionMillis, packs,
                    watchWindowMillis, trendWindowMillis, limits, settingOverrides, on);
        }
    }

    /** How actions are decided and kept, and where final reports and evidence are written. */
    public record Setup(ActionPolicy policy, ActionHistory history, Archive archive) {

        /** Nothing written: for rule tests. */
        public static Setup inMemory(ActionPolicy policy) {
            return new Setup(policy, new ActionHistory(), Archive.none());
        }
    }

    /** Sizes after the last pass, readable from any thread (for gauges). */
    public record Counts(int currentSeries, int staleSeries, int pending, int firing, int resolved,
            int[] pendingByPriority, int[] firingByPriority) {

        /** Nothing yet; the by-priority arrays are indexed by {@code Priority.ordinal()}. */
        public static Counts none() {
            return new Counts(0, 0, 0, 0, 0, new int[Priority.values().length], new int[Priority.values().length]);
        }
    }

    private final KieSession session;
    private final RuleCatalog catalog;
    private final boolean wallClock;
    private final SeriesTable series;
    private final ConditionTracker conditions = new ConditionTracker();
    /** Clears the matches Drools 10.1 cancels but keeps (see the class). */
    private final DormantMatchSweep dormant;
    private final ActionTracker requests;
    private final ActionPlanner planner;
    private final ActionHistory actionHistory;
    private final Silences silences = new Silences();
    private final MaintenanceTracker maintenance;
    private final SlaLedger sla;
    private final AlertLifecycle lifecycle;
    private final Deployments deployments;
    private final Watches watches;
    private final History history;
    private final Trends trends;
    private final EvidenceCollector evidence;
    private final SessionPseudoClock pseudoClock;
    private final long resultRetentionMillis;
    private final AgendaFilter activePacks;
    private final Set<String> packs;
    private final Map<String, LongAdder> firings = new ConcurrentHashMap<>();
    /** The counters of {@link #firings} by rule, so counting a firing builds no name (engine thread only). */
    private final Map<Rule, LongAdder> firingCounts = new IdentityHashMap<>();
    private final Foresight foresight;
    private final EngineLimits limits;
    private final AuditLog audit;
    private Clock clock;
    private FactHandle clockHandle;
    private volatile Counts counts = Counts.none();
    /** The lifecycle's version the alert counts were taken at (recounted only when it changes). */
    private long countedVersion = -1;

    /** On event time, from nothing: now is the greatest timestamp seen and never moves backwards. */
    public Evaluator(KieSession session, RuleCatalog catalog, Settings settings, Setup setup) {
        this(session, catalog, settings, false, 0L, setup, null);
    }

    /**
     * @param wallClock true to run on the wall clock (each input comes with the time it is applied), false for
     *                  event time
     * @param openedAt  when evaluation begins (epoch ms: real time on the wall clock, 0 on event time); the
     *                  implicit deployment armed at the very first start begins then
     * @param saved     the state to continue from (saved before a restart, or taken from the session a rule reload
     *                  replaces), or null at the very first start
     */
    public Evaluator(KieSession session, RuleCatalog catalog, Settings settings, boolean wallClock, long openedAt,
            Setup setup, EngineState saved) {
        this.session = session;
        this.catalog = catalog;
        this.wallClock = wallClock;
        this.actionHistory = setup.history();
        this.limits = settings.limits();
        this.audit = new AuditLog(limits.auditEntries());
        this.history = new History(catalog.watchedSeries());
        this.sla = new SlaLedger(catalog.slas());
        this.series = new SeriesTable(session, settings.valueTriggers()
                ? ValueTriggers.of(session.getKieBase(), catalog) : ValueTriggers.off(),
                settings.stalenessMillis(), settings.seriesRetentionMillis(),
new SeriesTable.SampleTap() {
                    record Interest(boolean history, SlaLedger.Targets sla) {
                    }

                    @Override
                    public Object interest(io.tocsin.engine.fact.SeriesKey key) {
                        boolean kept = history.watches(key);
                        SlaLedger.Targets read = sla.targets(key);
                        return kept || read != null ? new Interest(kept, read) : null;
                    }

                    @Override
                    public void record(Object interest, io.tocsin.engine.fact.SeriesKey key, long timestamp,
                            double value) {
                        Interest i = (Interest) interest;
                        if (i.history()) {
                            history.recordWatched(key, timestamp, value);
                        }
                        if (i.sla() != null) {
                            sla.record(i.sla(), timestamp, value);
                        }
                    }
                }, limits.maxSeries());
        this.maintenance = new MaintenanceTracker(session, silences);
        this.trends = new Trends(session, history, settings.trendWindowMillis());
        this.requests = new ActionTracker(session);
        this.planner = new ActionPlanner(setup.policy(), silences, setup.history(), this::summary);
        this.lifecycle = new AlertLifecycle(session, catalog, settings.resolvedRetentionMillis(), requests::purge);
        this.resultRetentionMillis = Math.max(settings.resolvedRetentionMillis(), 3_600_000L);
        this.pseudoClock = session.getSessionClock();
        this.dormant = new DormantMatchSweep(session);
        session.addEventListener(conditions);
        session.addEventListener(requests);
        Map<String, String> overrides = settings.settingOverrides();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                // breach() names the rule without drools.getRule(); setting() finds the configured overrides
                CurrentRule.enter(event.getMatch().getRule(), overrides);
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                CurrentRule.exit();
                Rule rule = event.getMatch().getRule();
                LongAdder count = firingCounts.get(rule);
                if (count == null) {
                    count = firings.computeIfAbsent(rule.getPackageName() + "." + rule.getName(),
                            k -> new LongAdder());
                    firingCounts.put(rule, count);
                }
                count.increment();
            }
        });
        Set<String> packs = Set.copyOf(settings.packs());
        this.packs = packs.isEmpty() ? Set.copyOf(catalog.packs()) : packs;
        // Matches of inactive packs are dropped by the filter, never fired: those packs are simply off.
        this.activePacks = packs.isEmpty() ? null : match -> packs.contains(match.getRule().getPackageName());
        this.foresight = new Foresight(session, catalog, activePacks, settings.settingOverrides());
        this.watches = new Watches(session, settings.watchWindowMillis(), catalog.cadence(), history,
                setup.archive(), catalog.figures(), catalog.baselineWindow(), catalog.successCriteria());
        this.evidence = new EvidenceCollector(setup.archive(), history, series, catalog.successCriteria(),
                catalog.checksums());
        this.deployments = new Deployments(session, saved == null ? null : saved.deployments(), openedAt, watches);
        if (saved != null) {
            restore(saved);
        }
    }

    /**
     * The state between two inputs, as data: what a snapshot holds. Conditions are left out; restoring derives
     * them again from the series.
     */
    public EngineState capture() {
        Map<String, Long> fired = new java.util.TreeMap<>();
        firings.forEach((rule, count) -> fired.put(rule, count.sum()));
        return new EngineState(EngineState.FORMAT, clock == null ? null : clock.getNow(),
                clock == null ? null : clock.getStartedAt(), series.capture(), series.captureMetrics(),
                lifecycle.capture(false), lifecycle.capture(true), requests.captureRequests(),
                requests.captureResults(), deployments.capture(), watches.capture(),
                silences.all().stream().map(Evaluator::capture).toList(),
                actionHistory.all().stream().map(e -> new EngineState.ActionState(e.action(), e.state())).toList(),
                planner.lastId(), fired, planner.heldIds(), catalog.contentHash(), audit.all(), audit.lastId(),
                sla.capture());
    }

    private static EngineState.SilenceState capture(Silence s) {
        return new EngineState.SilenceState(s.id(), s.matchers().stream().map(m -> new EngineState.MatcherState(
                m.name(), m.value(), m.isRegex(), m.isEqual())).toList(), s.startsAt(), s.endsAt(), s.createdBy(),
                s.comment(), s.createdAt(), s.expiredBy(), s.maintenance());
    }

    /**
     * Continues from a saved state, before any input: series, clock, silences, alerts with their ids and times,
     * the action facts rules wait on, watches and the action history come back as they were. Then only the rules
     * that hold conditions fire, to derive the conditions again; every other rule had fired on these facts before
     * and does not fire again (its matches are dropped, not postponed).
     */
    private void restore(EngineState saved) {
        if (saved.format() != EngineState.FORMAT) {
            throw new IllegalStateException("saved state has format " + saved.format() + "; this version reads "
                    + EngineState.FORMAT);
        }
        if (saved.rulesHash() != null && !saved.rulesHash().equals(catalog.contentHash())) {
            LOG.infof("state saved under rules %s continues under rules %s: alerts of rules that no longer exist"
                    + " are left out, the others continue", saved.rulesHash(), catalog.contentHash());
        }
        saved.silences().forEach(s -> silences.restore(new Silence(s.id(), s.matchers().stream()
                .map(m -> Matcher.of(m.name(), m.value(), m.isRegex(), m.isEqual())).toList(), s.startsAt(),
                s.endsAt(), s.createdBy(), s.comment(), s.createdAt(), s.expiredBy(), s.maintenance())));
        audit.restore(saved.audit(), saved.lastAuditId());
        sla.restore(saved.sla());
        actionHistory.restore(saved.actions().stream().map(a -> new ActionHistory.Entry(a.action(), a.delivery()))
                .toList());
        planner.continueAfter(saved.lastActionId());
        planner.restoreHeld(saved.held());
        series.restore(saved.series(), saved.metrics());
        lifecycle.restore(saved.active(), saved.resolved());
        long savedNow = saved.now() == null ? BEFORE_TIME : saved.now();
        sla.reconcile(savedNow, lifecycle.active());
        maintenance.refresh(savedNow, lifecycle.activeView());
        watches.restore(saved.watches(), deployments.all(), lifecycle.active(), maintenanceAt(savedNow));
        Map<String, Alert> alerts = new java.util.HashMap<>();
        lifecycle.active().forEach(a -> alerts.put(a.getId(), a));
        lifecycle.resolved().forEach(a -> alerts.put(a.getId(), a));
        requests.restore(saved.requests(), saved.results(), new ActionTracker.Links() {
            @Override
            public Alert alert(String id) {
                return alerts.get(id);
            }

            @Override
            public Deployment deployment(String id) {
                return deployments.find(id).orElse(null);
            }

            @Override
            public Watch watch(String deploymentId) {
                return watches.of(deploymentId).map(WatchLog::watch).orElse(null);
            }
        });
        if (saved.now() != null) {
            series.sync(saved.now());
            clock = new Clock(saved.startedAt());
            clock.advanceTo(saved.now());
            clockHandle = session.insert(clock);
            pseudoClock.advanceTime(saved.now() - pseudoClock.getCurrentTime(), TimeUnit.MILLISECONDS);
        }
        // conditions, pack settings and @derived facts are derived, not saved: their rules fire again
        AgendaFilter conditionsOnly = match -> {
            RuleInfo rule = catalog.byId(match.getRule().getPackageName() + "." + match.getRule().getName());
            return rule != null && (rule.holdsConditions() || rule.isSuccessCriterion() || rule.setting()
                    || rule.derived())
                    && (activePacks == null || activePacks.accept(match));
        };
        session.fireAllRules(conditionsOnly, MAX_FIRINGS_PER_PASS);
        requests.drain(); // nothing new was decided
        firings.clear(); // deriving the conditions again is not firing again
        firingCounts.clear();
        saved.firings().forEach((rule, count) -> firings.computeIfAbsent(rule, r -> new LongAdder()).add(count));
        publishCounts();
    }

    /**
     * Applies one input and returns its result. On the wall clock {@code wallNow} is the real time it is applied
     * (epoch ms); on event time it is ignored. Throws {@link Rejected} for an input that cannot be applied, having
     * changed nothing.
     */
    @SuppressWarnings("unchecked")
    public <R> R apply(Input<R> input, long wallNow) {
        Object result = switch (input.kind()) {
            case ATTRIBUTED -> attributed((Attributed<R>) input, wallNow);
            case REFUSED -> throw Rejected.invalid(((Refused) input).field(), ((Refused) input).message());
            case SAMPLES -> ingest((SampleBatch) input, wallNow);
            case ADVANCE_CLOCK -> advance((AdvanceClock) input);
            case TICK -> tick(wallNow);
            case ACKNOWLEDGE -> acknowledge((Acknowledge) input);
            case CREATE_SILENCE -> createSilence((CreateSilence) input);
            case EXPIRE_SILENCE -> expireSilence((ExpireSilence) input);
            case REGISTER_DEPLOYMENT -> register((RegisterDeployment) input);
            case ROLL_BACK -> rollBack((RollBack) input);
            case CLOSE_WATCH -> closeWatch((CloseWatch) input);
            case DELIVERY_UPDATE -> delivered(List.of(((DeliveryUpdate) input).state()));
            case DELIVERY_UPDATES -> delivered(((DeliveryUpdates) input).states());
            case RETIRE_RULES -> retire((RetireRules) input);
            case PROMOTE_DEPLOYMENT -> promote((PromoteDeployment) input);
            case SIGN_OFF -> signOff((SignOff) input);
        };
        return (R) result;
    }

    /**
     * Applies an operator input and records it in the audit trail with its origin: applied, or refused with the
     * status and reason (and the refusal is passed on). Refusals are as deterministic as the rest: the input is in
     * the journal before it is applied, and a replay refuses it again and records the same entry.
     */
    private <R> R attributed(Attributed<R> attributed, long wallNow) {
        Input<R> input = attributed.input();
        String kind = AuditDetails.kind(input);
        Map<String, String> details = AuditDetails.of(input);
        try {
            R result = apply(input, wallNow);
            record(attributed, kind, details, AuditEntry.APPLIED, null, null, null);
            return result;
        } catch (Rejected e) {
            record(attributed, kind, details, AuditEntry.REFUSED, e.reason().status(), e.field(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            record(attributed, kind, details, AuditEntry.REFUSED, 500, null, "internal error: "
                    + e.getClass().getSimpleName());
            throw e;
        }
    }

    private void record(Attributed<?> attributed, String kind, Map<String, String> details, String outcome,
            Integer status, String field, String reason) {
        AuditEntry entry = audit.append(nowOrBefore(), attributed.origin().receivedAt(), attributed.origin().actor(),
                attributed.origin().address(), kind, details, outcome, status, field, reason);
        LOG.debugf("audit #%d: %s %s from %s: %s%s", entry.id(), entry.actor(), kind, entry.address(), outcome,
                reason == null ? "" : " (" + status + ": " + reason + ")");
    }

    /**
     * Refuses a batch that would create more series than the limit allows ({@link Rejected}), before the engine
     * journals it: a refused batch changes nothing, so it need not be kept, and a flood of unique series costs
     * neither journal space nor the journal's dictionary of series. {@link #apply} checks again.
     */
    public void admit(SampleBatch batch) {
        series.check(batch.samples());
    }

    /** Applies an input on event time (tests and rule tests). */
    public <R> R apply(Input<R> input) {
        if (wallClock) {
            throw new IllegalStateException("on the wall clock, say when the input is applied");
        }
        return apply(input, 0L);
    }

    /** The actions to deliver that were decided since the last call, in the order decided. */
    public List<Action> drainActions() {
        return planner.drain().toDeliver();
    }

    /** Every action decided since the last call (silenced and dry-run ones too), and those to deliver. */
    public ActionPlanner.Decisions drainDecisions() {
        return planner.drain();
    }

    /** Replaying the journal: the actions an input decided again are those it decided the first time. */
    public void adopt(List<Action> regenerated, List<Action> recorded) {
        planner.adopt(regenerated, recorded);
    }

    private IngestResult ingest(SampleBatch batch, long wallNow) {
        long known = clock == null ? Long.MIN_VALUE : clock.getNow();
        // On the wall clock a sample may lie at most the future tolerance ahead of engine now, and one stamped
        // ahead of now never holds its series against the real samples that follow (SeriesTable). On event time
        // now follows the samples, so none is ahead of it once its batch is applied.
        long now = wallClock ? Math.max(known, wallNow) : Long.MAX_VALUE;
        SeriesTable.Applied applied = series.apply(batch.samples(), now,
                wallClock ? saturatedAdd(now, limits.futureToleranceMillis()) : Long.MAX_VALUE);
        // never backwards, not even when the wall clock is stepped back
        long target = Math.max(known, wallClock ? wallNow : applied.newestTimestamp());
        if (target != Long.MIN_VALUE) {
            evaluate(target);
        }
        return new IngestResult(applied.accepted(), applied.outOfOrder());
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private Long advance(AdvanceClock advance) {
        if (wallClock) {
            throw Rejected.conflict("the engine runs on the wall clock; set tocsin.clock=event to drive time");
        }
        if (clock != null && advance.to() < clock.getNow()) {
            throw Rejected.invalid("timestamp", "would move the clock backwards (now is "
                    + java.time.Instant.ofEpochMilli(clock.getNow()) + ")");
        }
        evaluate(advance.to());
        return advance.to();
    }

    private Void tick(long wallNow) {
        if (!wallClock) {
            throw new IllegalStateException("ticks are for the wall clock");
        }
        evaluate(clock == null ? wallNow : Math.max(wallNow, clock.getNow()));
        return null;
    }

    private Alert acknowledge(Acknowledge ack) {
        Alert alert = lifecycle.find(ack.alertId()).filter(a -> !a.isResolved())
                .orElseThrow(() -> Rejected.notFound("no pending or firing alert with id " + ack.alertId()));
        Alert.Acknowledgement before = alert.getAcknowledgement();
        if (before != null && before.by().equals(ack.by()) && java.util.Objects.equals(before.comment(), ack.comment())) {
            return alert; // acknowledged so already: a re-sent request changes nothing
        }
        alert.acknowledge(new Alert.Acknowledgement(ack.by(), ack.comment(), nowOrBefore()));
        session.update(session.getFactHandle(alert), alert, "acknowledged");
        LOG.infof("alert %s acknowledged by %s", alert, ack.by());
        evaluate();
        return alert;
    }

    private Silence createSilence(CreateSilence input) {
        long now = nowOrBefore();
        long start = input.startsAt() == null ? now : input.startsAt();
        if (input.endsAt() <= start) {
            throw Rejected.invalid("endsAt", "must be after startsAt");
        }
        if (input.endsAt() <= now) {
            throw Rejected.invalid("endsAt", "is in the past (engine time is " + java.time.Instant.ofEpochMilli(now)
                    + ")");
        }
        // Measured from its start, or from now for one that started in the past (that part mutes nothing more;
        // Alertmanager clients send such starts). Before any time on the event clock a silence has no start to
        // measure from (startsAt defaults to 0).
        if ((clock != null || input.startsAt() != null)
                && input.endsAt() - Math.max(start, now) > limits.maxSilenceMillis()) {
            throw Rejected.invalid("endsAt", "the silence would last longer than "
                    + io.tocsin.engine.fact.Durations.format(limits.maxSilenceMillis())
                    + " (tocsin.limits.max-silence-duration)");
        }
        silences.prune(now, limits.maxSilences());
        Optional<Silence> earlier = silences.all().stream().filter(x -> x.id().equals(input.id())).findFirst();
        if (earlier.isPresent() && sameSilence(earlier.get(), input)) {
            return earlier.get(); // the same request again (a client re-sending it under its idempotency key)
        }
        if (silences.live(now) >= limits.maxSilences()) {
            throw Rejected.limit("silences", limits.maxSilences() + " silences are pending or active, the most"
                    + " allowed (tocsin.limits.max-silences); expire one first");
        }
        try {
            Silence silence = silences.add(input.id(), input.matchers(), start, input.endsAt(), input.createdBy(),
                    input.comment(), now, input.maintenance());
            LOG.infof("%s %s created by %s until %s", silence.maintenance() ? "maintenance silence" : "silence",
                    silence.id(), silence.createdBy(), java.time.Instant.ofEpochMilli(silence.endsAt()));
            evaluate(); // a maintenance window may start now: automation rules see it at once
            return silence;
        } catch (IllegalStateException e) {
            throw Rejected.conflict(e.getMessage());
        }
    }

    private static boolean sameSilence(Silence silence, CreateSilence input) {
        return silence.endsAt() == input.endsAt() && silence.createdBy().equals(input.createdBy())
                && silence.maintenance() == (input.maintenance() || Silence.maintenanceComment(input.comment()))
                && java.util.Objects.equals(silence.comment(), input.comment())
                && silence.matchers().stream().map(m -> List.of(m.name(), m.value(), m.isRegex(), m.isEqual())).toList()
                        .equals(input.matchers().stream().map(m -> List.of(m.name(), m.value(), m.isRegex(),
                                m.isEqual())).toList());
    }

    private Silence expireSilence(ExpireSilence input) {
        Silence silence = silences.expire(input.id(), nowOrBefore(), input.by())
                .orElseThrow(() -> Rejected.notFound("no silence with id " + input.id()));
        LOG.infof("silence %s expired by %s", silence.id(), silence.expiredBy());
        planner.releaseHeld(nowOrBefore(), this::firing);
        evaluate(); // a maintenance window may end now
        return silence;
    }

    private Watch signOff(SignOff input) {
        Watch watch;
        try {
            watch = watches.signOff(input.deploymentId(), input.role(), input.by(), input.comment(), nowOrBefore());
        } catch (java.util.NoSuchElementException e) {
            throw Rejected.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("role", e.getMessage());
        } catch (IllegalStateException e) {
            throw Rejected.conflict(e.getMessage());
        }
        evaluate();
        return watch;
    }

    private Deployment register(RegisterDeployment input) {
        if (!Deployment.validId(input.id())) {
            throw Rejected.invalid("id", Deployment.ID_RULE);
        }
        if (deployments.find(input.id()).isPresent()) {
            throw Rejected.conflict("deployment '" + input.id() + "' is already registered");
        }
        // Backdating is refused on both clocks (unobserved time cannot make a watch succeed, but a start long ago
        // would still skip checkpoints and steps); on event time a start ahead of now is how replays register a
        // deployment before its samples, so only the wall clock bounds it.
        if (input.startedAt() != null && clock != null) {
            long now = clock.getNow();
            if (input.startedAt() < now - limits.startedAtMaxAgeMillis() || wallClock
                    && input.startedAt() > saturatedAdd(now, limits.startedAtMaxAheadMillis())) {
                throw Rejected.invalid("startedAt", "must lie between "
                        + io.tocsin.engine.fact.Durations.format(limits.startedAtMaxAgeMillis()) + " before and "
                        + io.tocsin.engine.fact.Durations.format(limits.startedAtMaxAheadMillis())
                        + " after engine time (" + java.time.Instant.ofEpochMilli(now)
                        + "; tocsin.limits.deployment-started-at.max-age, .max-ahead)");
            }
        }
        Deployment deployment = deployments.register(input.id(), input.version(),
                input.startedAt() != null ? input.startedAt() : nowOrBefore(), input.baseline(), input.steps());
        evaluate();
        return deployment;
    }

    private Deployment rollBack(RollBack input) {
        Deployment deployment = deployments.find(input.deploymentId())
                .orElseThrow(() -> Rejected.notFound("no deployment with id " + input.deploymentId()));
        if (deployment.getRollback() != null) {
            throw Rejected.conflict("deployment '" + input.deploymentId() + "' was already rolled back");
        }
        if (!deployment.isCurrent()) {
            throw Rejected.conflict("deployment '" + input.deploymentId() + "' is not the current deployment");
        }
        session.insert(new Rollback(deployment, input.reason(), input.by()));
        evaluate();
        return deployment;
    }

    private Watch closeWatch(CloseWatch input) {
        Watch watch;
        try {
            watch = watches.close(input.deploymentId(), input.reason() + " (by " + input.by() + ")", nowOrBefore());
        } catch (java.util.NoSuchElementException e) {
            throw Rejected.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw Rejected.conflict(e.getMessage());
        }
        evaluate();
        return watch;
    }

    /** An operator promotes a watched deployment now; the promotion is an operator action (no rule). */
    private Watch promote(PromoteDeployment input) {
        Deployment deployment = deployments.find(input.deploymentId())
                .orElseThrow(() -> Rejected.notFound("no deployment with id " + input.deploymentId()));
        if (deployment.getRollback() != null) {
            throw Rejected.conflict("deployment '" + input.deploymentId() + "' was rolled back");
        }
        int traffic;
        try {
            traffic = watches.promote(input.deploymentId(), input.traffic(), input.reason() + " (by " + input.by()
                    + ")", nowOrBefore());
        } catch (java.util.NoSuchElementException e) {
            throw Rejected.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("traffic", e.getMessage());
        } catch (IllegalStateException e) {
            throw Rejected.conflict(e.getMessage());
        }
        Watch watch = watches.of(input.deploymentId()).orElseThrow().watch();
        session.insert(new Promote(watch, traffic));
        evaluate();
        return watch;
    }

    /**
     * Records how a delivery stands; a final outcome goes back to the rules as an {@link ActionResult}, about the
     * alert it was for if that is still in the session.
     */
    private Integer retire(RetireRules input) {
        int resolved = lifecycle.retire(Set.copyOf(input.rules()), nowOrBefore());
        evaluate();
        return resolved;
    }

    /** Records delivery states; the final ones reach the rules as {@code ActionResult}s, in one evaluation. */
    private Void delivered(List<DeliveryState> states) {
        boolean results = false;
        for (DeliveryState state : states) {
            results |= delivered(state);
        }
        if (results) {
            evaluate();
        }
        return null;
    }

    private boolean delivered(DeliveryState state) {
        Optional<ActionHistory.Entry> before = actionHistory.get(state.actionId());
        if (before.isEmpty()) {
            LOG.debugf("delivery state of unknown action #%d ignored", state.actionId());
            return false;
        }
        if (before.get().state().outcome() != null) {
            // final already: an outcome reported again (after the log was reopened) changes nothing
            LOG.debugf("delivery state of action #%d is final already; %s ignored", state.actionId(),
                    state.status().wire());
            return false;
        }
        actionHistory.update(state);
        if (state.outcome() == null) {
            return false;
        }
        Action action = before.get().action();
        int attempt = action instanceof Action.Remediate r ? r.attempt() : 1;
        Integer exitCode = state.command() == null ? null : state.command().exitCode();
        Alert alert = action.alert() == null ? null : lifecycle.find(action.alert().id()).orElse(null);
        session.insert(new ActionResult(Long.toString(action.id()), action.type(), action.receiver(),
                action.destination(), alert, attempt, state.outcome(), exitCode, nowOrBefore(), action.deployment()));
        return true;
    }

    private long nowOrBefore() {
        return clock == null ? BEFORE_TIME : clock.getNow();
    }

    /**
     * One evaluation at engine time {@code now}, in two steps. First the series (and staleness) are brought to
     * {@code now} and settled while the {@link Clock} fact still shows the previous time: conditions update and
     * the alert lifecycle runs at {@code now}. Only then does the clock fact move and everything settle again.
     * So a rule that reacts to time ("30 seconds after the alert became active") never sees the new time
     * together with an alert state that is about to change in the same evaluation.
     */
    private void evaluate(long now) {
        if (series.sync(now)) {
            lifecycle.valuesMoved(series.moved()); // only alerts on these series read their values again
        }
        if (trends.refresh(now)) {
            lifecycle.valuesMoved();
        }
        requests.now(now);
        requests.expire(now, resultRetentionMillis);
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
        planner.releaseHeld(now, this::firing);
        publishCounts();
        AlertLifecycle.flushLog();
    }

    private Optional<Alert> firing(String alertId) {
        return lifecycle.find(alertId).filter(Alert::isFiring);
    }

    /** Evaluates operator input or a fed-back result at the current engine time (or before time started). */
    private void evaluate() {
        if (clock == null) {
            settle(BEFORE_TIME);
            publishCounts();
        } else {
            evaluate(clock.getNow());
        }
    }

    /** Fires rules, hands on their actions and runs the lifecycle until nothing changes. */
    private void settle(long now) {
        for (int round = 0;; round++) {
            maintenance.refresh(now, lifecycle.activeView()); // before rules fire: they skip what is in maintenance
            fire();
            boolean changed = handOnActions(now);
            changed |= watches.record(now, lifecycle::active);
            changed |= lifecycle.evaluate(now, conditions);
            changed |= maintenance.refresh(now, lifecycle.activeView());
            List<Alert> transitions = lifecycle.drainTransitions();
            for (Alert alert : transitions) {
                if (alert.isResolved()) {
                    planner.resolveEscalations(alert, requests.escalations(alert), now);
                }
            }
            sla.alerts(now, transitions);
            watches.assess(now, conditions.held(), transitions, catalog.successCriteria(), maintenanceAt(now));
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
     * Plans what rules requested; returns whether that changed facts (a rollback decision). One action that fails
     * to be planned is logged and does not stop the others.
     */
    private boolean handOnActions(long now) {
        boolean changed = false;
        for (ActionTracker.Inserted inserted : requests.drain()) {
            try {
                if (inserted.request() instanceof Rollback rollback) {
                    if (rollback.getDeployment().getRollback() != null) {
                        LOG.warnf("ignored a second rollback of deployment '%s' (%s)",
                                rollback.getDeployment().getId(), rollback.getReason());
                        continue;
                    }
                    deployments.decided(rollback, now);
                    evidence.preserve(rollback.getDeployment(), now, lifecycle.active(), watches);
                    changed = true;
                }
                RuleInfo rule = inserted.ruleId() == null ? null : catalog.byId(inserted.ruleId());
                watches.counted(inserted.request(), now);
                planner.plan(inserted.request(), rule, now);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.errorf(e, "could not plan %s %s", inserted.request().getType(), inserted.request());
            }
        }
        return changed;
    }

    private void fire() {
        int fired = activePacks == null ? session.fireAllRules(MAX_FIRINGS_PER_PASS)
                : session.fireAllRules(activePacks, MAX_FIRINGS_PER_PASS);
        dormant.afterFire();
        if (fired == MAX_FIRINGS_PER_PASS) {
            LOG.errorf("rules fired %d times in one pass: a rule is probably looping (modify without a guard)",
                    fired);
        }
    }

    private void publishCounts() {
        Counts last = counts;
        if (lifecycle.version() != countedVersion) {
            countedVersion = lifecycle.version();
            int[] pendingBy = lifecycle.pendingByPriority();
            int[] firingBy = lifecycle.firingByPriority();
            last = new Counts(0, 0, java.util.Arrays.stream(pendingBy).sum(), java.util.Arrays.stream(firingBy).sum(),
                    0, pendingBy, firingBy);
        }
        counts = new Counts(series.currentCount(), series.staleCount(), last.pending(), last.firing(),
                lifecycle.resolvedCount(), last.pendingByPriority(), last.firingByPriority());
    }

    /**
     * Alerts that went {@code to} ({@code pending}, {@code firing}, {@code resolved}, {@code dropped}: ended while
     * pending) since the process started, in every engine it ran (rule reloads and journal replay included).
     */
    public static long alertTransitions(String to) {
        return AlertLifecycle.TOTALS.get(AlertLifecycle.Transition.valueOf(to.toUpperCase(java.util.Locale.ROOT)))
                .sum();
    }

    /** The engine's series as a rollback's evidence sees them (for tests). */
    EvidenceCollector.SeriesLookup seriesLookup() {
        return series;
    }

    /** Samples that moved their series in place without reaching the rules ({@link ValueTriggers}). */
    long silentUpdates() {
        return series.silentUpdates();
    }

    /** Entries in the lifecycle's queue of pending alerts (tests). */
    int dueQueueSize() {
        return lifecycle.dueQueueSize();
    }

    /** Engine time in epoch milliseconds; empty until the first sample, clock advance or tick. */
    @Override
    public OptionalLong now() {
        return clock == null ? OptionalLong.empty() : OptionalLong.of(clock.getNow());
    }

    @Override
    public boolean wallClock() {
        return wallClock;
    }

    /** Pending and firing alerts, oldest first. */
    @Override
    public List<Alert> activeAlerts() {
        return lifecycle.active();
    }

    /** Alerts resolved within the resolved retention, oldest first. */
    @Override
    public List<Alert> resolvedAlerts() {
        return lifecycle.resolved();
    }

    /** Rollback criteria currently pending or met. */
    @Override
    public List<Criterion> criteria() {
        return lifecycle.criteria();
    }

    @Override
    public List<Deployment> deployments() {
        return deployments.all();
    }

    /** The watch of a registered deployment and what it recorded. */
    @Override
    public Optional<WatchLog> watch(String deploymentId) {
        return watches.of(deploymentId);
    }

    /** Silences, including those expired within the last five days, oldest first. */
    @Override
    public List<Silence> silences() {
        silences.prune(nowOrBefore());
        return silences.all();
    }

    @Override
    public ActionHistory actionHistory() {
        return actionHistory;
    }

    /** The audit trail of operator actions, oldest first. */
    @Override
    public List<AuditEntry> audit() {
        return audit.all();
    }

    @Override
    public Set<String> activePacks() {
        return packs;
    }

    @Override
    public RuleCatalog catalog() {
        return catalog;
    }

    public Counts counts() {
        return counts;
    }

    /** Facts of one type in the session; for tests that check nothing piles up. */
    public long count(Class<?> type) {
        return session.getObjects(type::isInstance).size();
    }

    /** Facts of one type in the session; for tests. */
    <T> List<T> facts(Class<T> type) {
        return session.getObjects(type::isInstance).stream().map(type::cast).toList();
    }

    /** Facts of one type in the session that match {@code filter}; for tests. */
    public <T> long count(Class<T> type, java.util.function.Predicate<T> filter) {
        return session.getObjects(o -> type.isInstance(o) && filter.test(type.cast(o))).size();
    }

    /** How often each rule (package-qualified name) has fired in this session; safe from any thread. */
    @Override
    public long firings(String ruleId) {
        LongAdder count = firings.get(ruleId);
        return count == null ? 0 : count.sum();
    }

    /** What the rules will do about the open alerts as time passes if nothing else changes ({@link Foresight}). */
    @Override
    public List<Foresight.Reaction> foreseen() {
        return foresight.foresee(clock);
    }

    private io.tocsin.watch.WatchSummary summary(Watch watch, long now) {
        return watches.summary(watch.getDeploymentId(), now);
    }

    /** What the watches see of maintenance windows at {@code now}. */
    private io.tocsin.watch.MaintenanceView maintenanceAt(long now) {
        return new io.tocsin.watch.MaintenanceView() {
            @Override
            public List<io.tocsin.engine.fact.Maintenance> open() {
                return maintenance.open();
            }

            @Override
            public boolean covers(String name, Map<String, String> labels) {
                return silences.maintaining(name, labels, now).isPresent();
            }
        };
    }

    /** The SLA ledgers of the packs that declare an SLA. */
    @Override
    public SlaLedger sla() {
        return sla;
    }

    /** The per-minute series history the open watches keep. */
    @Override
    public History history() {
        return history;
    }

    @Override
    public void close() {
        session.dispose();
    }
}
