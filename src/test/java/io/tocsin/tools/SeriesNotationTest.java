package io.tocsin.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** promtool's input notation. */
class SeriesNotationTest {

    @Test
    void expandsValues() {
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.02, 0.02), SeriesNotation.values("0x3 0.02x1"));
        assertEquals(List.of(1.0, 3.0, 5.0), SeriesNotation.values("1+2x2"));
        assertEquals(List.of(10.0, 7.0, 4.0), SeriesNotation.values("10-3x2"));
        assertEquals(Arrays.asList(1.0, null, null, null, 2.0, null), SeriesNotation.values("1 _x3 2 _"));
        assertEquals(List.of(-1.5, 1e-3), SeriesNotation.values(" -1.5  1e-3 "));
    }

    @Test
    void rejectsWhatIsNotAValue() {
        assertEquals("'abc' is not a value (expected a number, a+bxn, axn, _ or _xn)",
                assertThrows(IllegalArgumentException.class, () -> SeriesNotation.values("1 abc")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.values("NaN"));
    }

    @Test
    void readsSeriesSelectors() {
        var key = SeriesNotation.selector("up{job=\"genesis-orchestration\", instance=\"a\\\"b\"}");
        assertEquals("up", key.metric());
        assertEquals(Map.of("job", "genesis-orchestration", "instance", "a\"b"), key.labels());
        assertEquals(Map.of(), SeriesNotation.selector("genesis_flaky_tests").labels());
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.selector("up{job=unquoted}"));
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.selector("9up"));
    }
}
