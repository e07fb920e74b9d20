package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.testing.EventTime;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Acknowledgements, silences, deployments and the action history over HTTP, on the event clock. */
@QuarkusTest
class OperatorApiTest {

    private static void post(EventTime t, long seconds, String metric, String labels, double value) {
        given().contentType(ContentType.JSON).body("[{\"metric\":\"" + metric + "\",\"labels\":" + labels
                + ",\"value\":" + value + ",\"timestamp\":\"" + t.at(seconds) + "\"}]")
                .post("/api/v1/samples").then().statusCode(200);
    }

    private static List<Map<String, Object>> actionsFor(String test) {
        return JsonPath.from(given().get("/api/v1/actions").then().statusCode(200).extract().asString())
                .<Map<String, Object>>getList("$").stream()
                .filter(a -> test.equals(((Map<?, ?>) a.get("labels")).get("test"))).toList();
    }

    @Test
    void acknowledgementIsShownOnTheAlert() {
        EventTime t = EventTime.fresh();
        String labels = "{\"service\":\"genesis\",\"test\":\"ack\"}";
        post(t, 0, "genesis_error_ratio", labels, 0.005);
        String id = given().get("/api/v1/alerts").then().extract().path("find { it.labels.test == 'ack' }.id");
        given().contentType(ContentType.JSON).body("{\"by\":\"alice\",\"comment\":\"on it\"}")
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200)
                .body("acknowledgement.by", equalTo("alice"))
                .body("acknowledgement.comment", equalTo("on it"))
                .body("acknowledgement.at", equalTo(t.at(0)));
        given().get("/api/v1/alerts").then().body("find { it.labels.test == 'ack' }.acknowledgement.by", equalTo("alice"));
        given().contentType(ContentType.JSON).body("{\"comment\":\"no name\"}").post("/api/v1/alerts/" + id + "/ack")
                .then().statusCode(400).body("field", equalTo("by"));
        given().contentType(ContentType.JSON).body("{\"by\":\"bob\"}").post("/api/v1/alerts/nope/ack")
                .then().statusCode(404).body("message", containsString("nope"));
    }

    @Test
    void silenceMutesNotificationsOnlyWithinItsWindowAndUntilDeleted() {
        EventTime t = EventTime.fresh();
        String labels = "{\"service\":\"genesis\",\"test\":\"silence\"}";
        String silence = "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"HighLatencyP95\",\"isRegex\":false},"
                + "{\"name\":\"test\",\"value\":\"sil.*\",\"isRegex\":true}],\"startsAt\":\"" + t.at(60)
                + "\",\"endsAt\":\"" + t.at(3600) + "\",\"createdBy\":\"carol\",\"comment\":\"maintenance\"}";
        post(t, 0, "genesis_operation_p95_seconds", labels, 0.3);
        String id = given().contentType(ContentType.JSON).body(silence).post("/api/v1/silences").then().statusCode(201)
                .body("status.state", equalTo("pending")).body("createdBy", equalTo("carol"))
                .extract().path("id");
        for (int s = 15; s <= 300; s += 15) {
            post(t, s, "genesis_operation_p95_seconds", labels, 0.3);
        }
        given().get("/api/v1/silences").then().body("find { it.id == '" + id + "' }.status.state", equalTo("active"));
        given().get("/api/v1/alerts").then()
                .body("find { it.labels.test == 'silence' }.state", equalTo("firing"));
        List<Map<String, Object>> fired = actionsFor("silence");
        assertEquals(List.of("silenced", "silenced"), fired.stream().map(a -> a.get("status")).toList());
        given().delete("/api/v1/silences/" + id).then().statusCode(200).body("status.state", equalTo("expired"));
        given().delete("/api/v1/silences/does-not-exist").then().statusCode(404);
        post(t, 315, "genesis_operation_p95_seconds", labels, 0.0);
        List<Map<String, Object>> resolved = actionsFor("silence").stream().filter(a -> a.get("type").equals("resolve")).toList();
        assertEquals(2, resolved.size());
        resolved.forEach(a -> assertTrue(!a.get("status").equals("silenced"), "the silence was deleted"));
    }

    @Test
    void silenceRequiresCreatorCommentAndAValidWindow() {
        EventTime t = EventTime.fresh();
        post(t, 0, "up", "{\"job\":\"x\",\"test\":\"sil-bad\"}", 1);
        String matchers = "\"matchers\":[{\"name\":\"alertname\",\"value\":\"X\"}]";
        given().contentType(ContentType.JSON).body("{" + matchers + ",\"endsAt\":\"" + t.at(60) + "\",\"comment\":\"c\"}")
                .post("/api/v1/silences").then().statusCode(400).body("field", equalTo("createdBy"));
        given().contentType(ContentType.JSON).body("{" + matchers + ",\"endsAt\":\"" + t.at(60) + "\",\"createdBy\":\"c\"}")
                .post("/api/v1/silences").then().statusCode(400).body("field", equalTo("comment"));
        given().contentType(ContentType.JSON).body("{\"matchers\":[],\"endsAt\":\"" + t.at(60)
                + "\",\"createdBy\":\"c\",\"comment\":\"c\"}").post("/api/v1/silences").then().statusCode(400)
                .body("field", equalTo("matchers"));
        given().contentType(ContentType.JSON).body("{\"matchers\":[{\"name\":\"a\",\"value\":\"(\",\"isRegex\":true}],"
                + "\"endsAt\":\"" + t.at(60) + "\",\"createdBy\":\"c\",\"comment\":\"c\"}").post("/api/v1/silences")
                .then().statusCode(400).body("field", equalTo("matchers[0].value"));
        given().contentType(ContentType.JSON).body("{" + matchers + ",\"startsAt\":\"" + t.at(60) + "\",\"endsAt\":\""
                + t.at(30) + "\",\"createdBy\":\"c\",\"comment\":\"c\"}").post("/api/v1/silences").then()
                .statusCode(400).body("field", equalTo("endsAt"));
    }

    @Test
    void deploymentsRegisterRollBackByHandAndRefuseTwice() {
        EventTime t = EventTime.fresh();
        post(t, 0, "up", "{\"job\":\"x\",\"test\":\"deploy\"}", 1);
        String id = "api-" + t.millis(0);
        given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"version\":\"1.2.3\"}")
                .post("/api/v1/deployments").then().statusCode(201)
                .body("armed", equalTo(true)).body("current", equalTo(true)).body("startedAt", equalTo(t.at(0)));
        given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"version\":\"1.2.4\"}")
                .post("/api/v1/deployments").then().statusCode(409);
        given().contentType(ContentType.JSON).body("{\"version\":\"1\"}").post("/api/v1/deployments").then()
                .statusCode(400).body("field", equalTo("id"));
        given().contentType(ContentType.JSON).body("{\"id\":\"--all\",\"version\":\"1\"}").post("/api/v1/deployments")
                .then().statusCode(400).body("field", equalTo("id")).body("message", containsString("rollback command"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"canary errors\",\"by\":\"dave\"}")
                .post("/api/v1/deployments/" + id + "/rollback").then().statusCode(200)
                .body("armed", equalTo(false)).body("rollback.reason", equalTo("canary errors"))
                .body("rollback.by", equalTo("dave")).body("rollback.at", equalTo(t.at(0)));
        given().contentType(ContentType.JSON).body("{\"reason\":\"again\",\"by\":\"dave\"}")
                .post("/api/v1/deployments/" + id + "/rollback").then().statusCode(409);
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\",\"by\":\"dave\"}")
                .post("/api/v1/deployments/unknown/rollback").then().statusCode(404);
        given().get("/api/v1/deployments").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.rollback.reason", equalTo("canary errors"))
                .body("id", hasItem(id));
        given().get("/api/v1/actions?type=rollback").then().statusCode(200)
                .body("find { it.deployment == '" + id + "' }.reason", equalTo("canary errors"))
                .body("find { it.deployment == '" + id + "' }.receiver", equalTo("command"))
                .body("find { it.deployment == '" + id + "' }.id", notNullValue());
    }

    @Test
    void actionsFilterByTypeAlertAndLimit() {
        EventTime t = EventTime.fresh();
        for (int s = 0; s <= 120; s += 15) {
            post(t, s, "genesis_error_ratio", "{\"service\":\"genesis\",\"test\":\"filters\"}", 0.005);
        }
        List<Map<String, Object>> notify = JsonPath.from(given().get("/api/v1/actions?type=notify&alert=HighErrorRate")
                .then().statusCode(200).extract().asString()).getList("$");
        assertTrue(notify.stream().allMatch(a -> a.get("type").equals("notify") && a.get("alert").equals("HighErrorRate")));
        assertTrue(notify.size() >= 2);
        List<Map<String, Object>> last = JsonPath.from(given().get("/api/v1/actions?limit=1").then().statusCode(200)
                .extract().asString()).getList("$");
        assertEquals(1, last.size());
        given().get("/api/v1/actions?type=shout").then().statusCode(400).body("field", equalTo("type"));
        given().get("/api/v1/actions?limit=0").then().statusCode(400).body("field", equalTo("limit"));
    }
}
