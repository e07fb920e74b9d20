package io.tocsin.engine;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Condition;
import io.tocsin.engine.fact.Labels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Alerts are facts in the session, so rules (routing, escalation) react to their state. Only state changes
 * update the fact; the value is refreshed silently so a breaching series does not re-trigger those rules on
 * every sample.
 */
final class AlertLifecycle {

    private static final Logger LOG = Logger.getLogger(AlertLifecycle.class);

    private final KieSession session;
    private final RuleCatalog catalog;
    private final long resolvedRetentionMillis;
    private final Map<Condition, Alert> active = new LinkedHashMap<>();
    private final Deque<Alert> resolved = new ArrayDeque<>();

    AlertLifecycle(KieSession session, RuleCatalog catalog, long resolvedRetentionMillis) {
        this.session = session;
        this.catalog = catalog;
        this.resolvedRetentionMillis = resolvedRetentionMillis;
    }

    /** Applies one evaluation; returns whether any alert changed state (so reacting rules must run). */
    boolean evaluate(long now, ConditionTracker conditions) {
        boolean changed = false;
        for (Condition condition : conditions.held()) {
            Alert alert = active.get(condition);
            if (alert == null) {
                RuleInfo rule = catalog.byId(condition.getRuleId());
                if (rule == null || !rule.raisesAlert()) {
                    LOG.errorf("rule '%s' holds a Condition but has no @alert metadata; ignored",
                            condition.getRuleName());
                    continue;
                }
                alert = new Alert(rule, condition.getLabels(), now, condition.getValue());
                active.put(condition, alert);
                session.insert(alert);
                changed = true;
                LOG.infof("alert %s%s pending (rule '%s', for %s)", alert.getName(),
                        Labels.format(alert.getLabels()), rule.name(), Durations.format(rule.forMillis()));
            } else {
                alert.observe(condition.getValue());
            }
        }
        for (Iterator<Map.Entry<Condition, Alert>> it = active.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Condition, Alert> entry = it.next();
            Alert alert = entry.getValue();
            boolean holds = conditions.holds(entry.getKey());
            if (holds && alert.isPending() && now - alert.getActiveAt() >= alert.getRule().forMillis()) {
                alert.fire(now);
                session.update(session.getFactHandle(alert), alert);
                changed = true;
                LOG.infof("alert %s%s firing (value %s)", alert.getName(), Labels.format(alert.getLabels()),
                        alert.getValue());
            } else if (!holds) {
                it.remove();
                changed = true;
                if (alert.isPending()) {
                    session.delete(session.getFactHandle(alert));
                    LOG.infof("alert %s%s dropped while pending", alert.getName(), Labels.format(alert.getLabels()));
                } else {
                    alert.resolve(now);
                    session.update(session.getFactHandle(alert), alert);
                    resolved.addLast(alert);
                    LOG.infof("alert %s%s resolved", alert.getName(), Labels.format(alert.getLabels()));
                }
            }
        }
        while (!resolved.isEmpty() && now - resolved.peekFirst().getResolvedAt() > resolvedRetentionMillis) {
            session.delete(session.getFactHandle(resolved.pollFirst()));
        }
        return changed;
    }

    /** Pending and firing alerts, oldest first. */
    List<Alert> active() {
        return new ArrayList<>(active.values());
    }

    /** Iterates pending and firing alerts without copying. */
    Iterable<Alert> activeView() {
        return active.values();
    }

    int resolvedCount() {
        return resolved.size();
    }

    /** Resolved alerts still within the retention, oldest first. */
    List<Alert> resolved() {
        return new ArrayList<>(resolved);
    }
}
