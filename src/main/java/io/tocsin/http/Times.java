package io.tocsin.http;

import java.time.Instant;

/** Every time in a response is an RFC 3339 UTC string such as {@code 2025-10-18T15:32:00Z}. */
public final class Times {

    private Times() {
    }

    public static String format(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
