package io.tocsin.prometheus;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tocsin.security.TestTokens;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real Prometheus (Debian's package): it scrapes a loopback Genesis-like target, evaluates the
 * shipped {@code deploy/prometheus/recording-rules.yml} and remote-writes to the packaged Tocsin through the
 * shipped {@code write_relabel_configs} of {@code deploy/prometheus/prometheus.yml}. An alert fires in Tocsin from
 * data that came only through Prometheus, clears when the target recovers, and Prometheus' staleness markers end
 * the series it stops producing.
 *
 * <p>Clock: remote-write timestamps are Prometheus' real wall-clock times, so on Tocsin's event clock (the test
 * profile's) engine time follows Prometheus exactly, as it would on the wall clock. The event clock also lets the
 * test let five minutes pass ({@code POST /api/v1/clock}) instead of waiting for TestPassRateLow's {@code for: 5m};
 * every sample still comes from Prometheus. Scrape and rule intervals are 1 s so the test takes about 20 s.
 *
 * <p>Its own Tocsin instance (a test profile), so the series count it checks is Prometheus' alone.
 */
@QuarkusIntegrationTest
@TestProfile(PrometheusRemoteWriteIT.OwnInstance.class)
class PrometheusRemoteWriteIT {

    public static class OwnInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.clock", "event");
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEPLOY = Path.of("deploy", "prometheus").toAbsolutePath();
    private static final long WAIT_MILLIS = 30_000;

    @TestHTTPResource("/api/v1/write")
    URI writeUrl;

    @TempDir
    Path dir;

    @Test
    void anAlertFiresFromPrometheusDataAndClearsWhenTheTargetRecovers() throws Exception {
        Path binary = DebianPrometheus.require("prometheus");
        long started = System.currentTimeMillis();
        try (GenesisTarget target = GenesisTarget.start();
                PrometheusProcess prometheus = PrometheusProcess.start(binary, dir, config(target.port()))) {
            // 97 of 100 tests passed: genesis_test_pass_rate, recorded by Prometheus, is 0.97 < 0.98
            target.testRun(97, 100);
            JsonNode pending = await(() -> alert("TestPassRateLow"), a -> a != null, "TestPassRateLow pending",
                    prometheus);
            assertEquals("pending", pending.get("state").asText());
            assertEquals(0.97, pending.get("value").asDouble());
            assertEquals(Map.of("service", "genesis"), JSON.convertValue(pending.get("labels"), Map.class),
                    "the recording rule's labels (sum by service)");
            Instant activeAt = Instant.parse(pending.get("activeAt").asText());
            assertTrue(activeAt.toEpochMilli() >= started && activeAt.toEpochMilli() <= System.currentTimeMillis(),
                    "activeAt is a Prometheus evaluation time: " + activeAt);

            // Only what the packs read crossed: the ten recorded genesis_* gauges (with P50, P99 and availability),
            // the test runner's gauges as they are (genesis_flaky_tests, genesis_tests_passed and _total) and
            // up{job="genesis-orchestration"}; none of the raw counters or histogram buckets.
            await(() -> currentSeries(), n -> n >= 14, "the forwarded series", prometheus);
            Instant seen = now();
            await(() -> now(), t -> t.isAfter(seen.plusSeconds(2)), "two more seconds of Prometheus data",
                    prometheus);
            assertEquals(14, currentSeries(), "series in Tocsin");

            // five minutes later (event time), still breaching: it fires
            advanceClock(activeAt.plusSeconds(300));
            JsonNode firing = alert("TestPassRateLow");
            assertEquals("firing", firing.get("state").asText());
            assertEquals(activeAt.plusSeconds(300).toString(), firing.get("firedAt").asText());

            // the target recovers: the next recorded value (1.0) resolves it
            target.testRun(100, 100);
            await(() -> alert("TestPassRateLow"), a -> a == null, "TestPassRateLow to clear", prometheus);
            JsonNode resolved = resolvedAlert("TestPassRateLow");
            assertEquals(activeAt.toString(), resolved.get("activeAt").asText());

            // breaching again, then the target goes away: Prometheus writes staleness markers for the series
            // it no longer has (the scraped ones, genesis_flaky_tests and genesis_tests_passed and _total, and the
            // instant pass-rate rule; rate() and avg_over_time() rules keep a value for their window), and each
            // ends in Tocsin at once, dropping the pending alert with it
            target.testRun(90, 100);
            await(() -> alert("TestPassRateLow"), a -> a != null, "TestPassRateLow pending again", prometheus);
            target.fail(true);
            await(() -> currentSeries(), n -> n == 10, "genesis_test_pass_rate and the scraped test gauges to end",
                    prometheus);
            assertEquals(null, alert("TestPassRateLow"), "the pending alert dropped with its series");
            assertEquals(1, given().get("/api/v1/alerts?state=resolved").then().extract().jsonPath()
                    .getList("findAll { it.name == 'TestPassRateLow' }").size(), "dropped, not resolved");

            assertEquals(0.0, prometheus.metric("prometheus_remote_storage_samples_failed_total"),
                    "Tocsin refused nothing:\n" + prometheus.logTail());
            assertTrue(prometheus.metric("prometheus_remote_storage_samples_total") > 0);
        }
    }

    /** Prometheus' configuration: the shipped rules (every group every second) and the shipped relabelling. */
    private String config(int targetPort) throws IOException {
        ObjectNode rules = (ObjectNode) YAML.readTree(DEPLOY.resolve("recording-rules.yml").toFile());
        for (JsonNode group : rules.get("groups")) {
            ((ObjectNode) group).put("interval", "1s");
        }
        Path rulesFile = dir.resolve("recording-rules.yml");
        YAML.writeValue(rulesFile.toFile(), rules);

        JsonNode shipped = YAML.readTree(DEPLOY.resolve("prometheus.yml").toFile());
        ObjectNode config = YAML.createObjectNode();
        config.putObject("global").put("scrape_interval", "1s").put("evaluation_interval", "1s");
        config.putArray("rule_files").add(rulesFile.toString());
        ObjectNode scrape = config.putArray("scrape_configs").addObject();
        scrape.put("job_name", "genesis-orchestration");
        scrape.putArray("static_configs").addObject().putArray("targets").add("127.0.0.1:" + targetPort);
        ObjectNode write = config.putArray("remote_write").addObject();
        write.put("url", writeUrl.toString());
        Path token = dir.resolve("tocsin.token"); // as deploy/prometheus/prometheus.yml: an ingest token in a file
        Files.writeString(token, TestTokens.INGEST);
        write.putObject("authorization").put("credentials_file", token.toString());
        write.putObject("queue_config").put("batch_send_deadline", "500ms").put("min_backoff", "100ms")
                .put("max_backoff", "1s");
        write.putObject("metadata_config").put("send_interval", "1s"); // exercises metadata-only requests
        write.set("write_relabel_configs", shipped.get("remote_write").get(0).get("write_relabel_configs"));
        return YAML.writeValueAsString(config);
    }

    private static JsonNode alerts(String query) {
        try {
            return JSON.readTree(given().get("/api/v1/alerts" + query).then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode alert(String name) {
        for (JsonNode alert : (ArrayNode) alerts("")) {
            if (alert.get("name").asText().equals(name)) {
                return alert;
            }
        }
        return null;
    }

    private static JsonNode resolvedAlert(String name) {
        for (JsonNode alert : (ArrayNode) alerts("?state=resolved")) {
            if (alert.get("name").asText().equals(name)) {
                return alert;
            }
        }
        throw new AssertionError("no resolved " + name + ": " + alerts("?state=resolved"));
    }

    private static Instant now() {
        String now = given().get("/api/v1/clock").then().statusCode(200).extract().path("now");
        return now == null ? Instant.EPOCH : Instant.parse(now);
    }

    private static void advanceClock(Instant to) {
        given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + to + "\"}").post("/api/v1/clock").then()
                .statusCode(200);
    }

    private static int currentSeries() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("tocsin_series{state=\"current\"}")).findFirst()
                .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1);
    }

    private static <T> T await(Supplier<T> probe, Predicate<T> done, String what, PrometheusProcess prometheus) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        T last = probe.get();
        while (!done.test(last)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + last
                        + "\nPrometheus log:\n" + prometheus.logTail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }
}
