package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.testing.EventTime;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The watch of a registered deployment over HTTP, on the event clock. */
@QuarkusTest
class WatchApiTest {

    @Test
    void showsCheckpointsAndClosesByHand() {
        EventTime t = EventTime.fresh();
        String id = "watch-" + t.millis(0);
        given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + t.at(0) + "\"}").post("/api/v1/clock")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"version\":\"1\",\"baseline\":"
                + "{\"genesis_halo_routing_avg_seconds\":0.1},\"steps\":[{\"after\":\"6h\",\"traffic\":50},"
                + "{\"after\":\"2h\",\"traffic\":25}]}").post("/api/v1/deployments").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"id\":\"y" + id + "\",\"version\":\"1\",\"steps\":[{\"after\":\"soon\",\"traffic\":5}]}")
                .post("/api/v1/deployments").then().statusCode(400).body("field", equalTo("steps[0].after"));
        given().contentType(ContentType.JSON).body("{\"id\":\"y" + id + "\",\"version\":\"1\",\"steps\":[{\"after\":\"1h\",\"traffic\":150}]}")
                .post("/api/v1/deployments").then().statusCode(400).body("field", equalTo("steps[0].traffic"));
        given().contentType(ContentType.JSON).body("{\"id\":\"x" + id + "\",\"version\":\"1\",\"baseline\":{\"m\":\"fast\"}}")
                .post("/api/v1/deployments").then().statusCode(400).body("field", equalTo("baseline.m"));
        given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + t.at(3600) + "\"}").post("/api/v1/clock")
                .then().statusCode(200);
        given().get("/api/v1/deployments/" + id + "/watch").then().statusCode(200)
                .body("state", equalTo("watching"))
                .body("startedAt", equalTo(t.at(0)))
                .body("endsAt", equalTo(t.at(48 * 3600)))
                .body("nextCheckpointAt", equalTo(t.at(4500)))
                .body("checkpoints", hasSize(4))
                .body("steps.after", equalTo(java.util.List.of("2h", "6h")))
                .body("steps.state", equalTo(java.util.List.of("waiting", "waiting")))
                .body("checkpoints[3].label", equalTo("T+1h"))
                .body("checkpoints[3].phase", equalTo("intensive"))
                .body("checkpoints[3].due", equalTo(t.at(3600)))
                .body("criteria.name", org.hamcrest.Matchers.hasItems("TestPassRate", "ErrorRatio", "Availability"))
                .body("criteria.find { it.name == 'Availability' }.required", equalTo(0.999f))
                .body("criteria.find { it.name == 'Availability' }.met", equalTo(true));
        given().contentType(ContentType.JSON).body("{\"reason\":\"superseded\",\"by\":\"erin\"}")
                .post("/api/v1/deployments/" + id + "/watch/close").then().statusCode(200)
                .body("state", equalTo("closed")).body("reason", equalTo("superseded (by erin)"))
                .body("closedAt", equalTo(t.at(3600)));
        given().contentType(ContentType.JSON).body("{\"reason\":\"again\",\"by\":\"erin\"}")
                .post("/api/v1/deployments/" + id + "/watch/close").then().statusCode(409);
        given().get("/api/v1/deployments/initial/watch").then().statusCode(404);
    }
}
