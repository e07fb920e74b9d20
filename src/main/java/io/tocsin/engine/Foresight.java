package io.tocsin.engine;

import io.tocsin.engine.fact.ActionRequest;
import io.tocsin.engine.fact.ActionResult;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Clock;
import io.tocsin.engine.fact.Criterion;
import io.tocsin.engine.fact.CurrentRule;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Escalate;
import io.tocsin.engine.fact.Maintenance;
import io.tocsin.engine.fact.Notify;
import io.tocsin.engine.fact.Remediate;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.rules.RuleCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.FactHandle;

/**
 * What the rules will do about the open alerts as time passes, if nothing else changes: no new sample, no
 * acknowledgement, no delivery outcome. This is how the console knows the next escalation and when it is due
 * without knowing any threshold: the escalation rules are DRL ({@code Clock( reached($a.firedAt, "30m") )}), so
 * the rules themselves are asked. A throwaway session of the same knowledge base gets the alerts, criteria,
 * deployments, open maintenance windows, the action and result facts already in the live session, and a clock of
 * its own (the {@code @setting} rules derive the pack settings again there), which is moved
 * forward: whatever action a rule inserts for an alert at a later time is a foreseen reaction. The exact time is
 * found by bisection to the millisecond.
 *
 * <p>Only rules that react to those facts and the clock can be foreseen: rules that hold conditions (breaches)
 * never fire here (no series), the alert lifecycle does not run (a pending alert stays pending), and watches and
 * rollout steps, which rules modify, are left out. The live facts are shared with the probe session but nothing
 * modifies them there: rules never change alerts, and the probe's clock is its own object. Runs on the engine
 * thread; the answer is cached until the facts change.
 */
public final class Foresight {

    /** How far ahead reactions are looked for. */
    static final long HORIZON_MILLIS = 48 * 3_600_000L;
    /** Probe offsets from now; between two, a reaction's time is found by bisection. */
    private static final long[] GRID = {1_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
            1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 43_200_000, 86_400_000, HORIZON_MILLIS};
    /** Bisections per answer; reactions beyond them are given at the probe that first showed them. */
    private static final int MAX_REFINED = 24;

    /** One foreseen action about an alert: what, to whom, when (engine time), and the rule that will decide it. */
    public record Reaction(String alertId, String type, String target, long at, boolean exact, RuleInfo rule) {
    }

    private record Key(String alertId, String type, String target) {
    }

    private final KieSession live;
    private final RuleCatalog catalog;
    private final AgendaFilter filter;
    private final Map<String, String> settingOverrides;
    private long cachedSignature;
    private long cachedAt = Long.MIN_VALUE;
    private List<Reaction> cached = List.of();

    /**
     * {@code activePacks} is null when every pack may fire; {@code settingOverrides} are the configured pack
     * settings ({@code pack.name → value}), which the probe's {@code @setting} rules see as the live ones do.
     */
    Foresight(KieSession live, RuleCatalog catalog, AgendaFilter activePacks, Map<String, String> settingOverrides) {
        this.live = live;
        this.catalog = catalog;
        this.settingOverrides = Map.copyOf(settingOverrides);
        this.filter = match -> {
            RuleInfo rule = catalog.byId(match.getRule().getPackageName() + "." + match.getRule().getName());
            return (rule == null || !rule.holdsConditions() && !rule.isSuccessCriterion())
                    && (activePacks == null || activePacks.accept(match));
        };
    }

    /** The reactions foreseen after {@code now}, earliest first. */
    List<Reaction> foresee(Clock clock) {
        if (clock == null) {
            return List.of();
        }
        long now = clock.getNow();
        List<Object> facts = new ArrayList<>(live.getObjects(o -> o instanceof Alert || o instanceof ActionRequest
                || o instanceof ActionResult || o instanceof Criterion || o instanceof Deployment
                || o instanceof Maintenance));
        long signature = signature(facts);
        boolean fresh = signature == cachedSignature && now >= cachedAt && now - cachedAt < HORIZON_MILLIS / 4
                && cached.stream().allMatch(r -> r.at() > now);
        if (!fresh) {
            cached = compute(facts, clock.getStartedAt(), now);
            cachedSignature = signature;
            cachedAt = now;
        }
        return cached;
    }

    private List<Reaction> compute(List<Object> facts, long startedAt, long now) {
        Map<Key, Reaction> found = new LinkedHashMap<>();
        Map<Key, Long> lowerBound = new LinkedHashMap<>();
        try (Probe probe = new Probe(facts, startedAt, now)) {
            long previous = now;
            for (long offset : GRID) {
                long at = now + offset;
                for (Map.Entry<Key, RuleInfo> e : probe.advanceTo(at).entrySet()) {
                    found.putIfAbsent(e.getKey(), new Reaction(e.getKey().alertId(), e.getKey().type(),
                            e.getKey().target(), at, false, e.getValue()));
                    lowerBound.putIfAbsent(e.getKey(), previous);
                }
                previous = at;
            }
        }
        List<Reaction> out = new ArrayList<>(found.values());
        out.sort(Comparator.comparingLong(Reaction::at));
        for (int i = 0; i < out.size() && i < MAX_REFINED; i++) {
            Reaction r = out.get(i);
            Key key = new Key(r.alertId(), r.type(), r.target());
            out.set(i, new Reaction(r.alertId(), r.type(), r.target(),
                    bisect(facts, startedAt, now, key, lowerBound.get(key), r.at()), true, r.rule()));
        }
        out.sort(Comparator.comparingLong(Reaction::at));
        return List.copyOf(out);
    }

    /** The earliest time in {@code (absent, present]} at which the reaction is inserted. */
    private long bisect(List<Object> facts, long startedAt, long now, Key key, long absent, long present) {
        while (present - absent > 1) {
            long mid = absent + (present - absent) / 2;
            boolean there;
            try (Probe probe = new Probe(facts, startedAt, now)) {
                there = probe.advanceTo(mid).containsKey(key);
            }
            if (there) {
                present = mid;
            } else {
                absent = mid;
            }
        }
        return present;
    }

    /** Changes whenever an alert, action or result fact comes or goes, or an alert changes state or is acked. */
    private static long signature(Collection<Object> facts) {
        long h = facts.size();
        for (Object f : facts) {
            long part = System.identityHashCode(f);
            if (f instanceof Alert a) {
                part = part * 31 + a.getState().ordinal() * 7L + (a.isAcknowledged() ? 1 : 0)
                        + (a.isInMaintenance() ? 2 : 0);
            } else if (f instanceof Criterion c) {
                part = part * 31 + (c.isInMaintenance() ? 2 : 0);
            } else if (f instanceof Deployment d) {
                part = part * 31 + (d.isArmed() ? 1 : 0) + (d.isCurrent() ? 2 : 0);
            }
            h += part * 0x9E3779B97F4A7C15L; // order-independent: getObjects has no order
        }
        return h;
    }

    /** A throwaway session over the same knowledge base with the live facts and a clock of its own. */
    private final class Probe extends DefaultRuleRuntimeEventListener implements AutoCloseable {
        private final KieSession session;
        private final Clock clock;
        private final FactHandle clockHandle;
        private final Map<Key, RuleInfo> inserted = new LinkedHashMap<>();

        Probe(List<Object> facts, long startedAt, long now) {
            session = live.getKieBase().newKieSession(live.getSessionConfiguration(), null);
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent event) {
                    // as in the live session: @setting rules read the configured overrides, breach() its rule
                    CurrentRule.enter(event.getMatch().getRule(), settingOverrides);
                }

                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    CurrentRule.exit();
                }
            });
            facts.forEach(session::insert);
            clock = new Clock(startedAt);
            clock.advanceTo(now);
            clockHandle = session.insert(clock);
            session.fireAllRules(filter); // what fires at once would have fired in the live session already
            session.addEventListener(this);
        }

        /** Moves the clock to {@code at} and fires; returns the reactions inserted since the probe began. */
        Map<Key, RuleInfo> advanceTo(long at) {
            clock.advanceTo(at);
            session.update(clockHandle, clock);
            session.fireAllRules(filter);
            return inserted;
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getObject() instanceof ActionRequest request && request.getAlert() != null
                    && event.getRule() != null) {
                Key key = new Key(request.getAlert().getId(), request.getType(), target(request));
                inserted.putIfAbsent(key, catalog.byId(event.getRule().getPackageName() + "."
                        + event.getRule().getName()));
            }
        }

        private static String target(ActionRequest request) {
            if (request instanceof Escalate e) {
                return e.getTarget();
            }
            if (request instanceof Remediate r) {
                return r.getCommand();
            }
            if (request instanceof Notify n) {
                return n.getReceiver() + " " + n.getDestination();
            }
            return request.getType();
        }

        @Override
        public void close() {
            session.dispose();
        }
    }
}
