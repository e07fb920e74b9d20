package io.tocsin.alertmanager;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Forwarding to a real Alertmanager (Debian's 0.25), against the packaged jar: a rule routes an alert to the
 * {@code alertmanager} receiver ({@code src/test/alertmanager-rules}); Alertmanager, configured with a loopback
 * webhook receiver, delivers the page, Tocsin keeps sending the firing alert (every second here) so Alertmanager
 * does not time it out, and the resolve arrives the same way. Event clock, with samples stamped with real time,
 * so Alertmanager's clock and Tocsin's agree.
 */
@QuarkusIntegrationTest
@TestProfile(AlertmanagerForwardingIT.Forwarding.class)
class AlertmanagerForwardingIT {

    public static class Forwarding implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.clock", "event", "tocsin.rules-dir", "src/test/alertmanager-rules",
                    "tocsin.alertmanager-resend-delay", "1s", "tocsin.external-url", EXTERNAL_URL);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ForwardingResource.class));
        }
    }

    static final String EXTERNAL_URL = "http://tocsin.example:8080";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MILLIS = 30_000;

    @Test
    void aPageArrivesThroughAlertmanagerAndThenItsResolve() throws Exception {
        DebianAlertmanager.require(DebianAlertmanager.ALERTMANAGER);
        Instant firedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        post(firedAt, 0.05);

        JsonNode page = await(() -> message("firing"), m -> m != null, "the page from Alertmanager");
        JsonNode alert = page.get("alerts").get(0);
        assertEquals(Map.of("alertname", "CheckoutErrors", "priority", "P1", "severity", "critical",
                "service", "checkout"), JSON.convertValue(alert.get("labels"), Map.class));
        assertEquals(Map.of("summary", "Error ratio of checkout is 0.05", "runbook",
                "Read the checkout error log; roll back the last deployment if it started there"),
                JSON.convertValue(alert.get("annotations"), Map.class));
        assertEquals(firedAt, Instant.parse(alert.get("startsAt").asText()), "startsAt is when it fired");
        assertEquals(EXTERNAL_URL + "/api/v1/rules?pack=forwarding", alert.get("generatorURL").asText());
        assertEquals("sent", action("notify").get("status"));
        assertEquals("http", action("notify").get("via"));

        // sent again while it fires: Alertmanager's updatedAt moves on with no new sample, endsAt stays ahead
        Instant updated = Instant.parse(alertmanagerAlert().get("updatedAt").asText());
        JsonNode again = await(() -> alertmanagerAlert(),
                a -> Instant.parse(a.get("updatedAt").asText()).isAfter(updated), "a re-send");
        assertTrue(Instant.parse(again.get("endsAt").asText()).isAfter(Instant.now().plusSeconds(2)),
                "valid for four resend delays: " + again);
        assertEquals("active", again.get("status").get("state").asText());

        Instant resolvedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        post(resolvedAt, 0.0);
        JsonNode resolve = await(() -> message("resolved"), m -> m != null, "the resolve from Alertmanager");
        JsonNode resolvedAlert = resolve.get("alerts").get(0);
        assertEquals("resolved", resolvedAlert.get("status").asText());
        assertEquals(resolvedAt, Instant.parse(resolvedAlert.get("endsAt").asText()), "endsAt is when it resolved");
        assertEquals(alert.get("fingerprint").asText(), resolvedAlert.get("fingerprint").asText());
        assertEquals("sent", action("resolve").get("status"));
        assertEquals(1, ForwardingResource.sink.messages().stream()
                .filter(m -> m.get("status").asText().equals("firing")).count(), "one page, however often re-sent");
    }

    private static void post(Instant at, double value) {
        given().contentType(ContentType.JSON).body("[{\"metric\":\"checkout_error_ratio\",\"labels\":{\"service\":"
                + "\"checkout\"},\"value\":" + value + ",\"timestamp\":\"" + at + "\"}]").post("/api/v1/samples")
                .then().statusCode(200);
    }

    /** The first webhook message Alertmanager sent with this status, or null. */
    private static JsonNode message(String status) {
        return ForwardingResource.sink.messages().stream().filter(m -> m.get("status").asText().equals(status))
                .findFirst().orElse(null);
    }

    private static JsonNode alertmanagerAlert() {
        try {
            JsonNode alerts = JSON.readTree(ForwardingResource.alertmanager.get("/api/v2/alerts").body());
            assertEquals(1, alerts.size(), alerts.toString());
            return alerts.get(0);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Tocsin's record of the action of this type for the forwarded alert. */
    private static Map<String, Object> action(String type) {
        List<Map<String, Object>> actions = given().get("/api/v1/actions?type=" + type + "&alert=CheckoutErrors")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, actions.size(), actions.toString());
        assertEquals("alertmanager", actions.get(0).get("receiver"));
        assertEquals("main", actions.get(0).get("destination"));
        return actions.get(0);
    }

    private static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        T last = probe.get();
        while (!done.test(last)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + last
                        + "\nwebhook messages: " + ForwardingResource.sink.messages()
                        + "\nAlertmanager log:\n" + ForwardingResource.alertmanager.logTail());
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
