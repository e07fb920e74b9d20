package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tocsin.engine.input.Sample;
import io.tocsin.testing.Timeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hints a series table leaves on keys serve it while the series lives and go with the series. */
class SeriesHintsTest {

    @Test
    void aForgottenSeriesLeavesNoHintOnItsKey() {
        try (Timeline t = new Timeline()) {
            Sample sample = Timeline.sample("0", "hinted_metric", Map.of("a", "1"), 1);
            t.batch(sample);
            assertNotNull(sample.key().tableHint(), "the table finds the series by its key");
            Sample again = Timeline.sample("15s", "hinted_metric", Map.of("a", "1"), 2);
            t.batch(again); // an equal key of another instance is found too, and the series moves
            assertEquals(1, t.evaluator().count(io.tocsin.engine.fact.Series.class));
            t.advance("2h"); // stale after 5 minutes, forgotten after the hour's retention
            assertEquals(0, t.evaluator().count(io.tocsin.engine.fact.Series.class));
            assertNull(sample.key().tableHint(), "a key the parsers may still hold keeps no table alive");
        }
    }
}
