package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.fact.WatchCriteria;
import io.tocsin.engine.input.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The end of the watch: success and promotion, or an extension saying why; replayed over 48-72 hours. */
class WatchVerdictTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");


    /** Healthy values of every metric the criteria read, every 5 minutes; {@code errors} gives the error ratio. */
    private static void replay(Timeline t, String from, String to, LongFunction<Double> errors,
            LongFunction<Double> htdag) {
        for (long at = time(from); at <= time(to); at += 300_000) {
            long offset = at - time("0");
            List<Sample> batch = new ArrayList<>();
            batch.add(Timeline.sample(offset + "ms", "genesis_test_pass_rate", GENESIS, 0.995));
            batch.add(Timeline.sample(offset + "ms", "genesis_error_ratio", GENESIS, errors.apply(offset)));
            batch.add(Timeline.sample(offset + "ms", "genesis_operation_p95_seconds", GENESIS, 0.12));
            batch.add(Timeline.sample(offset + "ms", "up", Map.of("job", "genesis-orchestration"), 1));
            batch.add(Timeline.sample(offset + "ms", "genesis_htdag_decomposition_avg_seconds", GENESIS,
                    htdag.apply(offset)));
            t.batch(offset + "ms", batch.toArray(Sample[]::new));
        }
    }

    private static Watch watch(Timeline t) {
        return t.evaluator().watch("d1").orElseThrow().watch();
    }

    @Test
    void aCleanDeploymentSucceedsAtT48hAndIsPromoted() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            replay(t, "0", "47h55m", x -> 0.0002, x -> 0.12);
            assertEquals(Watch.State.WATCHING, watch(t).getState());
            replay(t, "48h", "48h", x -> 0.0002, x -> 0.12);
            assertEquals(Watch.State.SUCCEEDED, watch(t).getState());
            assertEquals(time("48h"), watch(t).getClosedAt());
            Action promote = t.actions(r -> r.destination().equals("promote")).get(0);
            assertEquals("remediate", promote.type());
            assertEquals("d1", promote.deployment());
            assertEquals(100, ((Action.Promote) promote).traffic());
            assertEquals(time("48h"), promote.at());
            Action handoff = t.actions(r -> "verdict".equals(Timeline.watchTopic(r))).get(0);
            assertEquals("#genesis-monitoring", handoff.destination());
            assertTrue(handoff.reason().startsWith("watch succeeded"), handoff.reason());
        }
    }

    @Test
    void aSustainedViolationAtHour30ExtendsTheWatchBy24HoursThenItSucceeds() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            LongFunction<Double> errors = x -> x >= time("30h") - time("0") && x < time("32h") - time("0") ? 0.004 : 0.0002;
            replay(t, "0", "48h", errors, x -> 0.12);
            Watch w = watch(t);
            assertEquals(Watch.State.WATCHING, w.getState());
            assertEquals(1, w.getExtensions());
            assertEquals(time("72h"), w.getEndsAt());
            assertTrue(w.getReason().startsWith("criteria not met: ErrorRatio 95.83% < 99%"), w.getReason());
            WatchCriteria.Tracked errorRatio = w.getCriteria().all().stream()
                    .filter(c -> c.name().equals("ErrorRatio")).findFirst().orElseThrow();
            assertEquals(0.004, errorRatio.worst());
            Action extended = t.actions(r -> "verdict".equals(Timeline.watchTopic(r))).get(0);
            assertTrue(extended.reason().contains("extended"), extended.reason());
            assertTrue(t.actions(r -> r.destination().equals("promote")).isEmpty());
            // the extension is judged on its own: clean from 48h to 72h
            replay(t, "48h5m", "72h", x -> 0.0002, x -> 0.12);
            assertEquals(Watch.State.SUCCEEDED, watch(t).getState());
            assertEquals(1, t.actions(r -> r.destination().equals("promote")).size());
        }
    }

    @Test
    void violationRangesAndTheWorstValueAreRecorded() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            replay(t, "0", "10h", x -> x == time("2h") - time("0") ? 0.009
                    : x > time("2h") - time("0") && x <= time("3h") - time("0") ? 0.003 : 0.0002, x -> 0.12);
            WatchCriteria.Tracked errorRatio = watch(t).getCriteria().all().stream()
                    .filter(c -> c.name().equals("ErrorRatio")).findFirst().orElseThrow();
            assertEquals(List.of(new WatchCriteria.Range(time("2h"), time("3h5m"))), errorRatio.ranges());
            assertEquals(0.009, errorRatio.worst());
            assertEquals(1 - 65.0 / 600, errorRatio.compliance(time("0"), time("10h")), 1e-9);
        }
    }

    @Test
    void aFiringP1AlertAtTheEndExtendsTheWatch() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            replay(t, "0", "48h", x -> x >= time("47h50m") - time("0") ? 0.0011 : 0.0002, x -> 0.12);
            Watch w = watch(t);
            assertEquals(1, w.getExtensions());
            assertEquals("a P1 alert is still firing", w.getReason());
        }
    }

    @Test
    void componentLatencyIsJudgedAgainstTheBaselineGivenAtRegistration() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"),
                    Map.of("genesis_htdag_decomposition_avg_seconds", 0.10));
            replay(t, "0", "48h", x -> 0.0002, x -> x < time("24h") - time("0") ? 0.105 : 0.13);
            Watch w = watch(t);
            assertEquals(1, w.getExtensions());
            assertTrue(w.getReason().contains("ComponentLatencyWithinBaseline"), w.getReason());
        }
    }
}
