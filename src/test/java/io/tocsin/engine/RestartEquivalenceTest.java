package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.engine.input.Attributed;
import io.tocsin.engine.input.Origin;
import io.tocsin.engine.input.AdvanceClock;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.DeliveryUpdate;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.PromoteDeployment;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.input.SignOff;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.state.EngineState;
import io.tocsin.sla.SlaLedger;
import io.tocsin.testing.Samples;
import io.tocsin.testing.Timeline;
import io.tocsin.watch.Archive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A restart changes nothing: two hours of inputs (a deployment with traffic steps and its watch, an error burst
 * that fires, is acknowledged and rolls the deployment back, the rollback command's outcome and what rules make
 * of it, an outage with restarts and results, a silence created and expired, a maintenance window over a probe
 * outage with restarts after it, the SLA ledger's samples and incidents, escalations), and a whole 48-hour watch
 * with its measured baseline and the handoff's sign-offs, applied straight through, and applied again with the
 * engine's state saved (as a snapshot, through JSON) and restored into a fresh session at other points, end in the
 * same saved state: the same alerts with their ids and times, the same actions with their ids, silences,
 * deployments, watches and SLA ledgers.
 */
class RestartEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> GENESIS = Map.of("service", "genesis");
    private static final Map<String, String> ORCH = Map.of("job", "genesis-orchestration", "instance", "g1");
    private static final Map<String, String> PROBE = Map.of("instance", "p1");

    /** The script: at each step the samples of that instant, then an operator input or a delivery outcome. */
    private static List<Function<Timeline, Input<?>>> script() {
        List<Function<Timeline, Input<?>>> steps = new ArrayList<>();
        for (long s = 0; s <= 2 * 3600; s += 15) {
            long at = time("0") + s * 1000;
            double errors = s >= 600 && s < 2400 ? 0.02 : 0.0002;
            double up = s >= 3000 && s < 3200 ? 0 : 1;
            double latency = s >= 4000 && s < 4600 ? 0.3 : 0.1;
            double probe = s >= 5000 && s < 5600 ? 0 : 1;
            List<Sample> batch = List.of(Samples.sample("genesis_error_ratio", GENESIS, errors, at),
                    Samples.sample("up", ORCH, up, at),
                    Samples.sample("genesis_operation_p95_seconds", GENESIS, latency, at),
                    Samples.sample("genesis_test_pass_rate", GENESIS, 0.995, at),
                    Samples.sample("probe_up", PROBE, probe, at),
                    Samples.sample("probe_p95_seconds", PROBE, 0.5, at),
                    Samples.sample("probe_error_ratio", PROBE, s % 600 == 0 ? 0.01 : 0.0005, at));
            steps.add(t -> new SampleBatch(batch));
            long step = s;
            if (step == 300) {
                steps.add(t -> by("ops", new RegisterDeployment("d1", "1.0.0", at, Map.of(),
                        List.of(new RegisterDeployment.Step(1_800_000, 25), new RegisterDeployment.Step(5_400_000, 50)))));
            } else if (step == 450) {
                steps.add(t -> by("carol", new PromoteDeployment("d1", null, "canary looks fine", "carol")));
            } else if (step == 900) {
                steps.add(t -> by("mallory", new Acknowledge("no-such-alert", "mallory", "refused, and audited")));
            } else if (step == 1200) {
                steps.add(t -> by("alice", new Acknowledge(t.alert("HighErrorRate").map(Alert::getId).orElseThrow(),
                        "alice", "on it")));
            } else if (step == 3900) {
                steps.add(t -> by("bob", new CreateSilence("s1", List.of(Matcher.of("alertname", "HighLatencyP95",
                        false, true)), null, at + 1_800_000, "bob", "known slow")));
            } else if (step == 4410) { // a multiple of 15, so the silence is really expired
                steps.add(t -> by("carol", new ExpireSilence("s1", "carol")));
            } else if (step == 4905) {
                steps.add(t -> by("bob", new CreateSilence("m1", List.of(Matcher.of("instance", "p1", false, true)),
                        null, at + 400_000, "bob", "[maintenance] probe firmware", false)));
            } else if (step == 2700) {
                // the rollback command reports back; the fixture's rules note it
                steps.add(t -> t.actions(a -> a.kind() == io.tocsin.engine.action.Action.Kind.ROLLBACK).stream()
                        .findFirst().<Input<?>>map(a -> new DeliveryUpdate(DeliveryState.decided(a.id(),
                                DeliveryState.Status.PENDING).attempting().failed("exit code 2", "process",
                                new DeliveryState.CommandOutcome(2, 10, "no"))))
                        .orElse(new SampleBatch(List.of())));
            } else if (step >= 3030 && step <= 3120 && step % 30 == 0) {
                // the restarts decided so far fail, one at a time, as the dispatcher would report them
                steps.add(t -> t.actions(a -> a.destination().equals("restart-genesis")).stream()
                        .filter(a -> t.state(a).outcome() == null).findFirst()
                        .<Input<?>>map(a -> new DeliveryUpdate(DeliveryState.decided(a.id(),
                                DeliveryState.Status.PENDING).attempting().failed("exit code 1", "process",
                                new DeliveryState.CommandOutcome(1, 10, "boom"))))
                        .orElse(new SampleBatch(List.of())));
            }
        }
        return steps;
    }

    /** An operator input as the API submits it: with who asked, from where, and when the request came in. */
    private static <R> Input<R> by(String actor, Input<R> input) {
        return new Attributed<>(new Origin(actor, "192.0.2.1", time("0") + 42), input);
    }

    private static String saved(Timeline t) throws Exception {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(t.capture());
    }

    @ParameterizedTest(name = "restarting every {0} steps")
    @ValueSource(ints = {7, 23, 47})
    void restartsChangeNothing(int every) throws Exception {
        String straight = straightAndRestarted(script(), every);
        assertTrue(straight.contains("\"kind\" : \"rollback\""), "the script rolls back");
        assertTrue(straight.contains("\"acknowledgement\""), "and acknowledges");
        assertTrue(straight.contains("\"outcome\" : \"refused\"") && straight.contains("\"actor\" : \"carol\""),
                "and audits what operators did");
        assertTrue(straight.contains("\"reason\" : \"rollback failed\""), "its rules follow the rollback through");
        assertTrue(straight.contains("\"maintenance\" : true"), "a maintenance window");
        assertTrue(straight.contains("\"destination\" : \"restart-probe\""), "the probe restarted after it");
        assertTrue(straight.contains("\"kind\" : \"latency\""), "the SLA ledger");
        List<SlaLedger.Incident> incidents = JSON.readValue(straight, EngineState.class).sla().stream()
                .flatMap(l -> l.incidents().stream()).toList();
        // the fixture is one pack: its P0/P1 alerts are the incidents of the SLA it declares
        assertEquals(List.of("HighErrorRate{service=\"genesis\"} P1",
                "GenesisServiceDown{instance=\"g1\",job=\"genesis-orchestration\"} P0",
                "HighLatencyP95{service=\"genesis\"} P1", "ProbeDown{instance=\"p1\"} P1"),
                incidents.stream().map(i -> i.alert() + " " + i.priority()).toList(), "the SLA's incidents");
        assertEquals(time("0") + 5_610_000, incidents.get(3).resolvedAt(),
                "ended when the probe came back (the first sample from 5600 s on)");
        assertTrue(incidents.stream().allMatch(i -> i.resolvedAt() != null && i.resolvedAt() > i.firedAt()),
                "every incident ended");
    }

    /**
     * A whole watch: 48 hours of healthy samples every 5 minutes after a deployment registered without a
     * baseline (one is measured from T+15m to T+1h), the verdict, then the engineering sign-off, time passing and
     * the SRE's, which closes the handoff.
     */
    private static List<Function<Timeline, Input<?>>> handoff() {
        List<Function<Timeline, Input<?>>> steps = new ArrayList<>();
        steps.add(t -> new RegisterDeployment("d2", "2.0.0", time("0"), Map.of(), List.of()));
        for (long at = time("0"); at <= time("48h"); at += 300_000) {
            long now = at;
            steps.add(t -> new SampleBatch(List.of(Samples.sample("genesis_test_pass_rate", GENESIS, 0.995, now),
                    Samples.sample("genesis_error_ratio", GENESIS, 0.0002, now),
                    Samples.sample("genesis_operation_p95_seconds", GENESIS, 0.12, now),
                    Samples.sample("up", Map.of("job", "genesis-orchestration"), 1, now),
                    Samples.sample("genesis_htdag_decomposition_avg_seconds", GENESIS, 0.12, now))));
        }
        steps.add(t -> new SignOff("d2", "engineering", "alice", "dashboards green"));
        steps.add(t -> new AdvanceClock(time("48h30m")));
        steps.add(t -> new SignOff("d2", "sre", "bob", null));
        steps.add(t -> new AdvanceClock(time("49h")));
        return steps;
    }

    @ParameterizedTest(name = "restarting every {0} steps")
    @ValueSource(ints = {5, 53})
    void aWatchItsBaselineAndTheHandoffSurviveRestarts(int every) throws Exception {
        String straight = straightAndRestarted(handoff(), every);
        assertTrue(straight.contains("\"state\" : \"SUCCEEDED\""), "the watch succeeded");
        assertTrue(straight.contains("\"baselineCapturedAt\""), "a baseline was measured");
        assertTrue(straight.contains("\"role\" : \"engineering\""), "engineering signed off");
        assertTrue(straight.contains("\"role\" : \"sre\""), "and SRE");
        assertTrue(straight.contains("\"handoffClosedAt\" : " + time("48h30m")), "which closed the handoff");
    }

    /**
     * A snapshot written before the runbook's fields existed (no SLA ledger, no maintenance flag on silences, no
     * deployment on results, no incidents, sign-offs or baseline time on watches, no summary on checkpoints) still
     * restores, with the same alerts, and evaluation goes on from it.
     */
    @Test
    void aSnapshotWithoutTheRunbooksFieldsStillRestores() throws Exception {
        List<Function<Timeline, Input<?>>> script = script();
        int half = script.size() * 3 / 4;
        try (Timeline t = new Timeline()) {
            script.subList(0, half).forEach(step -> apply(t, step));
            ObjectNode old = (ObjectNode) JSON.valueToTree(t.capture());
            old.remove("sla");
            old.get("silences").forEach(n -> ((ObjectNode) n).remove("maintenance"));
            old.get("results").forEach(n -> ((ObjectNode) n).remove("deployment"));
            for (JsonNode w : old.get("watches")) {
                ((ObjectNode) w).remove(List.of("incidents", "signOffs", "handoffClosedAt", "baselineCapturedAt"));
                w.get("checkpoints").forEach(c -> ((ObjectNode) c).remove("summary"));
            }
            assertTrue(old.get("silences").size() > 0 && old.get("results").size() > 0
                    && old.get("watches").size() > 0, "the snapshot has what the fields were added to");
            Alert probeDown = t.alert("ProbeDown").filter(Alert::isFiring).orElseThrow(
                    () -> new AssertionError("the snapshot is taken during the probe's outage"));
            EngineState state = JSON.treeToValue(old, EngineState.class);
            try (Timeline restored = new Timeline(catalog -> Archive.none(), Evaluator.Settings.defaults(), state)) {
                assertEquals(JSON.writeValueAsString(t.capture().active()),
                        JSON.writeValueAsString(restored.capture().active()));
                script.subList(half, script.size()).forEach(step -> apply(restored, step));
                List<SlaLedger.State> ledgers = restored.capture().sla();
                assertTrue(ledgers.stream().anyMatch(l -> !l.buckets().isEmpty()),
                        "the SLA ledger starts again from the samples after the restore");
                assertEquals(List.of(new SlaLedger.Incident(probeDown.getId(), "ProbeDown{instance=\"p1\"}", "P1",
                        probeDown.getFiredAt(), time("0") + 5_610_000)),
                        ledgers.stream().flatMap(l -> l.incidents().stream()).toList(),
                        "the incident of the alert firing at the restore is opened then, and ends with it");
            }
        }
    }

    /** Applies the script straight through and with restarts every {@code every} steps; returns the saved state. */
    private static String straightAndRestarted(List<Function<Timeline, Input<?>>> script, int every)
            throws Exception {
        String straight;
        try (Timeline t = new Timeline()) {
            script.forEach(step -> apply(t, step));
            straight = saved(t);
        }
        Timeline t = new Timeline();
        int restarts = 0;
        try {
            for (int i = 0; i < script.size(); i++) {
                apply(t, script.get(i));
                if (i % every == every - 1) {
                    EngineState state = JSON.readValue(JSON.writeValueAsBytes(t.capture()), EngineState.class);
                    t.close();
                    t = new Timeline(catalog -> Archive.none(), Evaluator.Settings.defaults(), state);
                    restarts++;
                }
            }
            assertTrue(restarts >= 10, "restarted " + restarts + " times");
            String restarted = saved(t);
            if (!straight.equals(restarted)) {
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "straight.json"), straight);
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "restarted-" + every + ".json"),
                        restarted);
            }
            assertEquals(straight, restarted);
        } finally {
            t.close();
        }
        return straight;
    }

    private static void apply(Timeline t, Function<Timeline, Input<?>> step) {
        Input<?> input = step.apply(t);
        if (!(input instanceof SampleBatch b && b.samples().isEmpty())) {
            try {
                t.apply(input);
            } catch (Rejected e) {
                // refused, as it would be answered; the refusal is in the audit trail
            }
        }
    }
}
