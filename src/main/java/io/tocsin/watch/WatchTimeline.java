package io.tocsin.watch;

import io.tocsin.engine.fact.ActionRequest;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.Escalate;
import io.tocsin.engine.fact.Labels;
import io.tocsin.engine.fact.Priority;
import io.tocsin.engine.fact.Promote;
import io.tocsin.engine.fact.Remediate;
import io.tocsin.engine.fact.Rollback;
import io.tocsin.engine.fact.RolloutStep;
import io.tocsin.engine.fact.Watch;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Puts what happened on the timelines of the watches: alerts starting and ending to fire, notable actions
 * (escalations, rollbacks, promotions, remediations; notifications are many and stay in the action history),
 * and the watch's own changes (an extension, a held step, its closing).
 */
final class WatchTimeline {

    private static final Logger LOG = Logger.getLogger(WatchTimeline.class);

    private final Map<String, Alert> firing = new HashMap<>(); // alert id → alert, as last seen firing

    /** The timeline entry for an action, or null for one that is not put on timelines. */
    static WatchEvent of(ActionRequest request, long now) {
        if (request instanceof Escalate e) {
            return new WatchEvent(now, "escalation", alertName(request) + " escalated to " + e.getTarget() + ": "
                    + e.getReason());
        }
        if (request instanceof Rollback r) {
            return new WatchEvent(now, "rollback", "rollback of '" + r.getDeployment().getId() + "': " + r.getReason());
        }
        if (request instanceof Promote p) {
            return new WatchEvent(now, "promotion", "promote {traffic=" + p.getTraffic() + "}");
        }
        if (request instanceof Remediate r) {
            return new WatchEvent(now, "remediation", r.getCommand() + (r.getAlert() == null ? "" : " for "
                    + alertName(request)) + (r.getAttempt() > 1 ? " (attempt " + r.getAttempt() + ")" : ""));
        }
        return null;
    }

    private static String alertName(ActionRequest request) {
        Alert a = request.getAlert();
        return a == null ? "" : a.getName() + Labels.format(a.getLabels());
    }

    /** The alerts firing when the state was restored: they are not put on the timelines again. */
    void seed(List<Alert> active) {
        for (Alert a : active) {
            if (a.isFiring()) {
                firing.put(a.getId(), a);
            }
        }
    }

    /**
     * Alerts that started firing or were resolved in the last round ({@code transitions}, from the lifecycle: work
     * in proportion to what changed, not to every alert), as events for the open watches.
     */
    void alerts(long now, List<Alert> transitions, Collection<WatchLog> logs) {
        for (Alert a : transitions) {
            if (a.isFiring()) {
                if (firing.put(a.getId(), a) == null) {
                    toOpen(new WatchEvent(now, "alert-firing", a.getName() + Labels.format(a.getLabels()) + " "
                            + a.getPriority() + " firing"), logs);
                    if (a.getPriority() == Priority.P0 || a.getPriority() == Priority.P1) {
                        Incident incident = new Incident(a.getId(), a.getName() + Labels.format(a.getLabels()),
                                a.getPriority().name(), a.getFiredAt() == null ? now : a.getFiredAt(), null);
                        for (WatchLog log : logs) {
                            if (log.watch().isWatching() && now >= log.watch().getStartedAt()) {
                                log.incident(incident);
                            }
                        }
                    }
                }
            } else if (firing.remove(a.getId()) != null) {
                toOpen(new WatchEvent(now, "alert-resolved", a.getName() + Labels.format(a.getLabels())
                        + " resolved"), logs);
                logs.forEach(log -> log.resolved(a.getId(), now));
            }
        }
    }

    private static void toOpen(WatchEvent event, Collection<WatchLog> logs) {
        for (WatchLog log : logs) {
            if (log.watch().isWatching() && event.at() >= log.watch().getStartedAt()) {
                log.add(event);
            }
        }
    }

    /** Puts extensions, promotions, held steps and the closing of a watch on its timeline; true if it closed. */
    static boolean changes(WatchLog log, long now) {
        Watch watch = log.watch();
        String id = watch.getDeploymentId();
        if (watch.getExtensions() != log.seenExtensions) {
            log.seenExtensions = watch.getExtensions();
            log.add(new WatchEvent(now, "extended", "watch extended to "
                    + Durations.offset(watch.offset(watch.getEndsAt())) + ": " + watch.getReason()));
        }
        for (RolloutStep step : log.steps()) {
            if (step.isPromoted() && step.getPromotedAt() == null) {
                step.promotedAt(now); // the rule may have fired while the Clock fact still showed the previous time
            }
            String was = log.seenHolds.get(step);
            if (step.isPending() && step.isHeld() && !Objects.equals(was, step.getHeldBecause())) {
                log.add(new WatchEvent(now, "step-held", step.getLabel() + " held: " + step.getHeldBecause()));
            }
            log.seenHolds.put(step, step.isPending() && step.isHeld() ? step.getHeldBecause() : null);
        }
        if (watch.getState() == log.seenState) {
            return false;
        }
        log.seenState = watch.getState();
        log.add(new WatchEvent(watch.getClosedAt() == null ? now : watch.getClosedAt(), watch.getState().wireName(),
                "watch " + watch.getState().wireName() + ": " + watch.getReason()));
        LOG.infof("watch of deployment '%s' %s: %s", id, watch.getState().wireName(), watch.getReason());
        return true;
    }
}
