package io.tocsin.dispatch.notify.alertmanager;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.AlertSnapshot;
import io.tocsin.engine.action.DeliveryState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which alerts went to which Alertmanager, and what to send again: derived from the engine's state alone (its
 * action history and alerts, both durable), so re-sending carries on after a restart without state of its own.
 * An alert counts as forwarded to a destination once a notification of it was decided for the
 * {@code alertmanager} receiver and not silenced, dry-run or delivered to the log (no URL configured). While it fires it is sent again as firing; once
 * resolved, as resolved for as long as Tocsin lists it (the resolved retention, 15 minutes by default, as
 * Prometheus keeps sending resolved alerts for 15 minutes).
 */
final class Forwarded {

    private Forwarded() {
    }

    /** For each alert id, the Alertmanagers it was forwarded to. */
    static Map<String, Set<String>> destinations(Collection<ActionHistory.Entry> history) {
        Map<String, Set<String>> out = new HashMap<>();
        for (ActionHistory.Entry e : history) {
            if (forwarded(e)) {
                out.computeIfAbsent(e.action().alert().id(), k -> new TreeSet<>()).add(e.action().destination());
            }
        }
        return out;
    }

    static boolean forwarded(ActionHistory.Entry e) {
        Action a = e.action();
        DeliveryState.Status status = e.state().status();
        return AlertmanagerReceiver.NAME.equals(a.receiver()) && a.kind() == Action.Kind.NOTIFY && a.alert() != null
                && status != DeliveryState.Status.SILENCED && status != DeliveryState.Status.DRY_RUN
                && !"log".equals(e.state().via()); // a destination without a URL delivered to the log
    }

    /**
     * The alerts to send again, by destination: the firing ones valid until {@code validUntil} (epoch ms), the
     * resolved ones as resolved.
     */
    static Map<String, List<PostableAlert>> toResend(Map<String, Set<String>> destinations,
            List<AlertSnapshot> firing, List<AlertSnapshot> resolved, long validUntil, String externalUrl) {
        Map<String, List<PostableAlert>> out = new TreeMap<>();
        for (AlertSnapshot a : firing) {
            for (String d : destinations.getOrDefault(a.id(), Set.of())) {
                out.computeIfAbsent(d, k -> new ArrayList<>()).add(PostableAlert.firing(a, validUntil, externalUrl));
            }
        }
        for (AlertSnapshot a : resolved) {
            for (String d : destinations.getOrDefault(a.id(), Set.of())) {
                out.computeIfAbsent(d, k -> new ArrayList<>()).add(PostableAlert.resolved(a, externalUrl));
            }
        }
        return out;
    }
}
