package io.tocsin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast RFC 3339 path agrees with java.time on every time it accepts, and leaves the rest to it. */
class TimestampsTest {

    private static long javaTime(String text) {
        return OffsetDateTime.parse(text.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-10-18T15:32:00Z", "2025-10-18t15:32:00z", "2025-10-18 15:32:00Z",
            "2025-10-18T15:32:00.1Z", "2025-10-18T15:32:00.12Z", "2025-10-18T15:32:00.123Z",
            "2025-10-18T15:32:00.123456789Z", "2025-10-18T15:32:00.999999Z", "2025-10-18T15:32:00+02:00",
            "2025-10-18T15:32:00.5-07:30", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.9995Z",
            "2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
            "2025-01-01T00:00:00+18:00", "2025-01-01T00:00:00-18:00"})
    void agreesWithJavaTime(String text) {
        assertEquals(javaTime(text), Timestamps.fastRfc3339(text), text);
        long expected = javaTime(text);
        if (expected >= 0 && expected <= Timestamps.LATEST) {
            assertEquals(expected, Timestamps.parse(TextNode.valueOf(text), "t"), text);
        } else { // the fast path's answer is held to the same range as the general path's
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> Timestamps.parse(TextNode.valueOf(text), "t"), text);
            assertEquals("t", e.field());
            assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999-00:01",
            "1970-01-01T00:59:59+01:00"})
    void timesOutsideTheRangeAreRefusedOnTheFastPathToo(String text) {
        assertTrue(Timestamps.fastRfc3339(text) != Timestamps.NOT_SIMPLE, "taken by the fast path: " + text);
        assertThrows(InvalidInputException.class, () -> Timestamps.parse(TextNode.valueOf(text), "t"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
            "2025-10-18T24:00:00Z", "2025-10-18T15:60:00Z", "2025-10-18T15:32:60Z", "2025-10-18T15:32:00",
            "2025-10-18T15:32:00.Z", "2025-10-18T15:32:00.1234567890Z", "2025-10-18T15:32:00+19:00",
            "2025-10-18T15:32:00+0200", "2025-10-18X15:32:00Z", "2025-1a-18T15:32:00Z", "20251018T153200Z"})
    void leavesEverythingElseToTheGeneralPath(String text) {
        assertEquals(Timestamps.NOT_SIMPLE, Timestamps.fastRfc3339(text), text);
    }

    @Test
    void randomTimesAgree() {
        Random random = new Random(3339);
        for (int i = 0; i < 20_000; i++) {
            long millis = random.nextLong(-2_000_000_000_000L, 250_000_000_000_000L);
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            String text = java.time.Instant.ofEpochMilli(millis).atOffset(java.time.ZoneOffset.ofTotalSeconds(
                    offsetMinutes * 60)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertEquals(javaTime(text), Timestamps.fastRfc3339(text), text);
        }
    }
}
