package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Maintenance;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.silence.Silence;
import io.tocsin.testing.Timeline;
import io.tocsin.watch.WatchEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Maintenance windows: a silence marked as maintenance (the flag, or a comment starting with "[maintenance]")
 * puts what it matches in maintenance, which rules see ({@code inMaintenance}, {@code Maintenance} facts); a plain
 * silence mutes notifications only. The fixture's probe restart skips alerts in maintenance.
 */
class MaintenanceTest {

    private static final Map<String, String> PROBE = Map.of("instance", "p1");
    private static final List<Matcher> ON_PROBE = List.of(Matcher.of("instance", "p1", false, true));

    private static List<Action> restarts(Timeline t) {
        return t.actions(a -> "restart-probe".equals(a.destination()));
    }

    @Test
    void aMaintenanceSilenceStopsAutomationUntilItEndsAndMutesNotifications() {
        try (Timeline t = new Timeline()) {
            t.post("0", "probe_up", PROBE, 1);
            Silence s = t.apply(new CreateSilence("m1", ON_PROBE, null, time("10m"), "bob", "kernel upgrade", true));
            assertTrue(s.maintenance());
            assertEquals(1, t.evaluator().count(Maintenance.class));
            t.every("1m", "1m", "9m", "probe_up", PROBE, 0);
            Alert down = t.alert("ProbeDown").orElseThrow();
            assertTrue(down.isFiring() && down.isInMaintenance());
            assertEquals(List.of(), restarts(t), "no restart in maintenance");
            t.actions(a -> a.alert() != null && a.alert().name().equals("ProbeDown"))
                    .forEach(a -> assertEquals(DeliveryState.Status.SILENCED, t.state(a).status(), a.toString()));
            t.post("10m", "probe_up", PROBE, 0);
            assertFalse(t.alert("ProbeDown").orElseThrow().isInMaintenance(), "the window ended at 10m");
            assertEquals(0, t.evaluator().count(Maintenance.class));
            assertEquals(List.of(time("10m")), restarts(t).stream().map(Action::at).toList(),
                    "the restart that was due follows when the window ends");
            t.post("10m30s", "probe_up", PROBE, 0);
            assertEquals(2, restarts(t).size(), "the second, 30 seconds after the first was decided");
        }
    }

    @Test
    void expiringTheWindowEndsItAtOnce() {
        try (Timeline t = new Timeline()) {
            t.apply(new CreateSilence("m1", ON_PROBE, null, time("1h"), "bob", "[Maintenance] reboot"));
            t.every("1m", "0", "3m", "probe_up", PROBE, 0);
            assertTrue(t.alert("ProbeDown").orElseThrow().isInMaintenance(), "the comment convention, any case");
            assertEquals(List.of(), restarts(t));
            t.apply(new ExpireSilence("m1", "alice"));
            assertEquals(1, restarts(t).size(), "restarted at the expiry, without waiting for a sample");
        }
    }

    @Test
    void aPlainSilenceMutesNotificationsButNotAutomation() {
        try (Timeline t = new Timeline()) {
            Silence s = t.apply(new CreateSilence("s1", ON_PROBE, null, time("1h"), "bob", "known, not maintenance"));
            assertFalse(s.maintenance());
            t.every("1m", "0", "2m", "probe_up", PROBE, 0);
            assertFalse(t.alert("ProbeDown").orElseThrow().isInMaintenance());
            assertEquals(List.of(time("0"), time("1m")), restarts(t).stream().map(Action::at).toList());
            assertEquals(DeliveryState.Status.SILENCED, t.state(t.actions(a -> a.kind() == Action.Kind.NOTIFY
                    && a.alert().name().equals("ProbeDown")).get(0)).status());
        }
    }

    @Test
    void aWatchExcusesTheViolationsAWindowCoversAndRecordsTheWindow() {
        Map<String, String> up = Map.of("job", "genesis-orchestration", "instance", "g1");
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            t.apply(new CreateSilence("m1", List.of(Matcher.of("job", "genesis-orchestration", false, true)),
                    time("2h"), time("3h"), "bob", "planned failover", true));
            for (long m = 0; m <= 4 * 60; m += 5) {
                boolean down = m >= 130 && m < 170;
                t.batch(Timeline.sample(m + "m", "up", up, down ? 0 : 1),
                        Timeline.sample(m + "m", "genesis_test_pass_rate", Map.of("service", "genesis"), 1));
            }
            var log = t.evaluator().watch("d1").orElseThrow();
            var availability = log.watch().getCriteria().all().stream().filter(c -> c.name().equals("Availability"))
                    .findFirst().orElseThrow();
            assertEquals(List.of(), availability.ranges(), "40 minutes down inside the window are excused");
            List<String> kinds = log.events().stream().map(WatchEvent::kind).toList();
            assertTrue(kinds.contains("maintenance") && kinds.contains("maintenance-ended"), kinds.toString());
        }
    }
}
