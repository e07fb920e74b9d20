package io.tocsin.engine;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Condition;
import io.tocsin.engine.fact.Criterion;
import io.tocsin.engine.fact.HeldCondition;
import io.tocsin.engine.fact.Observation;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.Labels;
import io.tocsin.engine.fact.Priority;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.engine.state.EngineState;
import io.tocsin.engine.fact.AlertState;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import io.tocsin.logging.ThrottledLog;
import org.jboss.logging.Logger;
import org.kie.api.runtime.KieSession;

/**
 * Prometheus' alert state machine over the conditions rules hold, run once per evaluation at engine time
 * {@code now}:
 * <ul>
 * <li>a condition that starts to hold opens a <em>pending</em> alert with {@code activeAt = now};</li>
 * <li>a pending alert whose condition still holds becomes <em>firing</em> at the first evaluation where
 * {@code now - activeAt >= for} (at once for {@code for = 0});</li>
 * <li>a pending alert whose condition ends is dropped without notice; a firing one is <em>resolved</em> and
 * kept for the resolved retention, then removed.</li>
 * </ul>
 * The same machine follows rollback criteria ({@code @criterion} rules), which are dropped at once when they
 * stop holding instead of being kept as resolved. Alerts and criteria are facts in the session, so rules
 * (routing, escalation, rollback) react to their state. Only state changes update the fact; the value is
 * refreshed silently so a breaching series does not re-trigger those rules on every sample.
 */
final class AlertLifecycle {

    private static final Logger LOG = Logger.getLogger(AlertLifecycle.class);
    /** Transitions one by one while they are few; in a storm, 20 per 10 s and a count of the rest. */
    private static final ThrottledLog TRANSITIONS = new ThrottledLog(LOG, 20, 10_000, "alert transitions",
            "GET /api/v1/alerts");

    /** What can happen to an alert; counted for {@code tocsin_alert_transitions_total}. */
    enum Transition {
        PENDING, FIRING, RESOLVED, DROPPED
    }

    /** Alert transitions since the process started (all engines, reloads and journal replay included). */
    static final Map<Transition, LongAdder> TOTALS = new EnumMap<>(Transition.class);

    static {
        for (Transition t : Transition.values()) {
            TOTALS.put(t, new LongAdder());
        }
    }

    private final KieSession session;
    private final RuleCatalog catalog;
    private final long resolvedRetentionMillis;
    private final Consumer<Alert> onRemoved;
    /** Pending and firing alerts and criteria, oldest first, each with the condition that holds it. */
    private final Map<HeldKey, Slot> active = new LinkedHashMap<>();
    private final Deque<Alert> resolved = new ArrayDeque<>();
    /** Pending, firing and listed resolved alerts by id (results and acknowledgements look them up). */
    private final Map<String, Alert> byId = new java.util.HashMap<>();
    /** Alerts that started firing or were resolved since the last {@link #drainTransitions()}. */
    private final List<Alert> transitions = new ArrayList<>();
    /**
     * Series and trends were brought to a new time, so the values of held conditions may have moved. They change
     * only then (or when another condition takes an alert over), so the other settling rounds skip reading them.
     */
    private boolean valuesMoved = true;
    /** The series that moved, when only they did (null: read every active alert's value). */
    private final List<Observation> moved = new ArrayList<>();
    private boolean onlyMoved;
    /** Active alerts and criteria by the series or trend that holds them, for reading only the values that moved. */
    private final IdentityHashMap<Observation, List<Slot>> byObservation = new IdentityHashMap<>();
    private long version;
    /** Active alerts by state and priority (indexed by {@code Priority.ordinal()}), kept as they change. */
    private final int[] pendingBy = new int[io.tocsin.engine.fact.Priority.values().length];
    private final int[] firingBy = new int[io.tocsin.engine.fact.Priority.values().length];
    /** Pending alerts and criteria by when their for runs out (left in place when they go; skipped then). */
    private final PriorityQueue<Slot> due = new PriorityQueue<>(
            Comparator.comparingLong((Slot s) -> s.dueAt).thenComparingLong(s -> s.opened));
    private long opened;
    /** Slots in {@link #due} that left the active ones (skipped when polled; compacted when they pile up). */
    private int goneInDue;
    /** After a restore the next evaluation looks at every alert: those no rule holds again end then. */
    private boolean recheckAll;
    /** Rules about to be unloaded: their conditions no longer raise anything. */
    private final Set<String> retired = new HashSet<>();

    /** An active alert or criterion and the condition holding it now (null once it stopped holding). */
    private static final class Slot {
        final HeldKey key;
        final HeldCondition held;
        final long opened; // order of opening (or of restoring)
        final long dueAt; // when its for runs out: activeAt + for
        Condition holder;
        Observation linked; // what holder holds it on, while listed under it in byObservation
        boolean queued; // in due
        boolean gone; // left the active alerts

        Slot(HeldKey key, HeldCondition held, long opened) {
            this.key = key;
            this.held = held;
            this.opened = opened;
            long forMillis = held.getRule().forMillis();
            this.dueAt = forMillis > Long.MAX_VALUE - held.getActiveAt() ? Long.MAX_VALUE // a for beyond all time
                    : held.getActiveAt() + forMillis;
        }
    }

    private static final Comparator<Slot> BY_OPENING = Comparator.comparingLong(s -> s.opened);

    /**
     * A slot leaves the active ones. One still waiting in {@link #due} is left there (removing it would cost a
     * walk of the queue) and skipped when its time comes; once such leftovers outnumber the live entries (alerts
     * that flap within a long {@code for}), the queue is compacted, so it never holds more than twice what lives.
     */
    private void leave(Slot slot) {
        count(slot.held, -1);
        slot.gone = true;
        hold(slot, null);
        if (slot.queued && ++goneInDue > 64 && goneInDue > due.size() / 2) {
            due.removeIf(s -> {
                if (s.gone) {
                    s.queued = false;
                }
                return s.gone;
            });
            goneInDue = 0;
        }
    }

    /** Adds an alert or criterion to the active ones; a pending one is due to fire when its for runs out. */
    private Slot open(HeldKey key, HeldCondition held) {
        Slot slot = new Slot(key, held, opened++);
        active.put(key, slot);
        count(held, 1);
        if (held.isPending()) {
            slot.queued = true;
            due.add(slot);
        }
        return slot;
    }

    /** {@code onRemoved} hears of every alert that leaves the session, to remove what belongs to it. */
    AlertLifecycle(KieSession session, RuleCatalog catalog, long resolvedRetentionMillis, Consumer<Alert> onRemoved) {
        this.session = session;
        this.catalog = catalog;
        this.resolvedRetentionMillis = resolvedRetentionMillis;
        this.onRemoved = onRemoved;
    }

    /**
     * Applies one evaluation; returns whether any alert changed state (so reacting rules must run). Work is in
     * proportion to what changed: the conditions inserted or retracted since the last evaluation and the pending
     * alerts whose {@code for} ran out, taken in the order they became active; plus, once per evaluation in which
     * series moved, a pass over the active alerts for their values.
     */
    boolean evaluate(long now, ConditionTracker conditions) {
        boolean changed = false;
        List<Slot> touched = new ArrayList<>();
        for (HeldKey key : conditions.drainChanges()) {
            Condition condition = conditions.get(key);
            Slot slot = active.get(key);
            if (slot != null) {
                hold(slot, condition); // null: it stopped holding; resolved or dropped below
                if (condition != null) {
                    slot.held.observe(condition.observation());
                } else {
                    touched.add(slot);
                }
            } else if (condition != null) {
                changed |= raise(key, condition, now);
            }
        }
        if (valuesMoved) { // silently: a breach must not re-trigger rules
            valuesMoved = false;
            readValues();
        }
        if (recheckAll) { // restored: whatever its rule no longer holds ends now
            recheckAll = false;
            touched = new ArrayList<>(active.values());
        } else {
            while (!due.isEmpty() && due.peek().dueAt <= now) {
                Slot slot = due.poll();
                slot.queued = false;
                if (!slot.gone) {
                    touched.add(slot);
                } else {
                    goneInDue--;
                }
            }
            touched.sort(BY_OPENING); // the order the alerts became active, as a full walk would meet them
        }
        Slot previous = null;
        for (Slot slot : touched) {
            if (slot == previous || slot.gone) {
                continue;
            }
            previous = slot;
            if (slot.holder == null) {
                end(slot, now);
                changed = true;
            } else if (slot.held.isPending() && now >= slot.dueAt) {
                fire(slot, now);
                changed = true;
            }
        }
        while (!resolved.isEmpty() && now - resolved.peekFirst().getResolvedAt() > resolvedRetentionMillis) {
            remove(resolved.pollFirst());
        }
        if (changed) {
            version++;
        }
        return changed;
    }

    // The steps of an evaluation are methods of their own so that the JIT can compile them apart (it did for raise,
    // readValues and end; fire it inlines): each inlines Drools' insert or update, and a storm reaches their rarer
    // branches late; a trap in one then recompiles that one, not the whole evaluation (docs/performance.md, "Where
    // the JIT's time goes in the storm").

    /** A condition with no active alert: opens a pending alert or criterion for it; returns whether it did. */
    private boolean raise(HeldKey key, Condition condition, long now) {
        if (!retired.isEmpty() && retired.contains(condition.getRuleId())) {
            return false;
        }
        RuleInfo rule = catalog.byId(condition.getRuleId());
        if (rule != null && rule.isSuccessCriterion()) {
            return false; // a watch's success criterion: the watch ledger follows it, not the alert lifecycle
        }
        if (rule == null || !rule.holdsConditions()) {
            LOG.errorf("rule '%s' holds a Condition but has neither @alert nor @criterion; ignored",
                    condition.getRuleName());
            return false;
        }
        HeldCondition alert = rule.raisesAlert() ? new Alert(rule, condition.getLabels(), now, condition.getValue())
                : new Criterion(rule, condition.getLabels(), now, condition.getValue());
        Slot created = open(key, alert);
        hold(created, condition);
        session.insert(alert);
        if (alert instanceof Alert a) {
            byId.put(a.getId(), a);
            TOTALS.get(Transition.PENDING).increment();
        }
        TRANSITIONS.info("pending", () -> String.format("%s %s%s pending (rule '%s', for %s)",
                alert instanceof Alert ? "alert" : "criterion", alert.getName(),
                Labels.format(alert.getLabels()), rule.name(), Durations.format(rule.forMillis())));
        return true;
    }

    /** Refreshes the values of held alerts from what they are held on: only what moved, when that is known. */
    private void readValues() {
        if (onlyMoved) {
            for (Observation observation : moved) {
                List<Slot> slots = byObservation.get(observation);
                if (slots != null) {
                    for (Slot slot : slots) {
                        slot.held.observe(observation);
                    }
                }
            }
        } else {
            for (Slot slot : active.values()) {
                if (slot.holder != null) {
                    slot.held.observe(slot.holder.observation());
                }
            }
        }
        moved.clear();
    }

    /** A pending alert or criterion whose for ran out while its condition holds: firing (met). */
    private void fire(Slot slot, long now) {
        HeldCondition alert = slot.held;
        count(alert, -1);
        alert.fire(now);
        count(alert, 1);
        session.update(session.getFactHandle(alert), alert);
        if (alert instanceof Alert a) {
            transitions.add(a);
            TOTALS.get(Transition.FIRING).increment();
        }
        TRANSITIONS.info(alert instanceof Alert ? "firing" : "met", () -> String.format("%s %s%s %s (value %s)",
                alert instanceof Alert ? "alert" : "criterion", alert.getName(),
                Labels.format(alert.getLabels()), alert instanceof Alert ? "firing" : "met", alert.getValue()));
    }

    /** An alert or criterion whose condition stopped holding: a firing alert is resolved, the rest dropped. */
    private void end(Slot slot, long now) {
        HeldCondition alert = slot.held;
        active.remove(slot.key);
        leave(slot);
        if (alert instanceof Alert resolvable && alert.isFiring()) {
            alert.resolve(now);
            session.update(session.getFactHandle(alert), alert);
            resolved.addLast(resolvable);
            transitions.add(resolvable);
            TOTALS.get(Transition.RESOLVED).increment();
            TRANSITIONS.info("resolved", () -> "alert " + alert.getName() + Labels.format(alert.getLabels())
                    + " resolved");
        } else {
            remove(alert);
            if (alert instanceof Alert) {
                TOTALS.get(Transition.DROPPED).increment();
            }
            TRANSITIONS.info("ended while pending", () -> String.format("%s %s%s ended while %s",
                    alert instanceof Alert ? "alert" : "criterion", alert.getName(),
                    Labels.format(alert.getLabels()), alert.getState().wireName()));
        }
    }

    /** Counts an active alert in (+1) or out (-1) under its current state. */
    private void count(HeldCondition held, int delta) {
        if (held instanceof Alert alert) {
            if (alert.isPending()) {
                pendingBy[alert.getPriority().ordinal()] += delta;
            } else if (alert.isFiring()) {
                firingBy[alert.getPriority().ordinal()] += delta;
            }
        }
    }

    /** Pending alerts by priority ({@code Priority.ordinal()}), a copy. */
    int[] pendingByPriority() {
        return pendingBy.clone();
    }

    /** Firing alerts by priority ({@code Priority.ordinal()}), a copy. */
    int[] firingByPriority() {
        return firingBy.clone();
    }

    /** Entries waiting in the queue of pending alerts, live or left (tests: it must not grow without bound). */
    int dueQueueSize() {
        return due.size();
    }

    /** Changes whenever an alert or criterion opens, changes state or leaves (gauges recount only then). */
    long version() {
        return version;
    }

    /** Series or trends moved: the next evaluation reads the values of active alerts and criteria again. */
    void valuesMoved() {
        valuesMoved = true;
        onlyMoved = false;
        moved.clear();
    }

    /** Only these series moved: the next evaluation reads the values of the alerts and criteria they hold. */
    void valuesMoved(List<? extends Observation> series) {
        if (valuesMoved && !onlyMoved) {
            return; // everything is read already
        }
        valuesMoved = true;
        onlyMoved = true;
        moved.addAll(series);
    }

    /** Sets what holds a slot now, keeping it listed under the series or trend it is held on. */
    private void hold(Slot slot, Condition condition) {
        slot.holder = condition;
        Observation on = condition == null ? null : condition.observation();
        if (slot.linked == on) {
            return;
        }
        if (slot.linked != null) {
            List<Slot> slots = byObservation.get(slot.linked);
            slots.remove(slot);
            if (slots.isEmpty()) {
                byObservation.remove(slot.linked);
            }
        }
        slot.linked = on;
        if (on != null) {
            byObservation.computeIfAbsent(on, o -> new ArrayList<>(2)).add(slot);
        }
    }

    /**
     * Ends the alerts and criteria of {@code rules} now (before a reload that drops them): firing alerts are
     * resolved, anything else is removed; those rules raise nothing from now on. Returns how many were resolved.
     */
    int retire(Set<String> rules, long now) {
        retired.addAll(rules);
        version++;
        int count = 0;
        for (Iterator<Slot> it = active.values().iterator(); it.hasNext();) {
            Slot slot = it.next();
            HeldCondition held = slot.held;
            if (!rules.contains(held.getRule().id())) {
                continue;
            }
            it.remove();
            leave(slot);
            if (held instanceof Alert alert && alert.isFiring()) {
                TOTALS.get(Transition.RESOLVED).increment();
                alert.resolve(now);
                session.update(session.getFactHandle(alert), alert);
                resolved.addLast(alert);
                transitions.add(alert);
                count++;
                LOG.infof("alert %s%s resolved: its rule '%s' is removed", alert.getName(),
                        Labels.format(alert.getLabels()), alert.getRule().name());
            } else {
                if (held instanceof Alert) {
                    TOTALS.get(Transition.DROPPED).increment();
                }
                remove(held);
            }
        }
        return count;
    }

    /** Prints the summary of transitions left out of the log, once its window is over. */
    static void flushLog() {
        TRANSITIONS.flush();
    }

    /** The alerts that started firing or were resolved since the last call, in that order. */
    List<Alert> drainTransitions() {
        if (transitions.isEmpty()) {
            return List.of();
        }
        List<Alert> out = List.copyOf(transitions);
        transitions.clear();
        return out;
    }

    private void remove(HeldCondition held) {
        session.delete(session.getFactHandle(held));
        if (held instanceof Alert alert) {
            byId.remove(alert.getId());
            onRemoved.accept(alert);
        }
    }

    /** Pending and firing alerts, oldest first. */
    List<Alert> active() {
        List<Alert> alerts = new ArrayList<>();
        for (Slot slot : active.values()) {
            if (slot.held instanceof Alert alert) {
                alerts.add(alert);
            }
        }
        return alerts;
    }

    /** Pending and met rollback criteria, oldest first. */
    List<Criterion> criteria() {
        List<Criterion> criteria = new ArrayList<>();
        for (Slot slot : active.values()) {
            if (slot.held instanceof Criterion criterion) {
                criteria.add(criterion);
            }
        }
        return criteria;
    }

    /** Iterates pending and firing alerts and criteria without copying. */
    Iterable<HeldCondition> activeView() {
        return () -> active.values().stream().map(s -> s.held).iterator();
    }

    /** The pending and firing alerts and criteria, then the recently resolved alerts, as data. */
    List<EngineState.HeldState> capture(boolean resolvedOnes) {
        List<EngineState.HeldState> out = new ArrayList<>();
        for (HeldCondition held : resolvedOnes ? new ArrayList<HeldCondition>(resolved)
                : active.values().stream().map(s -> s.held).toList()) {
            Alert.Acknowledgement ack = held instanceof Alert a ? a.getAcknowledgement() : null;
            RuleInfo r = held.getRule();
            out.add(new EngineState.HeldState(r.id(), held.getLabels(), held.getActiveAt(),
                    held.getState().wireName(), held.getFiredAt(), held.getResolvedAt(), held.getValue(),
                    ack == null ? null : new EngineState.AckState(ack.by(), ack.comment(), ack.at()),
                    resolvedOnes ? new EngineState.AlertRuleState(r.pack(), r.name(), r.file(), r.line(), r.alert(),
                            r.forMillis(), r.priority() == null ? null : r.priority().name(), r.summary(),
                            r.runbook()) : null));
        }
        return out;
    }

    /**
     * Puts back alerts and criteria saved before a restart (or a rule reload), with their ids and times, before
     * anything else happens. Those of rules that no longer hold conditions are left out (a reload resolves them
     * under the old rules first).
     */
    void restore(List<EngineState.HeldState> saved, List<EngineState.HeldState> savedResolved) {
        version++;
        for (EngineState.HeldState h : saved) {
            RuleInfo rule = catalog.byId(h.rule());
            if (rule == null || !rule.holdsConditions()) {
                LOG.warnf("%s%s of rule '%s', which no longer holds conditions, left out", h.state(),
                        Labels.format(h.labels()), h.rule());
                continue;
            }
            HeldCondition held = instantiate(rule, h);
            held.restore(AlertState.valueOf(h.state().toUpperCase(java.util.Locale.ROOT)), h.firedAt(),
                    h.resolvedAt());
            open(HeldKey.of(rule.id(), h.labels()), held); // held again once its rule says so
            recheckAll = true;
            session.insert(held);
            if (held instanceof Alert a) {
                byId.put(a.getId(), a);
            }
        }
        for (EngineState.HeldState h : savedResolved) {
            RuleInfo rule = catalog.byId(h.rule());
            if (rule == null && h.ruleInfo() != null) { // its rule was removed: listed until the retention ends
                EngineState.AlertRuleState r = h.ruleInfo();
                rule = new RuleInfo(h.rule(), r.pack(), r.name(), r.file(), r.line(), r.alert(), null, r.forMillis(),
                        r.priority() == null ? null : Priority.valueOf(r.priority()), r.summary(), r.runbook(), null,
                        0, null, List.of(), null, null, false, false, List.of(), null, null);
            }
            if (rule != null && rule.raisesAlert()) {
                Alert alert = (Alert) instantiate(rule, h);
                alert.restore(AlertState.RESOLVED, h.firedAt(), h.resolvedAt());
                resolved.addLast(alert);
                session.insert(alert);
                byId.put(alert.getId(), alert);
            }
        }
    }

    private static HeldCondition instantiate(RuleInfo rule, EngineState.HeldState h) {
        SortedMap<String, String> labels = new TreeMap<>(h.labels());
        if (rule.raisesAlert()) {
            Alert alert = new Alert(rule, labels, h.activeAt(), h.value());
            if (h.acknowledgement() != null) {
                alert.acknowledge(new Alert.Acknowledgement(h.acknowledgement().by(), h.acknowledgement().comment(),
                        h.acknowledgement().at()));
            }
            return alert;
        }
        return new Criterion(rule, labels, h.activeAt(), h.value());
    }

    /** The pending, firing or recently resolved alert with this id. */
    java.util.Optional<Alert> find(String id) {
        return java.util.Optional.ofNullable(byId.get(id));
    }

    int resolvedCount() {
        return resolved.size();
    }

    /** Resolved alerts still within the retention, oldest first. */
    List<Alert> resolved() {
        return new ArrayList<>(resolved);
    }
}
