package io.tocsin.engine;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.ActionPolicy;
import io.tocsin.engine.action.AlertLabels;
import io.tocsin.engine.action.AlertSnapshot;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.action.RuleRef;
import io.tocsin.engine.fact.ActionRequest;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Escalate;
import io.tocsin.engine.fact.Notify;
import io.tocsin.engine.fact.Promote;
import io.tocsin.engine.fact.Remediate;
import io.tocsin.engine.fact.Rollback;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.silence.Silences;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Turns what rules ask for ({@link ActionRequest} facts) into {@link Action}s: an escalation becomes one action per
 * receiver of its target, a rollback and a promotion run their configured commands. Decides what is silenced or
 * dry-run, records every action in the history with the engine time and the rule, and keeps those to deliver for
 * the engine to hand on once the evaluation is over. Runs on the engine thread.
 *
 * <p>As Alertmanager does, what a silence held back goes out when the silence ends: the latest silenced
 * notification per alert and route is kept, and once nothing mutes it any more it is decided again (a new action)
 * if its alert still fires, or, for a resolve, if the trigger had gone out before the silence.
 */
public final class ActionPlanner {

    /** The actions of one evaluation: all of them (for the journal), and those to hand to the dispatcher. */
    public record Decisions(List<Action> all, List<Action> toDeliver) {
    }

    private static final Logger LOG = Logger.getLogger(ActionPlanner.class);

    /** The runbook summary of a watch at a time (PASS/FAIL and its figures), which its reports carry. */
    interface WatchSummaries {
        io.tocsin.watch.WatchSummary of(io.tocsin.engine.fact.Watch watch, long now);
    }

    private final ActionPolicy policy;
    private final Silences silences;
    private final ActionHistory history;
    private final WatchSummaries summaries;
    private final List<Action> decided = new ArrayList<>();
    private final List<Action> toDeliver = new ArrayList<>();
    /** Silenced notifications to send when their silence ends, by alert and route. */
    private final Map<String, Action> held = new LinkedHashMap<>();
    private long lastId;

    ActionPlanner(ActionPolicy policy, Silences silences, ActionHistory history, WatchSummaries summaries) {
        this.policy = policy;
        this.silences = silences;
        this.history = history;
        this.summaries = summaries;
    }

    /** Plans, decides and records the actions of one request; {@code rule} is null for operator requests. */
    void plan(ActionRequest request, RuleInfo rule, long now) {
        for (Action action : actions(request, Snapshots.ref(rule), now)) {
            DeliveryState.Status status = decide(action, now);
            history.record(action, DeliveryState.decided(action.id(), status));
            decided.add(action);
            LOG.debugf("action #%d %s %s/%s at %s by %s: %s", action.id(), action.type(), action.receiver(),
                    action.destination(), Instant.ofEpochMilli(now), rule == null ? "operator" : rule.name(),
                    status.wire());
            if (status == DeliveryState.Status.PENDING) {
                toDeliver.add(action);
            } else if (status == DeliveryState.Status.SILENCED) {
                hold(action);
            }
        }
    }

    /**
     * Keeps a silenced notification for when the silence ends. A resolve replaces the trigger it follows; if that
     * trigger was itself silenced, nobody heard of the alert and neither is sent.
     */
    private void hold(Action action) {
        String route = action.alert().id() + '\n' + action.receiver() + '\n' + action.destination();
        Action before = held.get(route);
        if (action instanceof Action.Resolve && before instanceof Action.Notify) {
            held.remove(route);
        } else {
            held.remove(route); // re-inserted last: release keeps the order of decision
            held.put(route, action);
        }
    }

    /**
     * Decides again what silences held back and no longer mute: notifications and escalations of alerts that
     * still fire ({@code firing} finds them by id), and resolves. Called after each evaluation and when a silence
     * is expired.
     */
    void releaseHeld(long now, Function<String, Optional<Alert>> firing) {
        if (held.isEmpty()) {
            return;
        }
        List<Action> released = new ArrayList<>();
        for (Iterator<Action> it = held.values().iterator(); it.hasNext();) {
            Action action = it.next();
            AlertSnapshot alert = action.alert();
            if (silences.muting(alert.name(), AlertLabels.of(alert), now).isPresent()) {
                continue;
            }
            it.remove();
            if (action instanceof Action.Resolve r) {
                released.add(new Action.Resolve(++lastId, now, r.rule(), r.receiver(), r.destination(), r.labels(),
                        alert, r.escalation()));
                continue;
            }
            Optional<Alert> still = firing.apply(alert.id());
            if (still.isEmpty()) {
                continue; // resolved meanwhile, or gone: nothing to tell
            }
            AlertSnapshot current = Snapshots.of(still.get());
            if (action instanceof Action.Notify) {
                released.add(new Action.Notify(++lastId, now, action.rule(), action.receiver(), action.destination(),
                        action.labels(), current));
            } else if (action instanceof Action.Escalate e) {
                released.add(new Action.Escalate(++lastId, now, e.rule(), e.receiver(), e.destination(), e.labels(),
                        current, e.reason()));
            }
        }
        for (Action action : released) {
            DeliveryState.Status status = decide(action, now);
            history.record(action, DeliveryState.decided(action.id(), status));
            decided.add(action);
            LOG.infof("action #%d %s %s/%s for alert %s: its silence ended", action.id(), action.type(),
                    action.receiver(), action.destination(), action.alert().id());
            if (status == DeliveryState.Status.PENDING) {
                toDeliver.add(action);
            }
        }
    }

    /** The receiver whose escalations open incidents that must be resolved again. */
    static final String INCIDENTS = "pagerduty";

    /**
     * An alert resolved: closes what its escalations opened. For every target it was escalated to that PagerDuty
     * reaches, a resolve under the escalation's own key. Never silenced (it closes what was opened), dry-run like
     * everything else when the engine is.
     */
    void resolveEscalations(io.tocsin.engine.fact.Alert alert, List<Escalate> escalations, long now) {
        java.util.Set<String> targets = new java.util.TreeSet<>();
        escalations.forEach(e -> targets.add(e.getTarget()));
        for (String target : targets) {
            if (!policy.escalation().getOrDefault(target, List.of()).contains(INCIDENTS)) {
                continue;
            }
            Action action = new Action.Resolve(++lastId, now, null, INCIDENTS, target,
                    new TreeMap<>(alert.getLabels()), Snapshots.of(alert), target);
            DeliveryState.Status status = policy.dryRun() ? DeliveryState.Status.DRY_RUN
                    : DeliveryState.Status.PENDING;
            history.record(action, DeliveryState.decided(action.id(), status));
            decided.add(action);
            if (status == DeliveryState.Status.PENDING) {
                toDeliver.add(action);
            }
        }
    }

    /** The ids of held notifications (for the saved state). */
    List<Long> heldIds() {
        return held.values().stream().map(Action::id).toList();
    }

    /** After a restart: holds again the notifications the saved state lists, found in the history. */
    void restoreHeld(List<Long> ids) {
        for (Long id : ids) {
            history.get(id).ifPresent(e -> hold(e.action()));
        }
    }

    /** The id of the latest action decided. */
    long lastId() {
        return lastId;
    }

    /** Continues numbering after the actions decided before a restart. */
    void continueAfter(long id) {
        lastId = Math.max(lastId, id);
    }

    /** What was decided since the last call: every action, and those to deliver, each in the order decided. */
    Decisions drain() {
        Decisions out = new Decisions(List.copyOf(decided), List.copyOf(toDeliver));
        decided.clear();
        toDeliver.clear();
        return out;
    }

    /**
     * Replaying the journal after a restart: the actions just decided again are replaced by those recorded the
     * first time, which kept their ids (and may have been delivered under them). They agree unless the rules
     * changed between the runs.
     */
    void adopt(List<Action> regenerated, List<Action> recorded) {
        if (!sameDecisions(regenerated, recorded)) {
            LOG.warnf("replay decided %d action(s) where the journal recorded %d (rules changed?); keeping the"
                    + " recorded ones", regenerated.size(), recorded.size());
        }
        history.replace(regenerated, recorded);
        recorded.forEach(a -> lastId = Math.max(lastId, a.id()));
    }

    private static boolean sameDecisions(List<Action> a, List<Action> b) {
        return a.equals(b);
    }

    private List<Action> actions(ActionRequest request, RuleRef rule, long now) {
        SortedMap<String, String> labels = new TreeMap<>(request.getLabels());
        AlertSnapshot alert = request.getAlert() == null ? null : Snapshots.of(request.getAlert());
        List<Action> out = new ArrayList<>();
        if (request instanceof Notify n) {
            out.add(notification(n, rule, now, labels, alert));
        } else if (request instanceof Escalate e) {
            List<String> receivers = policy.escalation().get(e.getTarget());
            if (receivers == null || receivers.isEmpty()) {
                LOG.warnf("escalation target '%s' has no receivers (tocsin.escalation.%s.receivers); logging it",
                        e.getTarget(), e.getTarget());
                receivers = List.of("log");
            }
            for (String receiver : receivers) {
                out.add(new Action.Escalate(++lastId, now, rule, receiver, e.getTarget(), labels, alert,
                        e.getReason()));
            }
        } else if (request instanceof Remediate r) {
            out.add(new Action.Remediate(++lastId, now, rule, "command", r.getCommand(), labels, alert,
                    r.getWatch() == null ? null : r.getWatch().getDeploymentId(), r.getAttempt(), r.getParams()));
        } else if (request instanceof Promote p) {
            out.add(new Action.Promote(++lastId, now, rule, "command", policy.promoteCommand(), labels,
                    p.getWatch().getDeploymentId(), p.getTraffic()));
        } else if (request instanceof Rollback r) {
            out.add(new Action.Rollback(++lastId, now, rule, "command", policy.rollbackCommand(), labels,
                    r.getDeployment().getId(), r.getReason(), r.getBy(),
                    r.getCriterion() == null ? null : r.getCriterion().getName()));
        } else {
            LOG.errorf("unknown action %s; ignored", request.getClass().getName());
        }
        return out;
    }

    private Action notification(Notify n, RuleRef rule, long now, SortedMap<String, String> labels,
            AlertSnapshot alert) {
        long id = ++lastId;
        return switch (n.getSubject()) {
            case ALERT -> n.getAlert().isResolved()
                    ? new Action.Resolve(id, now, rule, n.getReceiver(), n.getDestination(), labels, alert)
                    : new Action.Notify(id, now, rule, n.getReceiver(), n.getDestination(), labels, alert);
            case ROLLBACK -> new Action.Announce(id, now, rule, n.getReceiver(), n.getDestination(), labels,
                    n.getRollback().getDeployment().getId(), Action.Topic.ROLLBACK, n.getRollback().getReason(), null);
            case CHECKPOINT -> new Action.Announce(id, now, rule, n.getReceiver(), n.getDestination(), labels,
                    n.getWatch().getDeploymentId(), Action.Topic.CHECKPOINT, "checkpoint "
                            + n.getCheckpoint().getLabel() + " (" + n.getCheckpoint().getPhase() + " phase)"
                            + figures(n.getWatch(), now), n.getCheckpoint().getLabel());
            case VERDICT -> new Action.Announce(id, now, rule, n.getReceiver(), n.getDestination(), labels,
                    n.getWatch().getDeploymentId(), Action.Topic.VERDICT, "watch "
                            + n.getWatch().getState().wireName()
                            + (n.getWatch().getExtensions() > 0 && n.getWatch().isWatching()
                                    ? " (extended to " + Instant.ofEpochMilli(n.getWatch().getEndsAt()) + ")" : "")
                            + ": " + n.getWatch().getReason() + figures(n.getWatch(), now), null);
            case NOTE -> new Action.Announce(id, now, rule, n.getReceiver(), n.getDestination(), labels,
                    n.getDeployment() == null ? null : n.getDeployment().getId(), Action.Topic.NOTE, n.getText(),
                    null);
            case ROLLOUT -> new Action.Announce(id, now, rule, n.getReceiver(), n.getDestination(), labels,
                    n.getWatch().getDeploymentId(), Action.Topic.ROLLOUT, "traffic step " + n.getStep().getLabel()
                            + " waits: " + n.getStep().getHeldBecause(), null);
        };
    }

    /** The watch's summary for a report: {@code ": PASS; pass rate 99.5% (24h avg 99.4%), ..."}. */
    private String figures(io.tocsin.engine.fact.Watch watch, long now) {
        io.tocsin.watch.WatchSummary summary = summaries.of(watch, now);
        return summary == null ? "" : " - " + summary.text();
    }

    /** Silences mute what tells people about an alert; they never stop automation (remediation, rollback). */
    private DeliveryState.Status decide(Action action, long now) {
        boolean aboutAlert = switch (action.kind()) {
            case NOTIFY, RESOLVE, ESCALATE -> true;
            case REMEDIATE, ROLLBACK, PROMOTE, ANNOUNCE -> false;
        };
        AlertSnapshot alert = action.alert();
        // the label set Alertmanager's tools show (with alertname, severity, priority), so silences made with
        // them match what they list
        if (aboutAlert && alert != null && silences.muting(alert.name(), AlertLabels.of(alert), now).isPresent()) {
            return DeliveryState.Status.SILENCED;
        }
        if (policy.dryRun() || "command".equals(action.receiver())
                && policy.dryRunCommands().contains(action.destination())) {
            return DeliveryState.Status.DRY_RUN;
        }
        return DeliveryState.Status.PENDING;
    }
}
