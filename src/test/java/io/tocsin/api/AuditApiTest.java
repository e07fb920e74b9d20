package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.security.TestTokens;
import io.tocsin.testing.EventTime;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/audit}: every operator request that reached the engine, applied or refused (by the engine or
 * by validation), with the token's name, the client's address and both times; admin only, with filters.
 */
@QuarkusTest
class AuditApiTest {

    @Test
    void operatorActionsAreAuditedAppliedOrRefused() {
        EventTime t = EventTime.fresh();
        EventTime.post(java.util.List.of(t.sample("genesis_flaky_tests", java.util.Map.of("test", "audit"), 0, 0)));
        String silence = "{\"matchers\":[{\"name\":\"test\",\"value\":\"audit\"}],\"endsAt\":\"" + t.at(600)
                + "\",\"comment\":\"audit test\"}";
        String id = given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON).body(silence)
                .post("/api/v1/silences").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.OPERATOR).delete("/api/v1/silences/" + id).then().statusCode(200)
                .body("expiredBy", equalTo("test-operator")).body("createdBy", equalTo("test-operator"));
        given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON).body("{\"comment\":\"x\"}")
                .post("/api/v1/alerts/audit-no-such-alert/ack").then().statusCode(404);
        given().auth().oauth2(TestTokens.OPERATOR).contentType(ContentType.JSON)
                .body("{\"matchers\":[{\"name\":\"test\",\"value\":\"(\",\"isRegex\":true}],\"endsAt\":\""
                        + t.at(600) + "\",\"comment\":\"audit bad regex\"}")
                .post("/api/v1/silences").then().statusCode(400).body("field", equalTo("matchers[0].value"));

        given().queryParam("actor", "test-operator").queryParam("limit", 4).get("/api/v1/audit").then()
                .statusCode(200).body("$", hasSize(4))
                .body("kind", equalTo(java.util.List.of("create-silence", "expire-silence", "acknowledge",
                        "create-silence")))
                .body("outcome", equalTo(java.util.List.of("applied", "applied", "refused", "refused")))
                .body("address", everyItem(equalTo("127.0.0.1")))
                .body("receivedAt", everyItem(notNullValue()))
                .body("[0].at", equalTo(t.at(0)))
                .body("[0].details.silenceId", equalTo(id))
                .body("[0].details.comment", equalTo("audit test"))
                .body("[2].status", equalTo(404))
                .body("[2].details.alertId", equalTo("audit-no-such-alert"))
                .body("[3].status", equalTo(400))
                .body("[3].field", equalTo("matchers[0].value"))
                .body("[3].reason", containsString("regular expression"));
        given().queryParam("outcome", "refused").queryParam("kind", "acknowledge").get("/api/v1/audit").then()
                .statusCode(200).body("details.alertId", hasItem("audit-no-such-alert"))
                .body("outcome", everyItem(equalTo("refused")));
        given().queryParam("from", t.at(1)).queryParam("actor", "test-operator").get("/api/v1/audit").then()
                .statusCode(200).body("$", hasSize(0));
    }

    @Test
    void filtersAreChecked() {
        given().queryParam("outcome", "maybe").get("/api/v1/audit").then().statusCode(400)
                .body("field", equalTo("outcome"));
        given().queryParam("limit", "0").get("/api/v1/audit").then().statusCode(400).body("field", equalTo("limit"));
        given().queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .body("field", equalTo("from"));
        given().auth().oauth2(TestTokens.OPERATOR).get("/api/v1/audit").then().statusCode(403);
    }
}
