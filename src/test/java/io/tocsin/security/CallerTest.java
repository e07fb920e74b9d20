package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The author a request names is kept as a remark, never as who did it. */
class CallerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "on it       | alice | on it (request named alice)",
        "null        | alice | request named alice",
        "on it       | null  | on it",
        "on it       | ops   | on it",
        "null        | null  | null",
        "on it       | ' '   | on it",
    })
    void remark(String text, String named, String expected) {
        assertEquals(expected, Caller.remark(text, named, "ops"));
    }
}
