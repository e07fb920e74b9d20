package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tocsin.ingest.remotewrite.WriteRequestBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Remote write on the wall clock: the same future tolerance as the JSON endpoint (one rule for both); and the
 * configured limit on the decompressed size.
 */
@QuarkusTest
@TestProfile(RemoteWriteWallClockTest.WallClockSmallLimit.class)
class RemoteWriteWallClockTest {

    public static class WallClockSmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.clock", "wall", "tocsin.remote-write.max-decoded-size", "1K");
        }
    }

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

    @Test
    void theDecodedSizeLimitIsConfigurable() {
        byte[] declares1025 = {(byte) 0x81, 0x08, 0};
        given().contentType("application/x-protobuf").header("Content-Encoding", "snappy").body(declares1025)
                .post("/api/v1/write").then().statusCode(413).body("field", equalTo("body"))
                .body("message", containsString("more than 1024 (tocsin.remote-write.max-decoded-size)"));
        byte[] declares1024 = {(byte) 0x80, 0x08, 0};
        given().contentType("application/x-protobuf").header("Content-Encoding", "snappy").body(declares1024)
                .post("/api/v1/write").then().statusCode(400).body("message", containsString("Snappy"));
    }
}
