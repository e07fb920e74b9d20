package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.input.SignOff;
import io.tocsin.engine.input.Sample;
import io.tocsin.report.WatchReport;
import io.tocsin.testing.Timeline;
import io.tocsin.watch.Archive;
import io.tocsin.watch.CheckpointRecord;
import io.tocsin.watch.Evidence;
import io.tocsin.watch.WatchLog;
import io.tocsin.watch.WatchSummary;
import io.tocsin.watch.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the watch adds for the runbook: summaries with the declared figures (milestones, the verdict, the
 * report), P0/P1 incidents, a baseline measured when none was given, and the handoff's sign-offs.
 */
class WatchRunbookTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");

    /** Healthy samples every 5 minutes; {@code p95} and {@code errors} at every step. */
    private static void replay(Timeline t, String from, String to, double p95, double errors) {
        for (long at = time(from); at <= time(to); at += 300_000) {
            long offset = at - time("0");
            List<Sample> batch = new ArrayList<>();
            batch.add(Timeline.sample(offset + "ms", "genesis_test_pass_rate", GENESIS, 0.995));
            batch.add(Timeline.sample(offset + "ms", "genesis_error_ratio", GENESIS, errors));
            batch.add(Timeline.sample(offset + "ms", "genesis_operation_p95_seconds", GENESIS, p95));
            batch.add(Timeline.sample(offset + "ms", "up", Map.of("job", "genesis-orchestration"), 1));
            batch.add(Timeline.sample(offset + "ms", "genesis_htdag_decomposition_avg_seconds", GENESIS, p95));
            t.batch(offset + "ms", batch.toArray(Sample[]::new));
        }
    }

    private static WatchLog log(Timeline t) {
        return t.evaluator().watch("d1").orElseThrow();
    }

    @Test
    void milestonesCarryTheFiguresAndIncidents() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            replay(t, "0", "1h", 0.12, 0.0002);
            Action first = t.actions(a -> "T+1h".equals(Timeline.watchTopic(a))).get(0);
            assertEquals("checkpoint T+1h (intensive phase) - PASS; error rate 0.02% (24h avg 0.02%), P95 120 ms"
                    + " (24h avg 120 ms); incidents: none", first.reason());
            replay(t, "1h5m", "1h30m", 0.12, 0.002); // HighErrorRate (P1) fires at 1h10m...
            replay(t, "1h35m", "6h", 0.12, 0.0002); // ...and resolves at 1h35m
            CheckpointRecord t6 = log(t).checkpoints().stream().filter(c -> c.label().equals("T+6h")).findFirst()
                    .orElseThrow();
            WatchSummary summary = t6.summary();
            assertEquals("FAIL", summary.verdict(), "the error-ratio criterion was violated 30 of 360 minutes");
            assertEquals(1, summary.incidents().size());
            assertEquals("HighErrorRate{service=\"genesis\"}", summary.incidents().get(0).alert());
            assertEquals(time("1h35m") - time("1h10m"),
                    summary.incidents().get(0).resolvedAt() - summary.incidents().get(0).firedAt());
            Action t6announced = t.actions(a -> "T+6h".equals(Timeline.watchTopic(a))).get(0);
            assertTrue(t6announced.reason().endsWith("incidents: 1 (HighErrorRate{service=\"genesis\"} P1 for 25m)"),
                    t6announced.reason());
        }
    }

    @Test
    void aDeploymentWithoutABaselineGetsOneMeasuredFromT15mToT1h() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            replay(t, "0", "10m", 0.3, 0.0002); // before the window: not part of the baseline
            replay(t, "15m", "55m", 0.1, 0.0002);
            assertTrue(t.evaluator().deployments().stream().filter(d -> d.getId().equals("d1")).findFirst()
                    .orElseThrow().getBaseline().isEmpty(), "not before T+1h");
            replay(t, "1h", "1h", 0.1, 0.0002);
            var deployment = t.evaluator().deployments().stream().filter(d -> d.getId().equals("d1")).findFirst()
                    .orElseThrow();
            assertEquals(0.1, deployment.baseline("genesis_htdag_decomposition_avg_seconds"), 1e-6);
            assertEquals(time("1h"), log(t).baselineCapturedAt());
            assertTrue(log(t).events().stream().anyMatch(e -> e.kind().equals("baseline")
                    && e.text().contains("genesis_htdag_decomposition_avg_seconds 100 ms")), log(t).events().toString());
        }
    }

    @Test
    void aBaselineGivenAtRegistrationIsKept() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"), Map.of("genesis_htdag_decomposition_avg_seconds", 0.2));
            replay(t, "0", "1h", 0.1, 0.0002);
            assertEquals(0.2, t.evaluator().deployments().stream().filter(d -> d.getId().equals("d1")).findFirst()
                    .orElseThrow().baseline("genesis_htdag_decomposition_avg_seconds"), 1e-9);
        }
    }

    @Test
    void engineeringAndSreSignOffsCloseTheHandoffAndTheFinalReportIsWrittenAgain() {
        List<WatchReport> written = new ArrayList<>();
        Archive archive = new Archive() {
            @Override
            public void watchClosed(WatchLog log, History history, long now) {
                written.add(WatchReport.build(log, history, io.tocsin.testing.TestRules.fixture().catalog(), now,
                        true));
            }

            @Override
            public String evidence(Evidence evidence) {
                return null;
            }
        };
        try (Timeline t = new Timeline(catalog -> archive)) {
            t.register("d1", "1.0.0", time("0"));
            replay(t, "0", "47h55m", 0.12, 0.0002);
            Rejected early = assertThrows(Rejected.class, () -> t.apply(new SignOff("d1", "sre", "bob", null)));
            assertEquals(Rejected.Reason.CONFLICT, early.reason());
            replay(t, "48h", "48h", 0.12, 0.0002);
            assertEquals(Watch.State.SUCCEEDED, log(t).watch().getState());
            assertEquals(1, written.size(), "the final report at the verdict");
            assertEquals(Rejected.Reason.NOT_FOUND, assertThrows(Rejected.class,
                    () -> t.apply(new SignOff("nope", "sre", "bob", null))).reason());
            assertEquals(Rejected.Reason.INVALID, assertThrows(Rejected.class,
                    () -> t.apply(new SignOff("d1", "qa", "bob", null))).reason());
            t.apply(new SignOff("d1", "engineering", "alice", "dashboards green"));
            assertNull(log(t).watch().getHandoffClosedAt());
            assertEquals(Rejected.Reason.CONFLICT, assertThrows(Rejected.class,
                    () -> t.apply(new SignOff("d1", "sre", "alice", null))).reason(), "another person");
            assertEquals(Rejected.Reason.CONFLICT, assertThrows(Rejected.class,
                    () -> t.apply(new SignOff("d1", "engineering", "carol", null))).reason(), "signed already");
            t.advance("49h");
            t.apply(new SignOff("d1", "sre", "bob", null));
            assertEquals(time("49h"), log(t).watch().getHandoffClosedAt());
            assertEquals(1, t.actions(a -> "handoff closed".equals(a.reason())).size());
            WatchReport last = written.get(written.size() - 1);
            assertEquals(List.of("engineering alice", "sre bob"), last.signOffs().stream()
                    .map(s -> s.role() + " " + s.by()).toList(), "the final report shows both sign-offs");
            assertNotNull(last.handoffClosedAt());
            assertEquals("PASS", last.summary().verdict());
        }
    }
}
