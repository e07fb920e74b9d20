package io.tocsin.dispatch;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Posts samples to the running application on its event clock, from a base an hour past its current time. */
final class Replay {

    final long base;

    Replay() {
        String now = given().get("/api/v1/clock").then().statusCode(200).extract().path("now");
        base = now == null ? Instant.parse("2025-10-18T15:00:00Z").toEpochMilli()
                : Instant.parse(now).toEpochMilli() + 3_600_000;
    }

    String at(long seconds) {
        return Instant.ofEpochMilli(base + seconds * 1000).toString();
    }

    static String sample(String metric, Map<String, String> labels, double value, String time) {
        String labelJson = labels.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return "{\"metric\":\"" + metric + "\",\"labels\":" + labelJson + ",\"value\":" + value + ",\"timestamp\":\""
                + time + "\"}";
    }

    /** One batch at base + seconds holding one sample per series. */
    void post(long seconds, List<String> samples) {
        given().contentType(ContentType.JSON).body("[" + String.join(",", samples) + "]").post("/api/v1/samples")
                .then().statusCode(200);
    }

    /** One series every 15 s from base + from to base + to (seconds, inclusive). */
    void series(long from, long to, String metric, Map<String, String> labels, double value) {
        for (long s = from; s <= to; s += 15) {
            post(s, List.of(sample(metric, labels, value, at(s))));
        }
    }

    static List<Map<String, Object>> actions(String query) {
        return JsonPath.from(given().get("/api/v1/actions" + query).then().statusCode(200).extract().asString())
                .getList("$");
    }

    /** Actions whose labels contain the given test label. */
    static List<Map<String, Object>> actionsFor(String testLabel) {
        return actions("").stream().filter(a -> testLabel.equals(((Map<?, ?>) a.get("labels")).get("test"))).toList();
    }
}
