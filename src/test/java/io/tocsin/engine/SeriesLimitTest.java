package io.tocsin.engine;

import static io.tocsin.testing.Samples.sample;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.input.IngestResult;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.testing.Timeline;
import io.tocsin.watch.Archive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine holds at most {@code max-series} series: a batch that would create more is refused whole, with
 * nothing of it applied, while samples of known series keep flowing; staleness markers of unknown series create
 * nothing, and forgotten series make room again.
 */
class SeriesLimitTest {

    private static Timeline limited(int maxSeries) {
        return new Timeline(c -> Archive.none(), Evaluator.Settings.defaults()
                .withLimits(EngineLimits.defaults().withMaxSeries(maxSeries)), null);
    }

    private static List<Sample> series(String metric, int from, int to, long at) {
        List<Sample> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(sample(metric, Map.of("instance", "i" + i), 1, at));
        }
        return out;
    }

    @Test
    void aBatchWithTooManyNewSeriesIsRefusedWholeAndKnownSeriesFlow() {
        try (Timeline t = limited(10)) {
            t.apply(new SampleBatch(series("load", 0, 8, time("0"))));
            List<Sample> mixed = new ArrayList<>(series("load", 0, 8, time("15s"))); // known
            mixed.addAll(series("load", 8, 13, time("15s"))); // 5 new, 3 over the limit
            Rejected refused = assertThrows(Rejected.class, () -> t.apply(new SampleBatch(mixed)));
            assertEquals(Rejected.Reason.LIMIT, refused.reason());
            assertEquals(429, refused.reason().status());
            assertEquals("series", refused.field());
            assertTrue(refused.getMessage().contains("3 new series refused"), refused.getMessage());
            assertEquals(8, t.evaluator().counts().currentSeries(), "nothing of the batch was applied");
            assertEquals(time("0"), t.evaluator().now().getAsLong(), "not even the clock");

            IngestResult known = t.apply(new SampleBatch(series("load", 0, 8, time("30s"))));
            assertEquals(8, known.accepted(), "known series keep flowing");
            assertEquals(10, t.apply(new SampleBatch(series("load", 0, 10, time("45s")))).accepted(),
                    "up to the limit");
            assertThrows(Rejected.class, () -> t.apply(new SampleBatch(series("load", 10, 11, time("1m")))));
        }
    }

    @Test
    void markersOfUnknownSeriesCreateNothingAndForgottenSeriesMakeRoom() {
        try (Timeline t = limited(2)) {
            t.apply(new SampleBatch(series("load", 0, 2, time("0"))));
            assertEquals(1, t.apply(new SampleBatch(List.of(Sample.staleMarker(
                    new io.tocsin.engine.fact.SeriesKey("load", Map.of("instance", "other")), time("10s")))))
                    .accepted(), "a marker for a series nobody knows ends nothing and creates nothing");
            assertThrows(Rejected.class, () -> t.apply(new SampleBatch(series("other", 0, 1, time("20s")))));
            t.advance("1h6m"); // stale after 5m, forgotten after the 1h retention
            assertEquals(1, t.apply(new SampleBatch(series("other", 0, 1, time("1h6m")))).accepted());
        }
    }

    @Test
    void tenThousandBatchesOfUniqueSeriesNeitherGrowTheTableNorStopKnownSeries() {
        try (Timeline t = limited(1_000)) {
            int refused = 0;
            for (int b = 0; b < 10_000; b++) {
                try {
                    t.apply(new SampleBatch(series("flood_" + b, 0, 5, time("0") + b)));
                } catch (Rejected e) {
                    refused++;
                }
            }
            assertEquals(10_000 - 200, refused);
            assertEquals(1_000, t.evaluator().counts().currentSeries() + t.evaluator().counts().staleSeries());
            assertEquals(5, t.apply(new SampleBatch(series("flood_0", 0, 5, time("1m")))).accepted());
        }
    }
}
