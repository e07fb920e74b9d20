package io.tocsin.engine;

import io.tocsin.engine.fact.ActionRequest;
import io.tocsin.engine.fact.ActionResult;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Escalate;
import io.tocsin.engine.fact.Notify;
import io.tocsin.engine.fact.Promote;
import io.tocsin.engine.fact.Remediate;
import io.tocsin.engine.fact.Rollback;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.state.EngineState;
import java.util.HashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Collects the actions rules insert, with the rule that inserted each, for the engine to hand on after the
 * pass; and keeps action and result facts from piling up. Facts about a live alert leave the session with
 * it; facts about no alert (a rollback and its announcements) or about an alert that has already left (the
 * result of a restart that finished after the outage ended) leave after the retention, in engine time.
 */
final class ActionTracker implements RuleRuntimeEventListener {

    /** An action as a rule inserted it; {@code ruleId} is null for operator requests. */
    record Inserted(ActionRequest request, String ruleId) {
    }

    private record Timed(FactHandle handle, long insertedAt) {
    }

    private final KieSession session;
    private final Deque<Inserted> fresh = new ArrayDeque<>();
    private final Map<Alert, List<FactHandle>> byAlert = new LinkedHashMap<>();
    private final Deque<Timed> unattached = new ArrayDeque<>();
    private long now;

    ActionTracker(KieSession session) {
        this.session = session;
    }

    /** The escalations rules asked for about this alert (they stay in the session while it does). */
    List<Escalate> escalations(Alert alert) {
        List<Escalate> out = new ArrayList<>();
        for (FactHandle handle : byAlert.getOrDefault(alert, List.of())) {
            if (session.getObject(handle) instanceof Escalate e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The engine time of the pass in progress, stamped on facts kept by time. */
    void now(long now) {
        this.now = now;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Object fact = event.getObject();
        if (fact instanceof ActionRequest request) {
            request.decided(now);
            fresh.add(new Inserted(request, event.getRule() == null ? null
                    : event.getRule().getPackageName() + "." + event.getRule().getName()));
            keep(request.getAlert(), event.getFactHandle());
        } else if (fact instanceof ActionResult result) {
            keep(result.getAlert(), event.getFactHandle());
        }
    }

    private void keep(Alert alert, FactHandle handle) {
        if (alert != null && session.getFactHandle(alert) != null) {
            byAlert.computeIfAbsent(alert, a -> new ArrayList<>()).add(handle);
        } else {
            unattached.addLast(new Timed(handle, now));
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // actions and results are immutable
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // removal is driven by purge() and expire()
    }

    /** What restoring facts needs to find: alerts by id, deployments and watches by deployment id. */
    interface Links {
        Alert alert(String id);

        Deployment deployment(String id);

        Watch watch(String deploymentId);
    }

    /**
     * The action and result facts in the session, as data: those about an alert, then those kept by time, oldest
     * first. Announcements of watch reports are left out (no rule waits on them).
     */
    List<EngineState.RequestState> captureRequests() {
        List<EngineState.RequestState> out = new ArrayList<>();
        byAlert.values().forEach(handles -> handles.forEach(h -> request(h, decidedAt(h), out)));
        unattached.forEach(t -> request(t.handle(), t.insertedAt(), out));
        return out;
    }

    /** When a fact about an alert was decided (kept in the snapshot, so rules that space attempts see it). */
    private long decidedAt(FactHandle handle) {
        return session.getObject(handle) instanceof ActionRequest r && r.getDecidedAt() != null ? r.getDecidedAt()
                : 0L;
    }

    List<EngineState.ResultState> captureResults() {
        List<EngineState.ResultState> out = new ArrayList<>();
        byAlert.values().forEach(handles -> handles.forEach(h -> result(h, out)));
        unattached.forEach(t -> result(t.handle(), out));
        return out;
    }

    private void request(FactHandle handle, long insertedAt, List<EngineState.RequestState> out) {
        Object fact = session.getObject(handle);
        String alert = fact instanceof ActionRequest r && r.getAlert() != null ? r.getAlert().getId() : null;
        if (fact instanceof Notify n && n.getSubject() == Notify.Subject.ALERT) {
            out.add(new EngineState.RequestState(n.getType(), null, alert, n.getReceiver(), n.getDestination(), null,
                    null, null, null, null, null, null, null, null, insertedAt));
        } else if (fact instanceof Notify n && n.getSubject() == Notify.Subject.ROLLBACK) {
            out.add(new EngineState.RequestState("announce-rollback", null, alert, n.getReceiver(),
                    n.getDestination(), null, null, null, null, n.getRollback().getDeployment().getId(), null, null,
                    null, null, insertedAt));
        } else if (fact instanceof Notify n && n.getSubject() == Notify.Subject.NOTE) {
            out.add(new EngineState.RequestState("note", null, alert, n.getReceiver(), n.getDestination(), n.getText(),
                    null, null, null, n.getDeployment() == null ? null : n.getDeployment().getId(), null, null, null,
                    null, insertedAt));
        } else if (fact instanceof Escalate e) {
            out.add(new EngineState.RequestState("escalate", null, alert, null, e.getTarget(), e.getReason(), null,
                    null, null, e.getDeployment() == null ? null : e.getDeployment().getId(), null, null, null, null,
                    insertedAt));
        } else if (fact instanceof Remediate r) {
            out.add(new EngineState.RequestState("remediate", null, alert, null, null, null, r.getCommand(),
                    r.getAttempt(), r.getParams(), r.getWatch() == null ? null : r.getWatch().getDeploymentId(), null,
                    null, null, null, insertedAt));
        } else if (fact instanceof Promote p) {
            out.add(new EngineState.RequestState("promote", null, null, null, null, null, null, null, null,
                    p.getWatch().getDeploymentId(), p.getTraffic(), null, null, null, insertedAt));
        } else if (fact instanceof Rollback r) {
            out.add(new EngineState.RequestState("rollback", null, null, null, null, r.getReason(), null, null, null,
                    r.getDeployment().getId(), null, null, null, r.getBy(), insertedAt));
        }
    }

    private void result(FactHandle handle, List<EngineState.ResultState> out) {
        if (session.getObject(handle) instanceof ActionResult r) {
            out.add(new EngineState.ResultState(r.getActionId(), r.getType(), r.getReceiver(), r.getDestination(),
                    r.getAlert() == null ? null : r.getAlert().getId(), r.getAttempt(), r.getOutcome(),
                    r.getExitCode(), r.getAt(), r.getDeployment()));
        }
    }

    /**
     * Puts back action and result facts saved before a restart, linked to the restored alerts, deployments and
     * watches; facts about something that is gone are left out. Nothing is planned again: they were decided.
     */
    void restore(List<EngineState.RequestState> requests, List<EngineState.ResultState> results, Links links) {
        Map<String, Rollback> rollbacks = new HashMap<>();
        for (EngineState.RequestState r : requests) {
            Alert alert = r.alert() == null ? null : links.alert(r.alert());
            if (r.alert() != null && alert == null) {
                continue;
            }
            Object fact = switch (r.kind()) {
                case "notify", "resolve" -> Notify.restored(alert, r.kind(), r.receiver(), r.destination());
                case "escalate" -> alert == null && r.deployment() != null
                        ? links.deployment(r.deployment()) == null ? null
                                : new Escalate(links.deployment(r.deployment()), r.destination(), r.reason())
                        : new Escalate(alert, r.destination(), r.reason());
                case "note" -> alert != null ? new Notify(alert, r.receiver(), r.destination(), r.reason())
                        : r.deployment() != null && links.deployment(r.deployment()) != null
                                ? new Notify(links.deployment(r.deployment()), r.receiver(), r.destination(),
                                        r.reason())
                                : null;
                case "remediate" -> r.deployment() != null && links.watch(r.deployment()) != null
                        ? new Remediate(links.watch(r.deployment()), r.command(), params(r.params()))
                        : alert == null ? null : new Remediate(alert, r.command(), r.attempt());
                case "promote" -> links.watch(r.deployment()) == null ? null
                        : new Promote(links.watch(r.deployment()), r.traffic());
                case "rollback" -> links.deployment(r.deployment()) == null ? null
                        : new Rollback(links.deployment(r.deployment()), r.reason(), r.by());
                case "announce-rollback" -> rollbacks.containsKey(r.deployment())
                        ? new Notify(rollbacks.get(r.deployment()), r.receiver(), r.destination()) : null;
                default -> null;
            };
            if (fact instanceof Rollback rollback) {
                rollbacks.put(r.deployment(), rollback);
            }
            if (fact != null) {
                now(r.insertedAt());
                session.insert(fact);
            }
        }
        for (EngineState.ResultState r : results) {
            Alert alert = r.alert() == null ? null : links.alert(r.alert());
            now(r.at());
            session.insert(new ActionResult(r.actionId(), r.type(), r.receiver(), r.destination(), alert, r.attempt(),
                    r.outcome(), r.exitCode(), r.at(), r.deployment()));
        }
        fresh.clear(); // decided before the restart
    }

    private static String[] params(Map<String, String> params) {
        List<String> flat = new ArrayList<>();
        if (params != null) {
            params.forEach((k, v) -> {
                flat.add(k);
                flat.add(v);
            });
        }
        return flat.toArray(new String[0]);
    }

    /** Actions inserted since the last call, oldest first. */
    List<Inserted> drain() {
        List<Inserted> out = new ArrayList<>(fresh);
        fresh.clear();
        return out;
    }

    /** Deletes the action and result facts of an alert that leaves the session. */
    void purge(Alert alert) {
        List<FactHandle> handles = byAlert.remove(alert);
        if (handles != null) {
            handles.forEach(session::delete);
        }
    }

    /** Deletes facts without a live alert once they are older than {@code retentionMillis}. */
    void expire(long now, long retentionMillis) {
        while (!unattached.isEmpty() && now - unattached.peekFirst().insertedAt() > retentionMillis) {
            session.delete(unattached.pollFirst().handle());
        }
    }
}
