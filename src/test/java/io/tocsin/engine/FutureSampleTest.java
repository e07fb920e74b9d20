package io.tocsin.engine;

import static io.tocsin.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tocsin.engine.action.ActionPolicy;
import io.tocsin.engine.input.IngestResult;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.testing.TestRules;
import io.tocsin.testing.Timeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On the wall clock a sample stamped ahead of engine now (within the future tolerance) never holds its series:
 * the next real sample, stamped at or before now, replaces it instead of being out of order; and nothing moves a
 * series beyond now plus the tolerance.
 */
class FutureSampleTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");
    private static final long NOW = Timeline.ORIGIN.toEpochMilli();

    private static Evaluator wallClock() {
        var rules = TestRules.fixture();
        return new Evaluator(rules.newSession(), rules.catalog(), Evaluator.Settings.defaults(), true, NOW,
                Evaluator.Setup.inMemory(Timeline.POLICY), null);
    }

    private static IngestResult post(Evaluator e, long wallNow, double value, long at) {
        return e.apply(new SampleBatch(List.of(sample("genesis_error_ratio", GENESIS, value, at))), wallNow);
    }

    @Test
    void aSampleFromTheFutureDoesNotHideTheRealSeries() {
        try (Evaluator e = wallClock()) {
            assertEquals(new IngestResult(1, 0), post(e, NOW, 0.5, NOW + 240_000)); // 4 minutes ahead: accepted
            assertEquals(new IngestResult(1, 0), post(e, NOW + 1_000, 0.0001, NOW + 1_000),
                    "the real sample replaces the one from the future");
            assertEquals(new IngestResult(1, 0), post(e, NOW + 2_000, 0.0002, NOW + 2_000));
            assertEquals(new IngestResult(0, 1), post(e, NOW + 3_000, 0.0003, NOW + 1_500),
                    "older than the real latest: out of order, as ever");
        }
    }

    @Test
    void aSeriesEndedFromTheFutureAndSampledAgainIsForgottenOnItsRealTime() {
        try (Evaluator e = wallClock()) {
            var key = sample("genesis_error_ratio", GENESIS, 0, NOW).key();
            post(e, NOW, 0.0001, NOW);
            e.apply(new SampleBatch(List.of(io.tocsin.engine.input.Sample.staleMarker(key, NOW + 240_000))),
                    NOW + 500); // ends the series from 4 minutes ahead
            assertEquals(1, e.counts().staleSeries());
            post(e, NOW + 1_000, 0.0001, NOW + 1_000); // the real sample replaces the marker from the future
            e.apply(new io.tocsin.engine.input.Tick(), NOW + 1_000 + 300_001);
            assertEquals(1, e.counts().staleSeries(), "stale again five minutes after the real sample");
            e.apply(new io.tocsin.engine.input.Tick(), NOW + 1_000 + 3_600_001);
            assertEquals(0, e.counts().staleSeries(),
                    "forgotten an hour after the real sample, not an hour after the marker from the future");
        }
    }

    @Test
    void theRealSampleThatReplacedOneFromTheFutureGoesStaleOnItsOwnTime() {
        try (Evaluator e = wallClock()) {
            post(e, NOW, 0.5, NOW + 240_000);
            post(e, NOW + 1_000, 0.0001, NOW + 1_000);
            e.apply(new io.tocsin.engine.input.Tick(), NOW + 1_000 + 300_000);
            assertEquals(1, e.counts().currentSeries(), "exactly five minutes old: still current");
            e.apply(new io.tocsin.engine.input.Tick(), NOW + 1_000 + 300_001);
            assertEquals(0, e.counts().currentSeries(),
                    "stale five minutes after the real sample, not after the one from the future");
            assertEquals(1, e.counts().staleSeries());
        }
    }

    @Test
    void nothingMovesASeriesBeyondNowPlusTheTolerance() {
        try (Evaluator e = wallClock()) {
            assertEquals(new IngestResult(0, 1), post(e, NOW, 0.5, NOW + 300_001),
                    "beyond the 5-minute tolerance it is ignored and counted");
            assertEquals(new IngestResult(1, 0), post(e, NOW, 0.5, NOW + 300_000));
        }
    }

    @Test
    void onEventTimeNowFollowsTheSamples() {
        try (Timeline t = new Timeline(new ActionPolicy(false, java.util.Set.of(), Map.of(), "rollback",
                "promote"))) {
            t.post("10m", "genesis_error_ratio", GENESIS, 0.5);
            assertEquals(Timeline.time("10m"), t.evaluator().now().getAsLong());
            assertEquals(0, t.post("5m", "genesis_error_ratio", GENESIS, 0.5).accepted(),
                    "no sample is ahead of now once its batch is applied, so order is the series' own");
        }
    }
}
