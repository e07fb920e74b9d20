package io.tocsin.console;

import io.tocsin.api.DeploymentsResource.DeploymentView;
import io.tocsin.api.WatchView;
import io.tocsin.engine.EngineView;
import io.tocsin.engine.fact.Criterion;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.RolloutStep;
import io.tocsin.engine.fact.Watch;
import io.tocsin.watch.WatchEvent;
import io.tocsin.watch.WatchLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The deployments section: the current deployment (armed or rolled back) and its watch (phase, next checkpoint,
 * success criteria with their compliance so far, rollout steps, checkpoints, timeline, report and evidence), the
 * rollback criteria pending or met now, and the earlier deployments.
 */
public record DeploymentsModel(When now, Card current, List<Card> earlier, List<RollbackCriterion> rollbackCriteria) {

    /** A deployment and, if it was registered, its watch; what an operator may do with it now. */
    public record Card(DeploymentView deployment, When started, When rolledBackAt, WatchCard watch,
            boolean canRollBack, boolean canPromote, String promoteTo, boolean canClose) {
    }

    public record WatchCard(WatchView view, String phase, When endsAt, When nextCheckpoint, String nextCheckpointLabel,
            List<CriterionRow> criteria, List<Step> steps, List<Checkpoint> checkpoints, List<Event> timeline,
            String report, String evidence) {
    }

    /** A success criterion: compliance so far (0-100 for a meter), what it requires, and whether it is met. */
    public record CriterionRow(String name, double percent, String compliance, String required, boolean met,
            String worst, int violations, boolean violatedNow) {
    }

    public record Step(String after, int traffic, String state, String heldBecause, When due, When promotedAt) {
    }

    public record Checkpoint(String label, String phase, When at, int firing, String actions) {
    }

    public record Event(When at, String kind, String text) {
    }

    /** A rollback criterion pending or met now; a pending one is met at {@code metAt} if it still holds. */
    public record RollbackCriterion(String name, String labels, String state, When since, When metAt, String rule) {
    }

    private static final int CHECKPOINTS_SHOWN = 8;
    private static final int EVENTS_SHOWN = 12;

    static DeploymentsModel of(EngineView ev) {
        long now = ev.now().orElse(0L);
        Card current = null;
        List<Card> earlier = new ArrayList<>();
        List<Deployment> all = new ArrayList<>(ev.deployments());
        all.sort(Comparator.comparingLong(Deployment::getStartedAt).reversed());
        for (Deployment d : all) {
            Card card = card(ev, d, now);
            if (d.isCurrent() && current == null) {
                current = card;
            } else {
                earlier.add(card);
            }
        }
        List<RollbackCriterion> criteria = ev.criteria().stream().map(c -> rollbackCriterion(c, now)).toList();
        return new DeploymentsModel(When.of(now, now), current, earlier, criteria);
    }

    private static Card card(EngineView ev, Deployment d, long now) {
        DeploymentView view = DeploymentView.of(d);
        Optional<WatchLog> log = ev.watch(d.getId());
        WatchCard watch = log.map(l -> watch(ev, l, now)).orElse(null);
        boolean open = log.isPresent() && log.get().watch().isWatching();
        boolean rolledBack = d.getRollback() != null;
        String promoteTo = open ? log.get().steps().stream().filter(RolloutStep::isPending)
                .mapToInt(RolloutStep::getTraffic).min().stream().mapToObj(Integer::toString).findFirst()
                .orElse("100") : null;
        // the implicit first deployment of an event-clock engine starts at 0: before any time it could show
        return new Card(view, d.getStartedAt() > 0 ? When.of(d.getStartedAt(), now) : null,
                rolledBack ? When.of(d.getRollback().at(), now) : null, watch,
                d.isCurrent() && !rolledBack, open && !rolledBack, promoteTo, open);
    }

    private static WatchCard watch(EngineView ev, WatchLog log, long now) {
        Watch w = log.watch();
        WatchView view = WatchView.of(log, now, ev);
        List<CriterionRow> criteria = view.criteria().stream().map(c -> new CriterionRow(c.name(),
                Math.max(0, Math.min(100, c.compliance() * 100)), percent(c.compliance()), percent(c.required()),
                c.met(), c.worst() == null ? null : AlertsModel.number(c.worst()), c.violations().size(),
                !c.violations().isEmpty() && c.violations().get(c.violations().size() - 1).to() == null)).toList();
        List<Step> steps = log.steps().stream().map(s -> new Step("T+" + Durations.format(s.getAfter()),
                s.getTraffic(), s.isPromoted() ? "promoted" : s.isHeld() ? "held" : "waiting",
                s.isPending() ? s.getHeldBecause() : null, When.of(w.getStartedAt() + s.getAfter(), now),
                When.of(s.getPromotedAt(), now))).toList();
        List<Checkpoint> checkpoints = new ArrayList<>();
        var taken = log.checkpoints();
        for (int i = taken.size() - 1; i >= 0 && checkpoints.size() < CHECKPOINTS_SHOWN; i--) {
            var c = taken.get(i);
            checkpoints.add(new Checkpoint(c.label(), c.phase(), When.of(c.at(), now), c.firingAlerts().size(),
                    c.actionsSince().isEmpty() ? "none" : c.actionsSince().toString().replaceAll("[{}]", "")));
        }
        List<Event> timeline = new ArrayList<>();
        List<WatchEvent> events = log.events();
        for (int i = events.size() - 1; i >= 0 && timeline.size() < EVENTS_SHOWN; i--) {
            WatchEvent e = events.get(i);
            timeline.add(new Event(When.of(e.at(), now), e.kind(), e.text()));
        }
        String base = "/api/v1/deployments/" + w.getDeploymentId();
        return new WatchCard(view, w.isWatching() ? w.getPhase() : null, When.of(w.getEndsAt(), now),
                w.isWatching() ? When.of(w.getNextCheckpointAt(), now) : null,
                w.isWatching() ? Durations.offset(w.offset(w.getNextCheckpointAt())) : null, criteria, steps,
                checkpoints, timeline, base + "/report?format=html", log.evidence() == null ? null : base + "/evidence");
    }

    private static RollbackCriterion rollbackCriterion(Criterion c, long now) {
        return new RollbackCriterion(c.getName(), AlertsModel.labels(c.getLabels()), c.isMet() ? "met" : "pending",
                When.of(c.getActiveAt(), now), c.isMet() ? null : When.of(c.getActiveAt() + c.getRule().forMillis(), now),
                c.getRule().file() + ":" + c.getRule().line());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100).replace(".00 %", " %");
    }
}
