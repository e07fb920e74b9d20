package io.tocsin.engine;

import io.tocsin.engine.fact.HeldCondition;
import io.tocsin.engine.fact.Maintenance;
import io.tocsin.engine.silence.Silence;
import io.tocsin.engine.silence.Silences;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Keeps what rules see of maintenance windows in line with the silences at engine time: one {@link Maintenance}
 * fact per active maintenance silence, and {@code inMaintenance} on every pending or firing alert and criterion a
 * maintenance silence matches (updated as the property alone, so rules that route on state do not fire again).
 * Derived from the silences and the time, so it is recomputed, not saved.
 */
final class MaintenanceTracker {

    private static final Logger LOG = Logger.getLogger(MaintenanceTracker.class);

    private final KieSession session;
    private final Silences silences;
    private final Map<String, Window> open = new LinkedHashMap<>();
    private int flagged;

    private record Window(Maintenance fact, FactHandle handle) {
    }

    MaintenanceTracker(KieSession session, Silences silences) {
        this.session = session;
        this.silences = silences;
    }

    /** Brings the facts in line with the silences at {@code now}; returns whether any fact changed. */
    boolean refresh(long now, Iterable<? extends HeldCondition> held) {
        List<Silence> active = silences.maintenanceAt(now);
        boolean changed = windows(active);
        if (active.isEmpty() && flagged == 0) {
            return changed; // the usual case: nothing is in maintenance, nothing to look at
        }
        int count = 0;
        for (HeldCondition h : held) {
            boolean in = false;
            for (Silence s : active) {
                if (s.maintains(h.getName(), h.getLabels(), now)) {
                    in = true;
                    break;
                }
            }
            if (h.maintenance(in)) {
                FactHandle handle = session.getFactHandle(h);
                if (handle != null) {
                    session.update(handle, h, "inMaintenance");
                }
                changed = true;
                LOG.infof("%s%s %s maintenance", h.getName(), io.tocsin.engine.fact.Labels.format(h.getLabels()),
                        in ? "in" : "out of");
            }
            if (in) {
                count++;
            }
        }
        flagged = count;
        return changed;
    }

    private boolean windows(List<Silence> active) {
        boolean changed = false;
        Map<String, Silence> byId = new LinkedHashMap<>();
        active.forEach(s -> byId.put(s.id(), s));
        for (Iterator<Map.Entry<String, Window>> it = open.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Window> e = it.next();
            Silence s = byId.get(e.getKey());
            if (s == null || s.endsAt() != e.getValue().fact().getEndsAt()) {
                session.delete(e.getValue().handle());
                it.remove();
                changed = true;
            }
        }
        for (Silence s : active) {
            if (!open.containsKey(s.id())) {
                Maintenance fact = new Maintenance(s.id(), s.startsAt(), s.endsAt(), s.createdBy(), s.comment());
                open.put(s.id(), new Window(fact, session.insert(fact)));
                changed = true;
            }
        }
        return changed;
    }

    /** The maintenance windows in effect, oldest first. */
    List<Maintenance> open() {
        List<Maintenance> out = new ArrayList<>();
        open.values().forEach(w -> out.add(w.fact()));
        return out;
    }
}
