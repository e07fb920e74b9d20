package io.tocsin.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Time and samples for HTTP tests against the shared application on the event clock. Engine time only moves
 * forward and all tests share the application, so each test starts an hour past whatever earlier tests reached
 * and uses labels of its own.
 */
public final class EventTime {

    private final long base;

    private EventTime(long base) {
        this.base = base;
    }

    public static EventTime fresh() {
        String now = given().get("/api/v1/clock").then().statusCode(200).extract().path("now");
        long start = now == null ? Instant.parse("2025-10-18T15:00:00Z").toEpochMilli()
                : Instant.parse(now).toEpochMilli() + 3_600_000;
        return new EventTime(start);
    }

    /** RFC 3339 of base + seconds. */
    public String at(long seconds) {
        return Instant.ofEpochMilli(millis(seconds)).toString();
    }

    public long millis(long seconds) {
        return base + seconds * 1000;
    }

    /** One sample at base + seconds, as the samples endpoint takes it. */
    public String sample(String metric, Map<String, String> labels, double value, long seconds) {
        return Samples.json(metric, labels, value, millis(seconds));
    }

    /** Posts one batch of samples (JSON objects) and expects it evaluated. */
    public static void post(List<String> samples) {
        given().contentType(ContentType.JSON).body("[" + String.join(",", samples) + "]").post("/api/v1/samples")
                .then().statusCode(200);
    }

    /** One series every 15 s from base + from to base + to (seconds, inclusive), one batch per sample. */
    public void series(long from, long to, String metric, Map<String, String> labels, double value) {
        for (long s = from; s <= to; s += 15) {
            post(List.of(sample(metric, labels, value, s)));
        }
    }

    /** {@code GET /api/v1/actions} with a query such as {@code ?type=rollback}. */
    public static List<Map<String, Object>> actions(String query) {
        return JsonPath.from(given().get("/api/v1/actions" + query).then().statusCode(200).extract().asString())
                .getList("$");
    }

    /** Actions whose labels carry {@code test=<testLabel>}. */
    public static List<Map<String, Object>> actionsFor(String testLabel) {
        return actions("").stream().filter(a -> testLabel.equals(((Map<?, ?>) a.get("labels")).get("test"))).toList();
    }
}
