package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tocsin.ingest.remotewrite.WriteRequestBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Remote write on the wall clock: the same future tolerance as the JSON endpoint (one rule for both). */
@QuarkusTest
@TestProfile(WallClockTest.WallClock.class)
class RemoteWriteWallClockTest {

    private static io.restassured.response.ValidatableResponse write(long timestamp) {
        byte[] body = new WriteRequestBuilder().sample(1, timestamp, "__name__", "genesis_flaky_tests", "test",
                "rw-wall").snappy();
        return given().contentType("application/x-protobuf").header("Content-Encoding", "snappy").body(body)
                .post("/api/v1/write").then();
    }

    @Test
    void samplesFromTheFarFutureAreRejectedLikeJson() {
        write(Instant.now().plusSeconds(360).toEpochMilli()).statusCode(400)
                .body("field", equalTo("timeseries[0].samples[0].timestamp"))
                .body("message", containsString("future tolerance"));
        write(Instant.now().plusSeconds(60).toEpochMilli()).statusCode(204);
    }
}
