package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tocsin.ingest.remotewrite.WriteRequestBuilder;
import io.tocsin.security.TestTokens;
import io.tocsin.testing.EventTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The limits over HTTP, with small values so they are quick to reach: each answered with its status and a JSON
 * body naming the field, each counted in {@code tocsin_limit_refusals_total{limit=...}}; and a flood of 10,000
 * batches of unique series neither crashes nor stalls the server.
 */
@QuarkusTest
@TestProfile(LimitsApiTest.SmallLimits.class)
class LimitsApiTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.limits.max-series", "1000", "tocsin.limits.max-samples-per-request", "50",
                    "tocsin.limits.max-labels-per-series", "4", "tocsin.limits.max-silences", "2",
                    "tocsin.limits.max-text-bytes", "64", "tocsin.data-dir",
                    "target/limits-test-" + ProcessHandle.current().pid());
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/api/v1/samples")
    URI samplesUrl;

    private static String batch(EventTime t, String metric, int from, int to, long seconds) {
        StringBuilder out = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            out.append(i == from ? "" : ",").append(t.sample(metric, Map.of("i", Integer.toString(i)), 1, seconds));
        }
        return out.append(']').toString();
    }

    private static double refusals(String limit) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("tocsin_limit_refusals_total{limit=\"" + limit + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no tocsin_limit_refusals_total for " + limit);
    }

    @Test
    void labelsSamplesAndTextAreLimited() {
        EventTime t = EventTime.fresh();
        double before = refusals("labels-per-series");
        given().contentType(ContentType.JSON).body("[" + t.sample("m", Map.of("a", "1", "b", "2", "c", "3", "d", "4",
                "e", "5"), 1, 0) + "]").post("/api/v1/samples").then().statusCode(400)
                .body("field", equalTo("[0].labels")).body("message", containsString("5 labels, more than 4"));
        assertEquals(before + 1, refusals("labels-per-series"));
        given().contentType(ContentType.JSON).body("[{\"metric\":\"m\",\"labels\":{\"a\":\"tab\\there\"},"
                + "\"value\":1,\"timestamp\":" + t.millis(0) + "}]")
                .post("/api/v1/samples").then().statusCode(400).body("field", equalTo("[0].labels.a"))
                .body("message", containsString("control character"));
        given().contentType(ContentType.JSON).body(batch(t, "m", 0, 51, 0)).post("/api/v1/samples").then()
                .statusCode(413).body("message", containsString("max-samples-per-request"));
        WriteRequestBuilder request = new WriteRequestBuilder();
        for (int i = 0; i < 51; i++) {
            request.sample(1, t.millis(0), "__name__", "m", "i", Integer.toString(i));
        }
        given().contentType("application/x-protobuf").header("Content-Encoding", "snappy").body(request.snappy())
                .post("/api/v1/write").then().statusCode(413).body("message", containsString("max_samples_per_send"));
        given().contentType(ContentType.JSON).body("{\"comment\":\"" + "x".repeat(65) + "\"}")
                .post("/api/v1/alerts/whatever/ack").then().statusCode(400).body("field", equalTo("comment"))
                .body("message", containsString("max-text-bytes"));
        assertTrue(refusals("samples-per-request") >= 2);
    }

    @Test
    void silencesAreLimitedInNumber() {
        EventTime t = EventTime.fresh();
        EventTime.post(List.of(t.sample("m", Map.of("i", "silences"), 1, 0)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var response = given().contentType(ContentType.JSON).body("{\"matchers\":[{\"name\":\"i\",\"value\":\"s"
                    + i + "\"}],\"endsAt\":\"" + t.at(600) + "\",\"comment\":\"limit\"}").post("/api/v1/silences")
                    .then();
            if (i < 2) {
                ids.add(response.statusCode(201).extract().path("id"));
            } else {
                response.statusCode(429).header("Retry-After", "60").body("field", equalTo("silences"))
                        .body("message", containsString("max-silences"));
            }
        }
        ids.forEach(id -> given().delete("/api/v1/silences/" + id).then().statusCode(200));
    }

    @Test
    void tenThousandBatchesOfUniqueSeriesNeitherCrashNorStallTheServer() throws Exception {
        EventTime t = EventTime.fresh();
        EventTime.post(List.of(t.sample("known_series", Map.of("i", "0"), 1, 0)));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < 4; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                // a plain HTTP client: RestAssured's own cost per request would dominate 10,000 of them
                for (int b = client; b < 10_000; b += 4) {
                    int status = HTTP.send(HttpRequest.newBuilder(samplesUrl)
                            .header("Authorization", "Bearer " + TestTokens.ADMIN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(batch(t, "flood_" + b, 0, 5, 1))).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    (status == 200 ? accepted : refused).incrementAndGet();
                    assertTrue(status == 200 || status == 429, "answered " + status);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(10, TimeUnit.MINUTES);
        }
        clients.shutdown();
        assertEquals(10_000, accepted.get() + refused.get());
        assertTrue(refused.get() >= 9_800, refused.get() + " refused"); // 1,000 series at most, 5 per batch
        long quick = System.nanoTime();
        EventTime.post(List.of(t.sample("known_series", Map.of("i", "0"), 2, 2)));
        assertTrue(System.nanoTime() - quick < TimeUnit.SECONDS.toNanos(5), "known series still flow at once");
        given().get("/q/health/ready").then().statusCode(200);
        assertTrue(refusals("series") >= refused.get());
        System.out.printf("10,000 flood batches answered in %d ms (%d accepted, %d refused)%n",
                (System.nanoTime() - started) / 1_000_000, accepted.get(), refused.get());
    }
}
