package io.tocsin.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tocsin.http.RequestRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits both ingest endpoints share, with the name of the limit each refusal is counted under. */
class SeriesRulesTest {

    private static final SeriesRules RULES = new SeriesRules(SeriesRules.Limits.defaults());

    @ParameterizedTest(name = "value of {0} x ''{1}'' -> {2}")
    @CsvSource(nullValues = "ok", value = {
            "2048, a, ok",
            "2049, a, label-value-length",
            "1024, é, ok",                 // two bytes each: 2,048
            "1025, é, label-value-length",
            "682, €, ok",                  // three bytes each: 2,046
            "683, €, label-value-length",
            "512, \uD83D\uDE00, ok",       // a surrogate pair is four bytes: 2,048
            "513, \uD83D\uDE00, label-value-length"})
    void labelValuesAreMeasuredInUtf8Bytes(int times, String character, String limit) {
        SeriesRules.Problem problem = RULES.labelValue(character.repeat(times));
        assertEquals(limit, problem == null ? null : problem.limit());
    }

    @ParameterizedTest(name = "control character U+{0}")
    @CsvSource({"0000", "0009", "000A", "000D", "001B", "007F", "0085", "009F"})
    void controlCharactersAreRefused(String hex) {
        String value = "genesis" + (char) Integer.parseInt(hex, 16) + "x";
        assertEquals("label-value-characters", RULES.labelValue(value).limit());
    }

    @Test
    void namesCountsAndRequestsHaveLimits() {
        assertNull(RULES.labelName("a".repeat(128)));
        assertEquals("label-name-length", RULES.labelName("a".repeat(129)).limit());
        assertNull(RULES.labelName("__name__".substring(2)));
        assertNull(RULES.labelName("__x") == null ? "reserved names are refused" : null);
        assertNull(RULES.metricName("m".repeat(256)));
        assertEquals("metric-name-length", RULES.metricName("m".repeat(257)).limit());
        assertNull(RULES.labelCount(64));
        assertEquals("labels-per-series", RULES.labelCount(65).limit());
        RULES.checkSampleCount(100_000, "");
        RequestRefusedException tooMany = assertThrows(RequestRefusedException.class,
                () -> RULES.checkSampleCount(100_001, ""));
        assertEquals(413, tooMany.status());
        assertEquals("samples-per-request", tooMany.limit());
        assertNull(RULES.labelValue("ünïcode ok, tabs not"));
    }
}
