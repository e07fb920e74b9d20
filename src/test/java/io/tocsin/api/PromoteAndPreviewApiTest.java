package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.testing.EventTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two endpoints the console needs: {@code POST /api/v1/deployments/{id}/promote} raises a watched deployment's
 * traffic by hand (an engine input, recorded who and why), and {@code POST /api/v1/silences/preview} says which
 * open alerts a silence would mute, matched as the engine matches.
 */
@QuarkusTest
class PromoteAndPreviewApiTest {

    @Test
    void promotingByHandRaisesTrafficToTheNextStepThenToWhatIsAsked() {
        EventTime t = EventTime.fresh();
        String id = "promote-" + t.millis(0);
        given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + t.at(0) + "\"}").post("/api/v1/clock")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"version\":\"1\",\"steps\":["
                + "{\"after\":\"1h\",\"traffic\":25},{\"after\":\"2h\",\"traffic\":50}]}").post("/api/v1/deployments")
                .then().statusCode(201);
        String url = "/api/v1/deployments/" + id + "/promote";
        given().contentType(ContentType.JSON).body("{\"reason\":\"canary fine\"}").post(url).then().statusCode(200)
                .body("steps[0].state", equalTo("promoted")).body("steps[0].promotedAt", equalTo(t.at(0)))
                .body("steps[1].state", equalTo("waiting"));
        List<Map<String, Object>> promotions = EventTime.actions("?type=remediate").stream()
                .filter(a -> "promote".equals(a.get("destination")) && id.equals(((Map<?, ?>) a.get("labels"))
                        .get("deployment"))).toList();
        assertEquals(1, promotions.size(), promotions.toString());
        assertEquals("traffic to 25%", promotions.get(0).get("reason"));
        assertEquals(null, promotions.get(0).get("rule"), "an operator's action names no rule");

        given().contentType(ContentType.JSON).body("{\"reason\":\"x\",\"traffic\":20}").post(url).then()
                .statusCode(409); // already at 25 %
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\",\"traffic\":0}").post(url).then()
                .statusCode(400).body("field", equalTo("traffic"));
        given().contentType(ContentType.JSON).body("{\"traffic\":100}").post(url).then()
                .statusCode(400).body("field", equalTo("reason"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"all in\",\"traffic\":100}").post(url).then()
                .statusCode(200).body("steps.state", equalTo(List.of("promoted", "promoted")));
        given().get("/api/v1/deployments/" + id + "/watch").then().statusCode(200)
                .body("state", equalTo("watching"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"done\"}").post("/api/v1/deployments/" + id
                + "/watch/close").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"reason\":\"late\"}").post(url).then().statusCode(409);
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\"}").post("/api/v1/deployments/nope/promote")
                .then().statusCode(404);
    }

    @Test
    void thePreviewMatchesAsSilencesDo() {
        EventTime t = EventTime.fresh();
        String a = "preview-a-" + t.millis(0);
        String b = "preview-b-" + t.millis(0);
        EventTime.post(List.of(t.sample("genesis_error_ratio", Map.of("service", a), 0.005, 0),
                t.sample("genesis_error_ratio", Map.of("service", b), 0.005, 0)));
        String preview = "/api/v1/silences/preview";
        given().contentType(ContentType.JSON).body("{\"matchers\":[{\"name\":\"service\",\"value\":\"" + a + "\"}]}")
                .post(preview).then().statusCode(200).body("$", hasSize(1))
                .body("[0].labels.service", equalTo(a)).body("[0].state", equalTo("pending"));
        given().contentType(ContentType.JSON).body("{\"matchers\":[{\"name\":\"service\",\"value\":\"preview-.-"
                + t.millis(0) + "\",\"isRegex\":true},{\"name\":\"alertname\",\"value\":\"HighErrorRate\"}]}")
                .post(preview).then().statusCode(200).body("$", hasSize(2));
        given().contentType(ContentType.JSON).body("{\"matchers\":[{\"name\":\"service\",\"value\":\"preview-.-"
                + t.millis(0) + "\",\"isRegex\":true},{\"name\":\"service\",\"value\":\"" + a
                + "\",\"isEqual\":false}]}").post(preview).then().statusCode(200).body("$", hasSize(1))
                .body("labels.service", hasItem(b));
        given().contentType(ContentType.JSON).body("{\"matchers\":[{\"name\":\"service\",\"value\":\"(\","
                + "\"isRegex\":true}]}").post(preview).then().statusCode(400).body("field", equalTo("matchers[0].value"));
        given().contentType(ContentType.JSON).body("{\"matchers\":[]}").post(preview).then().statusCode(400)
                .body("field", equalTo("matchers"));
    }
}
