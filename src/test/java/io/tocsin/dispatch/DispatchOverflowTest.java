package io.tocsin.dispatch;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tocsin.testing.EventTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher is bounded ({@code tocsin.dispatch.max-queued}): with no room at all, a newly decided delivery
 * fails at once with "dispatch queue full", a final state that leaves the outbox, and is counted in
 * {@code tocsin_dispatch_overflow_total}.
 */
@QuarkusTest
@TestProfile(DispatchOverflowTest.NoRoom.class)
class DispatchOverflowTest {

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.dispatch.max-queued", "0");
        }
    }

    @Test
    void aDeliveryThatFindsTheDispatcherFullFailsAtOnceAndIsCounted() {
        EventTime r = EventTime.fresh();
        r.series(0, 120, "genesis_error_ratio", Map.of("service", "genesis", "test", "overflow"), 0.005);
        List<Map<String, Object>> actions = Await.until(() -> EventTime.actionsFor("overflow"),
                list -> list.size() >= 2 && list.stream().allMatch(a -> a.get("status").equals("failed")),
                "two failed notifications");
        actions.forEach(a -> {
            assertEquals("notify", a.get("type"));
            assertTrue(((String) a.get("lastError")).contains("dispatch queue full (tocsin.dispatch.max-queued=0)"),
                    (String) a.get("lastError"));
        });
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double overflowed = metrics.lines().filter(l -> l.startsWith("tocsin_dispatch_overflow_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertTrue(overflowed >= 2, "tocsin_dispatch_overflow_total counts them: " + overflowed);
    }
}
