package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tocsin.engine.input.Sample;
import io.tocsin.ingest.remotewrite.WriteRequestBuilder;
import io.tocsin.security.TestTokens;
import io.tocsin.testing.EventTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/write} over HTTP, on the event clock (the test profile's setting). */
@QuarkusTest
class RemoteWriteApiTest {

    @TestHTTPResource("/api/v1/write")
    URI writeUrl;

    private static ValidatableResponse write(byte[] body) {
        return given().contentType("application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0").body(body).post("/api/v1/write").then();
    }

    private static void written(WriteRequestBuilder request) {
        write(request.snappy()).statusCode(204).body(emptyString());
    }

    @Test
    void samplesGoThroughTheEngineAndAnswer204() {
        EventTime t = EventTime.fresh();
        for (int s = 0; s <= 120; s += 15) {
            written(new WriteRequestBuilder().sample(0.002, t.millis(s), "__name__", "genesis_error_ratio",
                    "service", "genesis", "test", "rw"));
        }
        given().get("/api/v1/clock").then().body("now", equalTo(t.at(120)));
        given().get("/api/v1/alerts").then()
                .body("find { it.labels.test == 'rw' }.name", equalTo("HighErrorRate"))
                .body("find { it.labels.test == 'rw' }.state", equalTo("firing"))
                .body("find { it.labels.test == 'rw' }.activeAt", equalTo(t.at(0)))
                .body("find { it.labels.test == 'rw' }.firedAt", equalTo(t.at(120)))
                .body("find { it.labels.test == 'rw' }.value", equalTo(0.002f));
    }

    @Test
    void aStalenessMarkerResolvesTheAlertAtOnce() {
        EventTime t = EventTime.fresh();
        String[] labels = {"__name__", "genesis_flaky_tests", "test", "rw-stale"};
        written(new WriteRequestBuilder().sample(5, t.millis(0), labels));
        given().get("/api/v1/alerts").then().body("find { it.labels.test == 'rw-stale' }.state", equalTo("firing"));
        written(new WriteRequestBuilder().series(s -> s.labels(labels).sampleBits(Sample.STALE_NAN_BITS,
                t.millis(10))));
        given().get("/api/v1/alerts").then().body("findAll { it.labels.test == 'rw-stale' }", empty());
        given().get("/api/v1/alerts?state=resolved").then()
                .body("find { it.labels.test == 'rw-stale' }.resolvedAt", equalTo(t.at(10)));
    }

    @Test
    void nanAndInfinityAreValuesThatCompareLikePromQl() {
        EventTime t = EventTime.fresh();
        String[] labels = {"__name__", "genesis_flaky_tests", "test", "rw-inf"};
        written(new WriteRequestBuilder().sample(Double.POSITIVE_INFINITY, t.millis(0), labels));
        given().get("/api/v1/alerts").then().body("find { it.labels.test == 'rw-inf' }.state", equalTo("firing"))
                .body("find { it.labels.test == 'rw-inf' }.value", equalTo("Infinity")); // JSON has no infinity
        written(new WriteRequestBuilder().sample(Double.NaN, t.millis(15), labels));
        given().get("/api/v1/alerts").then().body("findAll { it.labels.test == 'rw-inf' }", empty());
        given().get("/api/v1/alerts?state=resolved").then()
                .body("find { it.labels.test == 'rw-inf' }.resolvedAt", equalTo(t.at(15)));
    }

    @Test
    void anInvalidSeriesRejectsTheWholeRequestNamingIt() {
        EventTime t = EventTime.fresh();
        String clockBefore = given().get("/api/v1/clock").then().extract().path("now");
        byte[] body = new WriteRequestBuilder()
                .sample(99, t.millis(0), "__name__", "genesis_flaky_tests", "test", "rw-bad")
                .sample(1, t.millis(0), "__name__", "up", "bad-name", "x").snappy();
        write(body).statusCode(400).contentType(ContentType.JSON).body("status", equalTo(400))
                .body("field", equalTo("timeseries[1].labels.bad-name"))
                .body("message", containsString("not a Prometheus label name"));
        given().get("/api/v1/clock").then().body("now", equalTo(clockBefore));
        given().get("/api/v1/alerts").then().body("findAll { it.labels.test == 'rw-bad' }", empty());
    }

    @Test
    void corruptBodiesAre400NamingTheProblem() {
        byte[] good = new WriteRequestBuilder().sample(1, 1000, "__name__", "up").snappy();
        write(java.util.Arrays.copyOf(good, good.length - 3)).statusCode(400).body("field", equalTo("body"))
                .body("message", containsString("not valid Snappy block data"));
        write(new byte[0]).statusCode(400).body("field", equalTo("body")).body("message", containsString("empty"));
        byte[] notProtobuf = WriteRequestBuilder.compress(new byte[] {0x0a, 0x7f, 1, 2});
        write(notProtobuf).statusCode(400).body("field", equalTo("timeseries[0]"))
                .body("message", containsString("malformed protobuf"));
    }

    @Test
    void aBodyThatWouldDecompressBeyondTheLimitIs413() {
        // a header declaring 100,000,000 bytes: refused before anything is allocated
        write(new byte[] {(byte) 0x80, (byte) 0xc2, (byte) 0xd7, 0x2f, 0}).statusCode(413)
                .body("field", equalTo("body")).body("message", containsString("tocsin.remote-write.max-decoded-size"));
    }

    @Test
    void wrongMediaTypesAre415() {
        byte[] body = new WriteRequestBuilder().sample(1, 1000, "__name__", "up").snappy();
        given().contentType(ContentType.JSON).header("Content-Encoding", "snappy").body(body).post("/api/v1/write")
                .then().statusCode(415).contentType(ContentType.JSON).body("field", equalTo("Content-Type"));
        given().contentType("application/x-protobuf").header("Content-Encoding", "gzip").body(body)
                .post("/api/v1/write").then().statusCode(415).body("field", equalTo("Content-Encoding"));
        given().contentType("application/x-protobuf;proto=io.prometheus.write.v2.Request")
                .header("Content-Encoding", "snappy").body(body).post("/api/v1/write").then().statusCode(415)
                .body("message", containsString("only remote write 1.0"));
    }

    @Test
    void metadataOnlyRequestsChangeNothing() {
        String clockBefore = given().get("/api/v1/clock").then().extract().path("now");
        written(new WriteRequestBuilder().metadata("genesis_error_ratio", "failed / all operations"));
        given().get("/api/v1/clock").then().body("now", equalTo(clockBefore));
    }

    /** Like Prometheus' receiver, a request without Content-Type and Content-Encoding is remote write 1.0. */
    @Test
    void requestsWithoutMediaHeadersAreTakenAsVersion1() throws Exception {
        EventTime t = EventTime.fresh();
        byte[] body = new WriteRequestBuilder().sample(1, t.millis(0), "__name__", "genesis_flaky_tests", "test",
                "rw-bare").snappy();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(writeUrl).header("Authorization", "Bearer " + TestTokens.INGEST)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), response.body());
        given().get("/api/v1/clock").then().body("now", equalTo(t.at(0)));
    }

    @Test
    void rejectedSamplesAreCounted() {
        String before = given().get("/q/metrics").then().extract().asString();
        write(new WriteRequestBuilder().sample(1, 1000, "__name__", "up").sample(1, 1000, "job", "x").snappy())
                .statusCode(400);
        String after = given().get("/q/metrics").then().extract().asString();
        assertEquals(rejected(before) + 2, rejected(after));
    }

    private static double rejected(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("tocsin_samples_rejected_total")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
