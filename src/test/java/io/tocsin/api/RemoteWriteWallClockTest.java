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
 * configured limits on the decompressed size and on the samples the engine queues.
 */
@QuarkusTest
@TestProfile(RemoteWriteWallClockTest.WallClockSmallLimits.class)
class RemoteWriteWallClockTest {

    public static class WallClockSmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.clock", "wall", "tocsin.remote-write.max-decoded-size", "1K",
                    "tocsin.ingest.max-queued-samples", "2");
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

    /** A request the engine could never queue is refused for good (Prometheus drops it) rather than with 503. */
    @Test
    void aRequestWithMoreSamplesThanTheEngineQueuesIs413() {
        long now = Instant.now().toEpochMilli();
        WriteRequestBuilder two = new WriteRequestBuilder()
                .sample(1, now, "__name__", "genesis_flaky_tests", "test", "rw-queue-1")
                .sample(1, now, "__name__", "genesis_flaky_tests", "test", "rw-queue-2");
        given().contentType("application/x-protobuf").header("Content-Encoding", "snappy").body(two.snappy())
                .post("/api/v1/write").then().statusCode(204);
        byte[] three = two.sample(1, now, "__name__", "genesis_flaky_tests", "test", "rw-queue-3").snappy();
        given().contentType("application/x-protobuf").header("Content-Encoding", "snappy").body(three)
                .post("/api/v1/write").then().statusCode(413).body("field", equalTo("body"))
                .body("message", containsString("a batch of 3 samples"))
                .body("message", containsString("tocsin.ingest.max-queued-samples=2"));
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
