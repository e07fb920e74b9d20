package io.tocsin.dispatch.notify.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.AlertSnapshot;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.action.DeliveryState.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What is sent again to which Alertmanager follows from the action history and the alerts alone (so a restart,
 * which restores both, changes nothing): alerts whose notification went to the alertmanager receiver, unless it
 * was silenced or dry-run; firing ones as firing, resolved ones as resolved.
 */
class ForwardedTest {

    private static final long T0 = Instant.parse("2025-10-18T15:00:00Z").toEpochMilli();
    private static long ids;

    private static AlertSnapshot alert(String id, Long resolvedAt) {
        return new AlertSnapshot(id, "fp-" + id, "HighErrorRate", "genesis", new TreeMap<>(Map.of("service", id)),
                resolvedAt == null ? "firing" : "resolved", "P1", "critical", T0, T0 + 60_000, resolvedAt, 0.02,
                "Error ratio is 0.02", "Check the logs", null, null);
    }

    private static ActionHistory.Entry notify(AlertSnapshot a, String receiver, String destination, Status status) {
        long id = ++ids;
        return new ActionHistory.Entry(new Action.Notify(id, T0, null, receiver, destination, a.labels(), a),
                DeliveryState.decided(id, status));
    }

    @Test
    void forwardedAlertsAreSentAgainFiringOrResolved() {
        AlertSnapshot sent = alert("a", null);
        AlertSnapshot failed = alert("b", null);
        AlertSnapshot silenced = alert("c", null);
        AlertSnapshot dryRun = alert("d", null);
        AlertSnapshot toSlack = alert("e", null);
        AlertSnapshot resolved = alert("f", T0 + 300_000);
        List<ActionHistory.Entry> history = List.of(
                notify(sent, "alertmanager", "main", Status.SENT),
                notify(sent, "alertmanager", "backup", Status.RETRYING),
                notify(failed, "alertmanager", "main", Status.FAILED),
                notify(silenced, "alertmanager", "main", Status.SILENCED),
                notify(dryRun, "alertmanager", "main", Status.DRY_RUN),
                notify(toSlack, "slack", "#genesis-alerts", Status.SENT),
                new ActionHistory.Entry(new Action.Notify(++ids, T0, null, "alertmanager", "unconfigured",
                        toSlack.labels(), toSlack), DeliveryState.decided(ids, Status.PENDING).sent("log", null)),
                notify(resolved, "alertmanager", "main", Status.SENT),
                new ActionHistory.Entry(new Action.Resolve(++ids, T0, null, "alertmanager", "main",
                        resolved.labels(), resolved), DeliveryState.decided(ids, Status.SENT)));

        Map<String, Set<String>> destinations = Forwarded.destinations(history);
        assertEquals(Map.of("a", Set.of("main", "backup"), "b", Set.of("main"), "f", Set.of("main")), destinations);

        long validUntil = T0 + 600_000;
        Map<String, List<PostableAlert>> resend = Forwarded.toResend(destinations,
                List.of(sent, failed, silenced, dryRun, toSlack), List.of(resolved), validUntil, "http://tocsin:8080");
        assertEquals(Set.of("main", "backup"), resend.keySet());
        assertEquals(List.of("a"), resend.get("backup").stream().map(p -> p.labels().get("service")).toList());
        List<PostableAlert> main = resend.get("main");
        assertEquals(List.of("a", "b", "f"), main.stream().map(p -> p.labels().get("service")).toList());
        PostableAlert firing = main.get(0);
        assertEquals(Map.of("alertname", "HighErrorRate", "priority", "P1", "severity", "critical", "service", "a"),
                firing.labels());
        assertEquals(Map.of("summary", "Error ratio is 0.02", "runbook", "Check the logs"), firing.annotations());
        assertEquals(Instant.ofEpochMilli(T0 + 60_000).toString(), firing.startsAt(), "when it fired");
        assertEquals(Instant.ofEpochMilli(validUntil).toString(), firing.endsAt());
        assertEquals("http://tocsin:8080/api/v1/rules?pack=genesis", firing.generatorURL());
        assertEquals(Instant.ofEpochMilli(T0 + 300_000).toString(), main.get(2).endsAt(), "when it resolved");
    }
}
