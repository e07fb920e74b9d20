package io.tocsin.watch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.fact.SeriesSelector;
import io.tocsin.engine.fact.Threshold;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The @series and @threshold notations of success criteria, and the per-minute buckets behind the history. */
class SeriesSelectorTest {

    @Test
    void aListOfSelectorsSplitsOnCommasOutsideBraces() {
        List<SeriesSelector> list = SeriesSelector.parseList("up{job='api', env=\"prod\"}, genesis_error_ratio");
        assertEquals(2, list.size());
        assertEquals(Map.of("job", "api", "env", "prod"), list.get(0).labels());
        assertEquals("up{env=\"prod\",job=\"api\"}", list.get(0).toString());
        assertTrue(list.get(0).matches(new SeriesKey("up", Map.of("job", "api", "env", "prod", "instance", "a"))));
        assertFalse(list.get(0).matches(new SeriesKey("up", Map.of("job", "api"))));
        assertTrue(list.get(1).matches(new SeriesKey("genesis_error_ratio", Map.of())));
        assertFalse(list.get(1).matches(new SeriesKey("genesis_error_ratio_total", Map.of())));
    }

    @Test
    void badSelectorsAreRefusedWithWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesSelector.parse("up{job=api}"))
                .getMessage().contains("'job=api' is not a label matcher"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesSelector.parse("9lives"))
                .getMessage().contains("is not a series selector"));
        assertThrows(IllegalArgumentException.class, () -> SeriesSelector.parse("up{job='a'"));
    }

    @Test
    void aThresholdIsANumberOrAMultipleOfTheBaseline() {
        Deployment d = new Deployment("d", "1", 0, true, null, Map.of("m", 0.1));
        assertEquals(0.2, Threshold.parse("0.2").valueFor("x", d));
        assertEquals(0.11, Threshold.parse("baseline * 1.1").valueFor("m", d), 1e-12);
        assertNull(Threshold.parse("baseline * 1.1").valueFor("other", d), "no baseline, no line");
        assertThrows(IllegalArgumentException.class, () -> Threshold.parse("ten percent"));
    }

    @Test
    void bucketsKeepLowestHighestAndLastPerMinuteAndFitALine() {
        MinuteBuckets b = new MinuteBuckets();
        b.record(60_000, 5);
        b.record(61_000, 1);
        b.record(119_999, 3);
        b.record(120_000, 4);
        b.record(30_000, 9); // an older minute than the latest: not inserted in the middle
        History.Point[] points = b.between(0, 180_000);
        assertEquals(2, points.length);
        assertEquals(new History.Point(60_000, 1, 5, 3), points[0]);
        assertEquals(new History.Point(120_000, 4, 4, 4), points[1]);
        for (int minute = 3; minute < 200; minute++) {
            b.record(minute * 60_000L, 2 * minute); // +120 an hour
        }
        History.Fit fit = b.fit(10 * 60_000L, 70 * 60_000L);
        assertEquals(60, fit.points());
        assertEquals(120, fit.slopePerHour(), 1e-3);
        assertEquals(1.0, fit.r2(), 1e-9);
        assertEquals(20, fit.start(), 1e-3);
        assertEquals(138, fit.end(), 1e-3);
        assertTrue(b.dropBefore(100 * 60_000L));
        assertEquals(100 * 60_000L, b.between(0, Long.MAX_VALUE / 2)[0].minute());
    }
}
