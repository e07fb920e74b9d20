package io.tocsin.alertmanager;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tocsin.security.TestTokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code amtool} (Debian's prometheus-alertmanager 0.25) against the packaged Tocsin, on the wall clock
 * as a user runs it: it lists a firing alert, adds a silence that then mutes Tocsin's notifications (recorded as
 * {@code silenced}), queries and expires it, after which notifications go out again. It reads with a
 * {@code read} token and silences with an {@code operator} token, each from an HTTP configuration file.
 */
@QuarkusIntegrationTest
@TestProfile(AmtoolIT.WallClock.class)
class AmtoolIT {

    public static class WallClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.clock", "wall");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI tocsin;

    @TempDir
    Path dir;

    @Test
    void listsSilencesAndTheSilenceMutesNotifications() throws Exception {
        Path binary = DebianAlertmanager.require(DebianAlertmanager.AMTOOL);
        Amtool reader = new Amtool(binary, tocsin, dir, "reader", TestTokens.READ);
        Amtool operator = new Amtool(binary, tocsin, dir, "operator", TestTokens.OPERATOR);

        flaky(5); // IntermittentTestFailures (P4) fires at once: email and Slack
        JsonNode alerts = JSON.readTree(reader.run("-o", "json", "alert", "query", "IntermittentTestFailures",
                "test=amtool").ok().out());
        assertEquals(1, alerts.size(), alerts.toString());
        JsonNode alert = alerts.get(0);
        assertEquals(Map.of("alertname", "IntermittentTestFailures", "priority", "P4", "severity", "info",
                "service", "genesis", "test", "amtool"), JSON.convertValue(alert.get("labels"), Map.class));
        assertEquals("active", alert.get("status").get("state").asText());
        String simple = reader.run("alert", "query", "test=amtool").ok().out();
        assertTrue(simple.contains("IntermittentTestFailures") && simple.contains("5 flaky tests"), simple);

        String id = operator.run("silence", "add", "alertname=IntermittentTestFailures", "test=amtool",
                "--author=alice", "--comment=known flaky tests", "--duration=1h").ok().out().strip();
        JsonNode silences = JSON.readTree(reader.run("-o", "json", "silence", "query", "test=amtool").ok().out());
        assertEquals(1, silences.size(), silences.toString());
        assertEquals(id, silences.get(0).get("id").asText());
        assertEquals("test-operator", silences.get(0).get("createdBy").asText(), "the token's name");
        assertEquals("known flaky tests (request named alice)", silences.get(0).get("comment").asText());
        assertEquals("test-operator", given().get("/api/v1/silences").then().extract()
                .path("find { it.id == '" + id + "' }.createdBy"), "the same silence on Tocsin's own path");

        // silenced at once (amtool's startsAt is now: the silence starts at the engine's now, as Alertmanager
        // starts a silence from the past now): gone from the default (active) listing, shown with --silenced
        assertEquals("[]", reader.run("-o", "json", "alert", "query", "test=amtool").ok().out().strip());
        JsonNode suppressed = JSON.readTree(reader.run("-o", "json", "alert", "query", "--silenced", "test=amtool")
                .ok().out()).get(0);
        assertEquals("suppressed", suppressed.get("status").get("state").asText());
        assertEquals(id, suppressed.get("status").get("silencedBy").get(0).asText());

        // it mutes Tocsin's notifications: the resolve is recorded as silenced and not sent
        flaky(1);
        assertEquals(Set.of("silenced"), statuses("resolve"));

        operator.run("silence", "expire", id).ok();
        assertEquals("", reader.run("silence", "query", "-q", "test=amtool").ok().out().strip());
        assertEquals(id, reader.run("silence", "query", "-q", "--expired", "test=amtool").ok().out().strip());

        // expired: the next firing is notified again
        flaky(5);
        List<Map<String, Object>> notified = delivered("notify", 4);
        assertEquals(4, notified.size(), notified.toString());
        assertEquals(List.of("sent", "sent"), notified.subList(2, 4).stream().map(a -> a.get("status")).toList());
    }

    private static void flaky(double value) {
        given().contentType(ContentType.JSON).body("[{\"metric\":\"genesis_flaky_tests\",\"labels\":{\"service\":"
                + "\"genesis\",\"test\":\"amtool\"},\"value\":" + value + ",\"timestamp\":\"" + Instant.now() + "\"}]")
                .post("/api/v1/samples").then().statusCode(200);
    }

    /**
     * The actions of a type once there are {@code count} and none is still pending: delivery is asynchronous, and
     * on a busy machine the answer to the samples can come before the dispatcher has sent what they decided.
     */
    private static List<Map<String, Object>> delivered(String type, int count) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<Map<String, Object>> found = actions(type);
        while (System.nanoTime() < deadline && (found.size() < count
                || found.stream().anyMatch(a -> "pending".equals(a.get("status"))))) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            found = actions(type);
        }
        return found;
    }

    private static List<Map<String, Object>> actions(String type) {
        return given().get("/api/v1/actions?type=" + type + "&alert=IntermittentTestFailures").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(a -> "amtool".equals(((Map<?, ?>) a.get("labels")).get("test"))).toList();
    }

    private static Set<Object> statuses(String type) {
        List<Map<String, Object>> records = actions(type);
        assertEquals(2, records.size(), records.toString());
        return Set.copyOf(records.stream().map(a -> a.get("status")).toList());
    }
}
