package io.tocsin.engine;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Condition;
import io.tocsin.engine.fact.Criterion;
import io.tocsin.engine.fact.HeldCondition;
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
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
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

    private final KieSession session;
    private final RuleCatalog catalog;
    private final long resolvedRetentionMillis;
    private final Consumer<Alert> onRemoved;
    private final Map<HeldKey, HeldCondition> active = new LinkedHashMap<>();
    private final Deque<Alert> resolved = new ArrayDeque<>();
    /** Pending, firing and listed resolved alerts by id (results and acknowledgements look them up). */
    private final Map<String, Alert> byId = new java.util.HashMap<>();
    /** Alerts that started firing or were resolved since the last {@link #drainTransitions()}. */
    private final List<Alert> transitions = new ArrayList<>();
    /** Rules about to be unloaded: their conditions no longer raise anything. */
    private final Set<String> retired = new HashSet<>();

    /** {@code onRemoved} hears of every alert that leaves the session, to remove what belongs to it. */
    AlertLifecycle(KieSession session, RuleCatalog catalog, long resolvedRetentionMillis, Consumer<Alert> onRemoved) {
        this.session = session;
        this.catalog = catalog;
        this.resolvedRetentionMillis = resolvedRetentionMillis;
        this.onRemoved = onRemoved;
    }

    /** Applies one evaluation; returns whether any alert changed state (so reacting rules must run). */
    boolean evaluate(long now, ConditionTracker conditions) {
        boolean changed = false;
        for (Map.Entry<HeldKey, Condition> held : conditions.entries()) {
            Condition condition = held.getValue();
            if (!retired.isEmpty() && retired.contains(condition.getRuleId())) {
                continue;
            }
            HeldKey key = held.getKey();
            HeldCondition alert = active.get(key);
            if (alert == null) {
                RuleInfo rule = catalog.byId(condition.getRuleId());
                if (rule != null && rule.isSuccessCriterion()) {
                    continue; // a watch's success criterion: the watch ledger follows it, not the alert lifecycle
                }
                if (rule == null || !rule.holdsConditions()) {
                    LOG.errorf("rule '%s' holds a Condition but has neither @alert nor @criterion; ignored",
                            condition.getRuleName());
                    continue;
                }
                alert = rule.raisesAlert() ? new Alert(rule, condition.getLabels(), now, condition.getValue())
                        : new Criterion(rule, condition.getLabels(), now, condition.getValue());
                active.put(key, alert);
                session.insert(alert);
                if (alert instanceof Alert a) {
                    byId.put(a.getId(), a);
                }
                changed = true;
                HeldCondition pending = alert;
                TRANSITIONS.info("pending", () -> String.format("%s %s%s pending (rule '%s', for %s)",
                        pending instanceof Alert ? "alert" : "criterion", pending.getName(),
                        Labels.format(pending.getLabels()), rule.name(), Durations.format(rule.forMillis())));
            } else {
                alert.observe(condition.getValue());
            }
        }
        for (Iterator<Map.Entry<HeldKey, HeldCondition>> it = active.entrySet().iterator(); it.hasNext();) {
            Map.Entry<HeldKey, HeldCondition> entry = it.next();
            HeldCondition alert = entry.getValue();
            boolean holds = conditions.get(entry.getKey()) != null;
            if (holds && alert.isPending() && now - alert.getActiveAt() >= alert.getRule().forMillis()) {
                alert.fire(now);
                session.update(session.getFactHandle(alert), alert);
                if (alert instanceof Alert a) {
                    transitions.add(a);
                }
                changed = true;
                TRANSITIONS.info(alert instanceof Alert ? "firing" : "met", () -> String.format("%s %s%s %s (value %s)",
                        alert instanceof Alert ? "alert" : "criterion", alert.getName(),
                        Labels.format(alert.getLabels()), alert instanceof Alert ? "firing" : "met", alert.getValue()));
            } else if (!holds) {
                it.remove();
                changed = true;
                if (alert instanceof Alert resolvable && alert.isFiring()) {
                    alert.resolve(now);
                    session.update(session.getFactHandle(alert), alert);
                    resolved.addLast(resolvable);
                    transitions.add(resolvable);
                    TRANSITIONS.info("resolved", () -> "alert " + alert.getName() + Labels.format(alert.getLabels())
                            + " resolved");
                } else {
                    remove(alert);
                    TRANSITIONS.info("ended while pending", () -> String.format("%s %s%s ended while %s",
                            alert instanceof Alert ? "alert" : "criterion", alert.getName(),
                            Labels.format(alert.getLabels()), alert.getState().wireName()));
                }
            }
        }
        while (!resolved.isEmpty() && now - resolved.peekFirst().getResolvedAt() > resolvedRetentionMillis) {
            remove(resolved.pollFirst());
        }
        return changed;
    }

    /**
     * Ends the alerts and criteria of {@code rules} now (before a reload that drops them): firing alerts are
     * resolved, anything else is removed; those rules raise nothing from now on. Returns how many were resolved.
     */
    int retire(Set<String> rules, long now) {
        retired.addAll(rules);
        int count = 0;
        for (Iterator<Map.Entry<HeldKey, HeldCondition>> it = active.entrySet().iterator(); it.hasNext();) {
            HeldCondition held = it.next().getValue();
            if (!rules.contains(held.getRule().id())) {
                continue;
            }
            it.remove();
            if (held instanceof Alert alert && alert.isFiring()) {
                alert.resolve(now);
                session.update(session.getFactHandle(alert), alert);
                resolved.addLast(alert);
                transitions.add(alert);
                count++;
                LOG.infof("alert %s%s resolved: its rule '%s' is removed", alert.getName(),
                        Labels.format(alert.getLabels()), alert.getRule().name());
            } else {
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
        for (HeldCondition held : active.values()) {
            if (held instanceof Alert alert) {
                alerts.add(alert);
            }
        }
        return alerts;
    }

    /** Pending and met rollback criteria, oldest first. */
    List<Criterion> criteria() {
        List<Criterion> criteria = new ArrayList<>();
        for (HeldCondition held : active.values()) {
            if (held instanceof Criterion criterion) {
                criteria.add(criterion);
            }
        }
        return criteria;
    }

    /** Iterates pending and firing alerts and criteria without copying. */
    Iterable<HeldCondition> activeView() {
        return active.values();
    }

    /** The pending and firing alerts and criteria, then the recently resolved alerts, as data. */
    List<EngineState.HeldState> capture(boolean resolvedOnes) {
        List<EngineState.HeldState> out = new ArrayList<>();
        for (HeldCondition held : resolvedOnes ? new ArrayList<HeldCondition>(resolved) : active.values()) {
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
            active.put(HeldKey.of(rule.id(), h.labels()), held);
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
                        0, null, List.of(), null, null, false, List.of(), null, null);
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
