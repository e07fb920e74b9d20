package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.testing.EventTime;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingestion contract end to end over HTTP, on the event clock (the test profile's setting). */
@QuarkusTest
class IngestApiTest {

    private static void post(String body, int status) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/samples").then().statusCode(status);
    }

    /** {@code tocsin_alert_transitions_total{to=...}} now (other tests move it too: compare differences). */
    private static double transitions(String to) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("tocsin_alert_transitions_total{to=\"" + to + "\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no tocsin_alert_transitions_total{to=\"" + to + "\"}"));
    }

    @Test
    void errorRateBreachGoesPendingThenFiringAtExactlyTwoMinutes() {
        EventTime t = EventTime.fresh();
        double pending = transitions("pending");
        double firing = transitions("firing");
        double resolved = transitions("resolved");
        Map<String, String> labels = Map.of("service", "genesis", "test", "e2e");
        for (int s = 0; s < 120; s += 15) {
            given().contentType(ContentType.JSON).body("[" + t.sample("genesis_error_ratio", labels, 0.002, s) + "]")
                    .post("/api/v1/samples").then().statusCode(200)
                    .body("accepted", equalTo(1)).body("outOfOrder", equalTo(0));
            given().get("/api/v1/alerts?state=pending").then().statusCode(200)
                    .body("findAll { it.labels.test == 'e2e' }.state", equalTo(List.of("pending")))
                    .body("find { it.labels.test == 'e2e' }.activeAt", equalTo(t.at(0)));
        }
        post("[" + t.sample("genesis_error_ratio", labels, 0.002, 120) + "]", 200);
        given().get("/api/v1/alerts").then().statusCode(200)
                .body("find { it.labels.test == 'e2e' }.name", equalTo("HighErrorRate"))
                .body("find { it.labels.test == 'e2e' }.state", equalTo("firing"))
                .body("find { it.labels.test == 'e2e' }.firedAt", equalTo(t.at(120)))
                .body("find { it.labels.test == 'e2e' }.activeAt", equalTo(t.at(0)))
                .body("find { it.labels.test == 'e2e' }.priority", equalTo("P1"))
                .body("find { it.labels.test == 'e2e' }.severity", equalTo("critical"))
                .body("find { it.labels.test == 'e2e' }.value", equalTo(0.002f))
                .body("find { it.labels.test == 'e2e' }.labels", equalTo(Map.of("service", "genesis", "test", "e2e")))
                .body("find { it.labels.test == 'e2e' }.summary",
                        equalTo("Error ratio of genesis is 0.002, above 0.001"))
                .body("find { it.labels.test == 'e2e' }.rule.pack", equalTo("fixture"))
                .body("find { it.labels.test == 'e2e' }.rule.file", equalTo("fixture/slo.drl"))
                .body("find { it.labels.test == 'e2e' }.rule.name", equalTo("Error ratio above 0.1% for 2 minutes"))
                .body("find { it.labels.test == 'e2e' }.resolvedAt", nullValue());

        post("[" + t.sample("genesis_error_ratio", labels, 0.0, 135) + "]", 200);
        given().get("/api/v1/alerts").then().body("findAll { it.labels.test == 'e2e' }", empty());
        given().get("/api/v1/alerts?state=resolved").then().statusCode(200)
                .body("find { it.labels.test == 'e2e' }.state", equalTo("resolved"))
                .body("find { it.labels.test == 'e2e' }.resolvedAt", equalTo(t.at(135)));
        // this alert's three transitions are counted (tests in parallel could only add more)
        org.junit.jupiter.api.Assertions.assertTrue(transitions("pending") >= pending + 1, "pending counted");
        org.junit.jupiter.api.Assertions.assertTrue(transitions("firing") >= firing + 1, "firing counted");
        org.junit.jupiter.api.Assertions.assertTrue(transitions("resolved") >= resolved + 1, "resolved counted");
    }

    @Test
    void epochMillisecondTimestampsAndOutOfOrderCounts() {
        EventTime t = EventTime.fresh();
        String body = "[{\"metric\":\"genesis_flaky_tests\",\"labels\":{\"test\":\"epoch\"},\"value\":1,\"timestamp\":"
                + t.millis(60) + "},{\"metric\":\"genesis_flaky_tests\",\"labels\":{\"test\":\"epoch\"},\"value\":9,"
                + "\"timestamp\":" + t.millis(30) + "}]";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/samples").then().statusCode(200)
                .body("accepted", equalTo(1)).body("outOfOrder", equalTo(1));
        given().get("/api/v1/clock").then().body("now", equalTo(t.at(60))).body("mode", equalTo("event"));
        given().get("/api/v1/alerts").then().body("findAll { it.labels.test == 'epoch' }", empty());
    }

    @Test
    void labelsAreOptionalAndEmptyBatchesAreAccepted() {
        EventTime t = EventTime.fresh();
        given().contentType(ContentType.JSON)
                .body("[{\"metric\":\"genesis_flaky_tests\",\"value\":5,\"timestamp\":\"" + t.at(0) + "\"}]")
                .post("/api/v1/samples").then().statusCode(200).body("accepted", equalTo(1));
        given().get("/api/v1/alerts").then()
                .body("find { it.name == 'IntermittentTestFailures' && it.labels.isEmpty() }.state", equalTo("firing"));
        post("[]", 200);
    }

    @Test
    void clockAdvancesEventTimeAndRefusesToGoBack() {
        EventTime t = EventTime.fresh();
        given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + t.at(0) + "\"}").post("/api/v1/clock")
                .then().statusCode(200).body("now", equalTo(t.at(0)));
        given().contentType(ContentType.JSON).body("{\"timestamp\":" + t.millis(-1) + "}").post("/api/v1/clock")
                .then().statusCode(400).body("field", equalTo("timestamp"))
                .body("message", containsString("backwards"));
        given().contentType(ContentType.JSON).body("{\"when\":1}").post("/api/v1/clock")
                .then().statusCode(400).body("field", equalTo("timestamp"));
        given().get("/api/v1/clock").then().body("now", equalTo(t.at(0)));
    }

    @Test
    void malformedJsonOnEveryEndpointIsA400NamingTheBody() {
        for (String path : List.of("/api/v1/clock", "/api/v1/silences", "/api/v1/deployments", "/api/v1/alerts/x/ack",
                "/api/v1/deployments/initial/rollback", "/api/v1/samples")) {
            given().contentType(ContentType.JSON).body("{").post(path).then().statusCode(400)
                    .body("field", equalTo("body")).body("message", containsString("malformed JSON"));
        }
    }

    @Test
    void unknownAlertStateIsRejected() {
        given().get("/api/v1/alerts?state=burning").then().statusCode(400).body("field", equalTo("state"));
    }

    @Test
    void listsAreBareArrays() {
        given().get("/api/v1/alerts?state=resolved").then().statusCode(200).body("$", org.hamcrest.Matchers.instanceOf(List.class));
    }

    @Test
    void healthAndMetricsAreExposed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tocsin_samples_accepted_total"))
                .body(containsString("tocsin_samples_rejected_total"))
                .body(containsString("tocsin_samples_out_of_order_total"))
                .body(containsString("tocsin_evaluation_seconds_count"))
                .body(containsString("tocsin_series{state=\"current\"}"))
                .body(containsString("tocsin_alerts{state=\"firing\"}"));
    }

    @Test
    void unknownPathsAnswerWithJsonErrors() {
        given().get("/api/v1/nope").then().statusCode(404);
        given().contentType(ContentType.TEXT).body("x").post("/api/v1/samples").then().statusCode(415)
                .contentType(ContentType.JSON).body("status", equalTo(415));
    }
}
