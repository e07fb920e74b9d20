package io.tocsin.api.alertmanager;

import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Receivers in Alertmanager's sense: where notifications go. Tocsin's rules name a receiver type and a destination
 * ({@code new Notify($a, "slack", "#genesis-alerts")}), so a receiver is called {@code slack/#genesis-alerts}.
 * An alert's receivers are those its notifications and escalations went to; the receiver list is every one the
 * configuration defines plus every one an action went to.
 */
final class Receivers {

    /** The group of alerts that no rule routed anywhere (Alertmanager's alerts always have a receiver). */
    static final String NONE = "none";

    private Receivers() {
    }

    static String name(String receiver, String destination) {
        return receiver + "/" + destination;
    }

    /** Whether an action tells people something (commands are not receivers). */
    private static boolean notifies(Action action) {
        return !"command".equals(action.receiver());
    }

    /** The receivers of each of these alerts (by alert id), from the actions decided about them. */
    static Map<String, SortedSet<String>> ofAlerts(ActionHistory history, Set<String> alertIds) {
        Map<String, SortedSet<String>> out = new HashMap<>();
        if (alertIds.isEmpty()) {
            return out;
        }
        for (ActionHistory.Entry e : history.query(e -> e.action().alert() != null && notifies(e.action())
                && alertIds.contains(e.action().alert().id()), null)) {
            out.computeIfAbsent(e.action().alert().id(), k -> new TreeSet<>())
                    .add(name(e.action().receiver(), e.action().destination()));
        }
        return out;
    }

    /** Every receiver the configuration names, and every one an action went to. */
    static SortedSet<String> all(TocsinConfig config, Collection<ActionHistory.Entry> history) {
        SortedSet<String> names = new TreeSet<>();
        config.slack().channels().keySet().forEach(c -> names.add(name("slack", "#" + c)));
        config.pagerduty().routingKeys().keySet().forEach(d -> names.add(name("pagerduty", d)));
        config.email().recipients().keySet().forEach(d -> names.add(name("email", d)));
        config.webhooks().keySet().forEach(d -> names.add(name("webhook", d)));
        config.alertmanagers().keySet().forEach(d -> names.add(name("alertmanager", d)));
        config.escalation().forEach((target, t) -> t.receivers().forEach(r -> names.add(name(r, target))));
        history.stream().map(ActionHistory.Entry::action).filter(Receivers::notifies)
                .forEach(a -> names.add(name(a.receiver(), a.destination())));
        return names;
    }
}
