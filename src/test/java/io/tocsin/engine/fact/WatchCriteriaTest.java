package io.tocsin.engine.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compliance counts only observed time: a watch registered with a start in the past has not met its criteria for
 * the time before its first observation, and violations count as before.
 */
class WatchCriteriaTest {

    private static final long H = 3_600_000;

    @ParameterizedTest(name = "window [{0}h, {1}h], first observed at {2}h, violated {3}h..{4}h: {5}")
    @CsvSource({
            "0, 48, 0,  -1, -1, 1.0",
            "0, 48, 24, -1, -1, 0.5",
            "0, 48, 47, -1, -1, 0.0208333333",
            "0, 48, 0,  10, 22, 0.75",
            "0, 48, 24, 30, 36, 0.375",
            "24, 48, 0, 10, 22, 1.0",
            "0, 10, 20, -1, -1, 0.0"})
    void onlyObservedTimeIsCompliant(long from, long to, long observed, long violatedFrom, long violatedTo,
            double expected) {
        WatchCriteria criteria = new WatchCriteria();
        criteria.observe("c", 0.99, false, false, null, observed * H);
        if (violatedFrom >= 0) {
            criteria.observe("c", 0.99, false, true, 1.0, violatedFrom * H);
            criteria.observe("c", 0.99, false, false, null, violatedTo * H);
        }
        assertEquals(expected, criteria.all().get(0).compliance(from * H, to * H), 1e-9);
    }

    @ParameterizedTest(name = "saved with observedFrom {0}")
    @CsvSource(value = {"NULL, 1.0", "86400000, 0.5"}, nullValues = "NULL")
    void restoredLedgersKeepWhatTheyObserved(Long observedFrom, double expected) {
        WatchCriteria criteria = new WatchCriteria();
        criteria.restore("c", 0.99, false, List.of(), null, observedFrom);
        assertEquals(expected, criteria.all().get(0).compliance(0, 48 * H), 1e-9,
                "a ledger saved before observedFrom was kept counts as observed throughout, as it did then");
    }
}
