package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.testing.EventTime;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/rules}: every rule with its source location, metadata and fire count. */
@QuarkusTest
class RulesApiTest {

    @Test
    void listsEveryRuleWithProvenanceAndMetadata() {
        given().get("/api/v1/rules").then().statusCode(200)
                .body("pack", everyItem(equalTo("fixture")))
                .body("line", everyItem(greaterThan(0)))
                .body("active", everyItem(equalTo(true)))
                .body("find { it.name == 'Error ratio above 0.1% for 2 minutes' }.file", equalTo("fixture/slo.drl"))
                .body("find { it.name == 'Error ratio above 0.1% for 2 minutes' }.metadata.alert", equalTo("HighErrorRate"))
                .body("find { it.name == 'Error ratio above 0.1% for 2 minutes' }.metadata.for", equalTo("2m"))
                .body("find { it.name == 'Error ratio above 0.1% for 2 minutes' }.metadata.priority", equalTo("P1"))
                .body("find { it.name == 'Error ratio above 0.1% for 2 minutes' }.metadata.severity", equalTo("critical"))
                .body("find { it.metadata.criterion == 'ErrorRatioAbove1Percent' }.file", equalTo("fixture/rollback.drl"))
                .body("find { it.metadata.alert == 'GenesisServiceDown' }.metadata.for", equalTo("1m"))
                .body("find { it.metadata.cadence != null }.metadata.cadence",
                        equalTo("intensive every 15m until 6h, active every 1h until 24h, extended every 3h"))
                .body("find { it.metadata.success == 'Availability' }.metadata.series",
                        equalTo(java.util.List.of("up{job=\"genesis-orchestration\"}")))
                .body("find { it.metadata.success == 'Availability' }.metadata.required", equalTo(0.999f))
                .body("find { it.metadata.success == 'ComponentLatencyWithinBaseline' }.metadata.threshold",
                        equalTo("baseline * 1.1"))
                .body("find { it.metadata.success == 'ErrorRatio' }.metadata.threshold", equalTo("0.001"));
        given().get("/api/v1/rules?pack=fixture").then().statusCode(200).body("size()", greaterThan(0));
        given().get("/api/v1/rules?pack=genesis").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void countsFirings() {
        EventTime t = EventTime.fresh();
        given().contentType(ContentType.JSON).body("[{\"metric\":\"genesis_flaky_tests\",\"labels\":{\"test\":\"rules-api\"},"
                + "\"value\":9,\"timestamp\":\"" + t.at(0) + "\"}]").post("/api/v1/samples").then().statusCode(200);
        given().get("/api/v1/rules").then()
                .body("find { it.name == 'More than 3 flaky tests' }.firings", greaterThanOrEqualTo(1))
                .body("find { it.name == 'P4 alerts go to email and #genesis-logs' }.firings", greaterThanOrEqualTo(1));
    }
}
