package io.tocsin.api;

import static io.restassured.RestAssured.given;

import java.time.Instant;

/**
 * Time for HTTP tests against the shared application on the event clock. Engine time only moves forward and
 * the application is shared by all tests, so each test starts an hour past whatever earlier tests reached and
 * uses its own labels.
 */
final class EventTime {

    private final long base;

    private EventTime(long base) {
        this.base = base;
    }

    static EventTime fresh() {
        String now = given().get("/api/v1/clock").then().statusCode(200).extract().path("now");
        long start = now == null ? Instant.parse("2025-10-18T15:00:00Z").toEpochMilli()
                : Instant.parse(now).toEpochMilli() + 3_600_000;
        return new EventTime(start);
    }

    /** RFC 3339 of base + seconds. */
    String at(long seconds) {
        return Instant.ofEpochMilli(base + seconds * 1000).toString();
    }

    long millis(long seconds) {
        return base + seconds * 1000;
    }
}
