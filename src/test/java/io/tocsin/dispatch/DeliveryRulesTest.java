package io.tocsin.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an HTTP answer classifies a delivery, and how long the dispatcher waits before trying again. */
class DeliveryRulesTest {

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({"200, SENT", "202, SENT", "204, SENT", "299, SENT", "301, PERMANENT", "400, PERMANENT",
            "401, PERMANENT", "403, PERMANENT", "404, PERMANENT", "408, RETRYABLE", "410, PERMANENT",
            "429, RETRYABLE", "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE", "504, RETRYABLE"})
    void httpStatus(int status, Delivery.Outcome outcome) {
        Delivery delivery = Delivery.ofHttpStatus(status);
        assertEquals(outcome, delivery.outcome());
        assertEquals("http", delivery.via());
        assertEquals(outcome == Delivery.Outcome.SENT ? null : "HTTP " + status, delivery.error());
    }

    @ParameterizedTest(name = "after attempt {2} with {0} ms, capped at {1} ms: {3} ms")
    @CsvSource({"1000, 60000, 1, 1000", "1000, 60000, 2, 2000", "1000, 60000, 3, 4000", "1000, 60000, 6, 32000",
            "1000, 60000, 7, 60000", "1000, 60000, 200, 60000", "1000, 300000, 9, 256000",
            "1000, 300000, 10, 300000", "50, 40, 1, 40", "0, 1000, 5, 0",
            "9223372036854775807, 9223372036854775807, 64, 9223372036854775807"})
    void backoffDoublesUpToTheCap(long initial, long max, int attempt, long expected) {
        assertEquals(expected, new Backoff(initial, max).after(attempt));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1"})
    void attemptsCountFromOne(int attempt) {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1000, 60000).after(attempt));
    }
}
