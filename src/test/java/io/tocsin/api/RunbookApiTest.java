package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.security.TestTokens;
import io.tocsin.testing.EventTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runbook's endpoints: maintenance silences (the field and the comment convention), the handoff's
 * sign-offs by token, and the SLA reports in three formats (the test pack declares an SLA on its probe_*
 * metrics).
 */
@QuarkusTest
class RunbookApiTest {

    private static String silence(String extra) {
        EventTime t = EventTime.fresh();
        return "{\"matchers\":[{\"name\":\"instance\",\"value\":\"api-test\"}],\"endsAt\":\"" + t.at(3600)
                + "\",\"comment\":" + extra + "}";
    }

    @Test
    void aSilenceIsAMaintenanceWindowByItsFlagOrItsComment() {
        EventTime.fresh();
        given().contentType(ContentType.JSON).body(silence("\"upgrade\",\"maintenance\":true"))
                .post("/api/v1/silences").then().statusCode(201).body("maintenance", equalTo(true));
        given().contentType(ContentType.JSON).body(silence("\"[maintenance] kernel upgrade\""))
                .post("/api/v1/silences").then().statusCode(201).body("maintenance", equalTo(true));
        given().contentType(ContentType.JSON).body(silence("\"known flake\""))
                .post("/api/v1/silences").then().statusCode(201).body("maintenance", equalTo(false));
        given().contentType(ContentType.JSON).body(silence("\"upgrade\",\"maintenance\":\"yes\""))
                .post("/api/v1/silences").then().statusCode(400).body("field", equalTo("maintenance"));
    }

    @Test
    void engineeringAndSreSignOffTheHandoffAsTheirTokens() {
        EventTime t = EventTime.fresh();
        String id = "signoff-" + t.millis(0);
        String url = "/api/v1/deployments/" + id + "/signoff";
        given().contentType(ContentType.JSON).body("{\"role\":\"sre\"}").post(url).then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + t.at(0) + "\"}").post("/api/v1/clock")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"version\":\"1\"}")
                .post("/api/v1/deployments").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"role\":\"sre\"}").post(url).then().statusCode(409)
                .body("message", containsString("no verdict yet"));
        given().contentType(ContentType.JSON).body("{\"role\":\"qa\"}").post(url).then().statusCode(400)
                .body("field", equalTo("role"));
        given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + t.at(48 * 3600) + "\"}")
                .post("/api/v1/clock").then().statusCode(200);
        given().get("/api/v1/deployments/" + id + "/watch").then().statusCode(200).body("state", equalTo("succeeded"));
        given().header("Authorization", "Bearer " + TestTokens.OPERATOR).contentType(ContentType.JSON)
                .body("{\"role\":\"engineering\",\"comment\":\"dashboards green\"}").post(url).then().statusCode(200)
                .body("signOffs[0].role", equalTo("engineering"))
                .body("signOffs[0].by", equalTo("test-operator"))
                .body("handoffClosedAt", nullValue());
        given().header("Authorization", "Bearer " + TestTokens.OPERATOR).contentType(ContentType.JSON)
                .body("{\"role\":\"sre\"}").post(url).then().statusCode(409)
                .body("message", containsString("another person"));
        given().contentType(ContentType.JSON).body("{\"role\":\"sre\"}").post(url).then().statusCode(200)
                .body("signOffs[1].by", equalTo("env"))
                .body("handoffClosedAt", notNullValue());
        given().queryParam("format", "markdown").get("/api/v1/deployments/" + id + "/report").then().statusCode(200)
                .body(containsString("engineering signed off by test-operator"))
                .body(containsString("Handoff closed at"));
    }

    @Test
    void slaReportsComeDailyWeeklyAndMonthlyInThreeFormats() {
        EventTime t = EventTime.fresh();
        for (long s = 0; s <= 600; s += 60) {
            EventTime.post(List.of(t.sample("probe_up", Map.of("instance", "sla-api"), s == 300 ? 0 : 1, s),
                    t.sample("probe_p95_seconds", Map.of("instance", "sla-api"), 0.4, s),
                    t.sample("probe_error_ratio", Map.of("instance", "sla-api"), 0.0002, s)));
        }
        given().get("/api/v1/sla/reports/daily").then().statusCode(200).contentType(ContentType.JSON)
                .body("pack", equalTo("fixture"))
                .body("period", equalTo("daily"))
                .body("to", equalTo(t.at(600)))
                .body("availability.target", equalTo(0.999f))
                .body("errorBudget.budgetMinutes", equalTo(1.44f))
                .body("latency.target", equalTo(1.0f))
                .body("errors.target", equalTo(0.001f));
        given().queryParam("format", "markdown").get("/api/v1/sla/reports/weekly").then().statusCode(200)
                .contentType("text/markdown").body(containsString("# SLA report: fixture (weekly)"))
                .body(containsString("## Error budget"));
        given().accept("text/html").get("/api/v1/sla/reports/monthly").then().statusCode(200)
                .contentType(ContentType.HTML).body(containsString("id=\"objectives\""))
                .body(containsString("default-src 'none'"));
        given().get("/api/v1/sla/reports/yearly").then().statusCode(404);
        given().queryParam("pack", "nope").get("/api/v1/sla/reports/daily").then().statusCode(404);
        given().queryParam("format", "pdf").get("/api/v1/sla/reports/daily").then().statusCode(400)
                .body("field", equalTo("format"));
    }
}
