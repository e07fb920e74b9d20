package io.tocsin.engine.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The notations SREs write in rules: Prometheus durations and the watch's checkpoint cadence. */
class NotationTest {

    @ParameterizedTest(name = "{0} = {1} ms, printed {2}")
    @CsvSource({"0, 0, 0s", "500ms, 500, 500ms", "30s, 30000, 30s", "2m, 120000, 2m", "1h30m, 5400000, 1h30m",
            "90s, 90000, 1m30s", "1d, 86400000, 1d", "1w, 604800000, 7d", "1y, 31536000000, 365d",
            "1h0m5s, 3605000, 1h5s"})
    void durations(String text, long millis, String printed) {
        assertEquals(millis, Durations.millis(text));
        assertEquals(printed, Durations.format(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m", "1.5h", "-1m", "5 m", "1H", "PT5M", "1m 30s"})
    void notDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.millis(text));
    }

    @ParameterizedTest(name = "after {0}: {1} ({2})")
    @CsvSource({"0, 15m, intensive", "15m, 30m, intensive", "5h45m, 6h, intensive", "6h, 7h, active",
            "23h, 24h, active", "24h, 27h, extended", "45h, 48h, extended", "72h, 75h, extended"})
    void theRunbookCadence(String after, String next, String phaseOfNext) {
        Cadence cadence = Cadence.parse("intensive every 15m until 6h, active every 1h until 24h, extended every 3h");
        long offset = cadence.next(Durations.millis(after));
        assertEquals(Durations.millis(next), offset);
        assertEquals(phaseOfNext, cadence.phaseOf(offset));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a every 25m until 1h, b every 1h | 50m | 2h",
            "only every 10m | 20m | 30m"})
    void aPhaseThatDoesNotDivideItsSpanStartsTheNextOneAtItsEnd(String text, String after, String next) {
        assertEquals(Durations.millis(next), Cadence.parse(text).next(Durations.millis(after)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "intensive every 15m until", "a every 1h, b every 2h until 5h", "a every 0 until 1h",
            "a every 1h until 2h, b every 1h until 1h", "a each 1h", "a every soon"})
    void notCadences(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cadence.parse(text));
    }
}
