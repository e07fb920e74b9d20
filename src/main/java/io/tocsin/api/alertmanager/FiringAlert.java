package io.tocsin.api.alertmanager;

import io.tocsin.engine.EngineView;
import io.tocsin.engine.Snapshots;
import io.tocsin.engine.action.AlertLabels;
import io.tocsin.engine.action.AlertSnapshot;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.silence.Silence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A firing alert as the v2 API shows it, taken on the engine thread: the alert, the label set tools see, the
 * silences muting it now (Tocsin has no inhibition) and its receivers. Pending alerts are left out, as Prometheus
 * sends Alertmanager only firing ones; resolved ones too, as Alertmanager lists none.
 */
record FiringAlert(AlertSnapshot alert, SortedMap<String, String> labels, List<String> silencedBy,
        SortedSet<String> receivers, long evaluatedAt) {

    /** Only on the engine thread. */
    static List<FiringAlert> all(EngineView view) {
        long now = view.now().orElse(0L);
        List<AlertSnapshot> firing = view.activeAlerts().stream().filter(Alert::isFiring).map(Snapshots::of).toList();
        Set<String> ids = firing.stream().map(AlertSnapshot::id).collect(Collectors.toSet());
        Map<String, SortedSet<String>> receivers = Receivers.ofAlerts(view.actionHistory(), ids);
        List<Silence> silences = view.silences();
        List<FiringAlert> out = new ArrayList<>();
        for (AlertSnapshot a : firing) {
            SortedMap<String, String> labels = AlertLabels.of(a);
            List<String> silencedBy = silences.stream().filter(s -> s.mutes(a.name(), labels, now))
                    .map(Silence::id).toList();
            out.add(new FiringAlert(a, labels, silencedBy, receivers.getOrDefault(a.id(), new TreeSet<>()), now));
        }
        return out;
    }

    /** {@code active}, or {@code suppressed} while a silence mutes it. */
    String state() {
        return silencedBy.isEmpty() ? "active" : "suppressed";
    }
}
