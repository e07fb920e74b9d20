package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default wall clock: real time, no manual clock, no samples from the far future. */
@QuarkusTest
@TestProfile(WallClockTest.WallClock.class)
class WallClockTest {

    public static class WallClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.clock", "wall");
        }
    }

    private static String sampleAt(Instant at) {
        return "[{\"metric\":\"genesis_flaky_tests\",\"labels\":{\"test\":\"wall\"},\"value\":1,\"timestamp\":\""
                + at + "\"}]";
    }

    @Test
    void clockCannotBeDrivenByHand() {
        given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + Instant.now() + "\"}")
                .post("/api/v1/clock").then().statusCode(409).body("message", containsString("wall clock"));
        given().get("/api/v1/clock").then().statusCode(200).body("mode", equalTo("wall"));
    }

    @Test
    void samplesFromTheFarFutureAreRejected() {
        given().contentType(ContentType.JSON).body(sampleAt(Instant.now().plusSeconds(600)))
                .post("/api/v1/samples").then().statusCode(400).body("field", equalTo("[0].timestamp"))
                .body("message", containsString("future"));
        given().contentType(ContentType.JSON).body(sampleAt(Instant.now().plusSeconds(60)))
                .post("/api/v1/samples").then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void engineTimeFollowsRealTime() {
        Instant before = Instant.now().minusSeconds(2);
        String now = given().get("/api/v1/clock").then().extract().path("now");
        org.junit.jupiter.api.Assertions.assertTrue(!Instant.parse(now).isBefore(before), now + " lags real time");
    }
}
