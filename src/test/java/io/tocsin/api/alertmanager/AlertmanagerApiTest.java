package io.tocsin.api.alertmanager;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tocsin.testing.EventTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager API v2 in the shapes of its OpenAPI (0.25), on the fixture pack and the event clock: firing alerts
 * with Alertmanager's labels, status and receivers, filters, groups, silences shared with {@code /api/v1}, status
 * and receivers, and the refusals as JSON strings.
 */
@QuarkusTest
class AlertmanagerApiTest {

    /** IntermittentTestFailures (P4, fires at once) for a series labelled test=<test>. */
    private static void flaky(EventTime t, long seconds, String test, double value) {
        EventTime.post(List.of(t.sample("genesis_flaky_tests", Map.of("service", "genesis", "test", test), value,
                seconds)));
    }

    /** The query is sent as written (already URL-encoded). */
    private static io.restassured.specification.RequestSpecification raw() {
        return given().urlEncodingEnabled(false);
    }

    private static List<Map<String, Object>> v2Alerts(String query) {
        return JsonPath.from(raw().get("/api/v2/alerts" + query).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString()).getList("$");
    }

    /** The error body of the v2 API: a JSON string. */
    private static String error(Response r, int status) {
        assertEquals(status, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.asString(), String.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON string: " + r.asString(), e);
        }
    }

    private static String silence(String matchers, String endsAt, String comment) {
        return "{\"matchers\":" + matchers + ",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"" + endsAt
                + "\",\"createdBy\":\"alice\"" + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + "}";
    }

    @Test
    void firingAlertsHaveAlertmanagersShape() {
        EventTime t = EventTime.fresh();
        flaky(t, 0, "am-shape", 5);
        EventTime.post(List.of(t.sample("genesis_error_ratio", Map.of("service", "genesis", "test", "am-shape"),
                0.01, 15))); // HighErrorRate: pending, not shown
        List<Map<String, Object>> alerts = v2Alerts("?filter=test%3D%22am-shape%22");
        assertEquals(1, alerts.size(), alerts.toString());
        Map<String, Object> a = alerts.get(0);
        assertEquals(Map.of("alertname", "IntermittentTestFailures", "priority", "P4", "severity", "info",
                "service", "genesis", "test", "am-shape"), a.get("labels"));
        assertEquals(Map.of("summary", "5 flaky tests", "runbook", "Quarantine the flaky tests and file tickets"),
                a.get("annotations"));
        Map<String, Object> v1 = JsonPath.from(given().get("/api/v1/alerts").then().extract().asString())
                .getMap("find { it.labels.test == 'am-shape' }");
        assertEquals(v1.get("fingerprint"), a.get("fingerprint"));
        assertEquals(t.at(0), a.get("startsAt"), "startsAt is when it fired");
        assertEquals(t.at(15), a.get("updatedAt"), "the latest evaluation");
        assertEquals(Instant.parse(t.at(15)).plusSeconds(240).toString(), a.get("endsAt"), "four resend delays on");
        assertEquals(Map.of("state", "active", "silencedBy", List.of(), "inhibitedBy", List.of()), a.get("status"));
        assertEquals(List.of(Map.of("name", "email/genesis-team"), Map.of("name", "slack/#genesis-logs")),
                a.get("receivers"));
        assertTrue(((String) a.get("generatorURL")).matches("https?://.+/api/v1/rules\\?pack=fixture"),
                a.get("generatorURL").toString());
    }

    @Test
    void filtersFollowAlertmanagersSemantics() {
        EventTime t = EventTime.fresh();
        flaky(t, 0, "am-filter", 5);
        String mine = "?filter=test%3D%22am-filter%22";
        assertEquals(1, v2Alerts(mine + "&filter=severity%3D~%22inf.%22&filter=alertname!%3DOther").size());
        assertEquals(0, v2Alerts(mine + "&filter=severity%3Dcritical").size());
        assertEquals(1, v2Alerts(mine + "&filter=missing%3D%22%22").size(), "= \"\" matches a missing label");
        assertEquals(1, v2Alerts(mine + "&receiver=slack/.*").size());
        assertEquals(1, v2Alerts(mine + "&receiver=").size(), "amtool sends an empty receiver");
        assertEquals(0, v2Alerts(mine + "&receiver=pagerduty/.*").size());
        assertEquals(0, v2Alerts(mine + "&active=false").size(), "not silenced, so active");
        assertEquals(1, v2Alerts(mine + "&active=true&silenced=false&inhibited=false&unprocessed=false").size());

        assertEquals("filter[1]: bad matcher format: no operator",
                error(raw().get("/api/v2/alerts?filter=test%3D%22am-filter%22&filter=no+operator"), 400),
                "a JSON string, as Alertmanager's OpenAPI says");
        assertEquals("active: 'maybe' is not true or false", error(raw().get("/api/v2/alerts?active=maybe"), 400));
        assertTrue(error(raw().get("/api/v2/alerts?receiver=%28"), 400).startsWith("receiver: "));
    }

    @Test
    void silencesAreSharedWithTheV1ApiAndMuteNotifications() {
        EventTime t = EventTime.fresh();
        flaky(t, 0, "am-silence", 5);
        String matchers = "[{\"name\":\"test\",\"value\":\"am-silence\",\"isRegex\":false},"
                + "{\"name\":\"severity\",\"value\":\"info\",\"isRegex\":false,\"isEqual\":true}]";
        String id = given().contentType(ContentType.JSON).body(silence(matchers, t.at(3600), "maintenance"))
                .post("/api/v2/silences").then().statusCode(200).extract().path("silenceID");

        // the same silence on both paths: its creator is the token ("env"), the named author a remark
        given().get("/api/v1/silences").then().body("find { it.id == '" + id + "' }.createdBy", equalTo("env"))
                .body("find { it.id == '" + id + "' }.comment", equalTo("maintenance (request named alice)"));
        Map<String, Object> v2 = JsonPath.from(given().get("/api/v2/silence/" + id).then().statusCode(200)
                .extract().asString()).getMap("$");
        assertEquals(Map.of("state", "active"), v2.get("status"));
        assertEquals("env", v2.get("createdBy"));
        assertEquals(List.of(Map.of("name", "test", "value", "am-silence", "isRegex", false, "isEqual", true),
                Map.of("name", "severity", "value", "info", "isRegex", false, "isEqual", true)), v2.get("matchers"));
        raw().get("/api/v2/silences?filter=test%3Dam-silence").then().statusCode(200).body("id", hasItem(id));
        raw().get("/api/v2/silences?filter=test%3D~am-silence").then().statusCode(200)
                .body("size()", equalTo(countSilencesWith("test", "am-silence", true)));

        // the alert shows as suppressed by it; only silenced=true lists it, and a silence on severity works
        String mine = "?filter=test%3D%22am-silence%22";
        assertEquals(0, v2Alerts(mine + "&silenced=false").size());
        List<Map<String, Object>> silenced = v2Alerts(mine + "&active=false&silenced=true");
        assertEquals(1, silenced.size());
        assertEquals(Map.of("state", "suppressed", "silencedBy", List.of(id), "inhibitedBy", List.of()),
                silenced.get(0).get("status"));

        // it mutes the resolve notifications
        flaky(t, 15, "am-silence", 1);
        List<Object> statuses = EventTime.actionsFor("am-silence").stream().filter(a -> a.get("type").equals("resolve"))
                .map(a -> a.get("status")).toList();
        assertEquals(List.of("silenced", "silenced"), statuses);

        // update: a new silence replaces it, the old one expires
        String updated = given().contentType(ContentType.JSON)
                .body(silence(matchers, t.at(7200), "longer").replace("{\"matchers\"", "{\"id\":\"" + id
                        + "\",\"matchers\""))
                .post("/api/v2/silences").then().statusCode(200).extract().path("silenceID");
        assertNotEquals(id, updated);
        given().get("/api/v2/silence/" + id).then().body("status.state", equalTo("expired"));
        given().get("/api/v2/silence/" + updated).then().body("status.state", equalTo("active"))
                .body("endsAt", equalTo(t.at(7200))).body("comment", equalTo("longer (request named alice)"));

        given().delete("/api/v2/silence/" + updated).then().statusCode(200);
        given().get("/api/v1/silences").then()
                .body("find { it.id == '" + updated + "' }.status.state", equalTo("expired"));
        given().delete("/api/v2/silence/" + updated).then().statusCode(200); // already expired: unchanged
        assertEquals("no silence with id no-such-silence",
                error(given().delete("/api/v2/silence/no-such-silence"), 404));
        given().get("/api/v2/silence/no-such-silence").then().statusCode(404);
        given().contentType(ContentType.JSON).body(silence(matchers, t.at(60), "x").replace("{\"matchers\"",
                "{\"id\":\"no-such-silence\",\"matchers\"")).post("/api/v2/silences").then().statusCode(404);
    }

    private static int countSilencesWith(String name, String value, boolean regex) {
        return (int) JsonPath.from(given().get("/api/v2/silences").then().extract().asString())
                .<Map<String, Object>>getList("$").stream()
                .filter(s -> ((List<Map<String, Object>>) s.get("matchers")).stream()
                        .anyMatch(m -> m.get("name").equals(name) && m.get("value").equals(value)
                                && m.get("isRegex").equals(regex) && m.get("isEqual").equals(true)))
                .count();
    }

    @Test
    void badSilencesAreRefusedWithTheFieldFirst() {
        EventTime t = EventTime.fresh();
        flaky(t, 0, "am-bad-silence", 1);
        String one = "[{\"name\":\"test\",\"value\":\"x\",\"isRegex\":false}]";
        assertEquals("comment: required: say why the alerts are silenced", error(given().contentType(ContentType.JSON)
                .body(silence(one, t.at(60), null)).post("/api/v2/silences"), 400));
        assertTrue(error(given().contentType(ContentType.JSON).body(silence("[]", t.at(60), "c"))
                .post("/api/v2/silences"), 400).startsWith("matchers: required"));
        assertEquals("matchers: at least one matcher must not match the empty string", error(given()
                .contentType(ContentType.JSON).body(silence("[{\"name\":\"test\",\"value\":\".*\",\"isRegex\":true}]",
                        t.at(60), "c")).post("/api/v2/silences"), 400));
        assertTrue(error(given().contentType(ContentType.JSON).body(silence(one, "2000-01-01T00:00:00Z", "c"))
                .post("/api/v2/silences"), 400).startsWith("endsAt: "));
        assertTrue(error(given().contentType(ContentType.JSON).body("{not json").post("/api/v2/silences"), 400)
                .startsWith("body: malformed JSON"));
        String id = given().contentType(ContentType.JSON).body(silence(one, t.at(60), "c")).post("/api/v2/silences")
                .then().statusCode(200).extract().path("silenceID");
        String update = silence(one, "2000-01-01T00:00:00Z", "c").replace("{\"matchers\"", "{\"id\":\"" + id
                + "\",\"matchers\"");
        assertTrue(error(given().contentType(ContentType.JSON).body(update).post("/api/v2/silences"), 400)
                .startsWith("endsAt: "), "an update the engine refuses");
        given().get("/api/v2/silence/" + id).then().body("status.state", equalTo("active")); // left as it was
    }

    /**
     * Silences made through /api/v2 are held to the limits of /api/v1 (matchers per silence, RE2 regexes), and
     * are operator actions in the audit trail like any other: created, expired and refused, with the token's name.
     */
    @Test
    void silencesAreHeldToTheSameLimitsAndAudited() {
        EventTime t = EventTime.fresh();
        flaky(t, 0, "am-limits", 1);
        String many = java.util.stream.IntStream.range(0, 65)
                .mapToObj(i -> "{\"name\":\"l" + i + "\",\"value\":\"v\",\"isRegex\":false}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        assertTrue(error(given().contentType(ContentType.JSON).body(silence(many, t.at(60), "c"))
                .post("/api/v2/silences"), 400).startsWith("matchers: 65 matchers, more than 64"));
        // a backreference is no RE2: refused, as Alertmanager refuses it
        String backreference = "[{\"name\":\"test\",\"value\":\"(a)\\\\1\",\"isRegex\":true}]";
        String refused = error(given().contentType(ContentType.JSON).body(silence(backreference, t.at(60), "c"))
                .post("/api/v2/silences"), 400);
        assertTrue(refused.startsWith("matchers[0].value: invalid regular expression (RE2 syntax)"), refused);
        assertTrue(error(raw().get("/api/v2/alerts?filter=test%3D~%22%28a%29%5C1%22"), 400)
                .startsWith("filter[0]: invalid regular expression"));
        // a pattern that backtracks for ever in java.util.regex is matched in linear time
        raw().get("/api/v2/alerts?filter=test%3D~%22%28a%2B%29%2B%24%22").then().statusCode(200);

        String one = "[{\"name\":\"test\",\"value\":\"am-limits\",\"isRegex\":false}]";
        String id = given().contentType(ContentType.JSON).body(silence(one, t.at(600), "audited"))
                .post("/api/v2/silences").then().statusCode(200).extract().path("silenceID");
        given().delete("/api/v2/silence/" + id).then().statusCode(200);
        given().get("/api/v1/silences").then().body("find { it.id == '" + id + "' }.expiredBy", equalTo("env"));

        List<Map<String, Object>> audit = JsonPath.from(given().queryParam("actor", "env").queryParam("limit", 4)
                .get("/api/v1/audit").then().statusCode(200).extract().asString()).getList("$");
        assertEquals(List.of("create-silence refused", "create-silence refused", "create-silence applied",
                "expire-silence applied"), audit.stream().map(e -> e.get("kind") + " " + e.get("outcome")).toList());
        assertEquals("matchers", audit.get(0).get("field"));
        assertEquals("matchers[0].value", audit.get(1).get("field"));
        assertEquals(id, ((Map<?, ?>) audit.get(2).get("details")).get("silenceId"));
        assertEquals("{test=\"am-limits\"}", ((Map<?, ?>) audit.get(2).get("details")).get("matchers"));
        assertEquals(id, ((Map<?, ?>) audit.get(3).get("details")).get("silenceId"));
        audit.forEach(e -> assertEquals("127.0.0.1", e.get("address")));
    }

    @Test
    void groupsAreByReceiverAndAlertname() {
        EventTime t = EventTime.fresh();
        flaky(t, 0, "am-groups", 5);
        List<Map<String, Object>> groups = JsonPath.from(raw()
                .get("/api/v2/alerts/groups?filter=test%3Dam-groups").then().statusCode(200).extract().asString())
                .getList("$");
        assertEquals(List.of("email/genesis-team", "slack/#genesis-logs"),
                groups.stream().map(g -> ((Map<?, ?>) g.get("receiver")).get("name")).toList());
        for (Map<String, Object> g : groups) {
            assertEquals(Map.of("alertname", "IntermittentTestFailures"), g.get("labels"));
            assertEquals(1, ((List<?>) g.get("alerts")).size());
        }
        raw().get("/api/v2/alerts/groups?filter=test%3Dam-groups&receiver=email.*").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].receiver.name", equalTo("email/genesis-team"));
    }

    @Test
    void statusAndReceivers() {
        given().get("/api/v2/status").then().statusCode(200).body("cluster.status", equalTo("disabled"))
                .body("cluster.peers.size()", equalTo(0))
                .body("versionInfo.version", startsWith(AlertmanagerStatusResource.API_VERSION + "+tocsin."))
                .body("config.original", startsWith("# Tocsin ")).body("uptime", startsWith("20"));
        EventTime t = EventTime.fresh();
        flaky(t, 0, "am-receivers", 5);
        given().get("/api/v2/receivers").then().statusCode(200)
                .body("name", hasItem("email/genesis-team")) // used by an action
                .body("name", hasItem("pagerduty/incident-commander")); // an escalation target's receiver
    }

    /**
     * Alertmanager's silences have no maintenance flag: the comment convention carries it both ways, so amtool
     * can open a maintenance window, sees one opened through /api/v1, and keeps it one when it updates it.
     */
    @Test
    void maintenanceWindowsTravelAsTheCommentConvention() {
        EventTime t = EventTime.fresh();
        String matchers = "[{\"name\":\"test\",\"value\":\"am-maintenance\",\"isRegex\":false}]";
        String byComment = given().contentType(ContentType.JSON)
                .body(silence(matchers, t.at(3600), "[maintenance] firmware")).post("/api/v2/silences").then()
                .statusCode(200).extract().path("silenceID");
        given().get("/api/v1/silences").then().body("find { it.id == '" + byComment + "' }.maintenance",
                equalTo(true));

        String byFlag = given().contentType(ContentType.JSON).body("{\"matchers\":" + matchers + ",\"endsAt\":\""
                + t.at(3600) + "\",\"comment\":\"kernel upgrade\",\"maintenance\":true}").post("/api/v1/silences")
                .then().statusCode(201).extract().path("id");
        String shown = given().get("/api/v2/silence/" + byFlag).then().statusCode(200).extract().path("comment");
        assertEquals("[maintenance] kernel upgrade", shown, "flagged through /api/v1, shown by the convention");

        String updated = given().contentType(ContentType.JSON).body("{\"id\":\"" + byFlag + "\",\"matchers\":"
                + matchers + ",\"startsAt\":\"2000-01-01T00:00:00Z\",\"endsAt\":\"" + t.at(7200)
                + "\",\"createdBy\":\"amtool\",\"comment\":\"" + shown + "\"}").post("/api/v2/silences").then()
                .statusCode(200).extract().path("silenceID");
        assertNotEquals(byFlag, updated);
        given().get("/api/v1/silences").then()
                .body("find { it.id == '" + updated + "' }.maintenance", equalTo(true))
                .body("find { it.id == '" + byFlag + "' }.status.state", equalTo("expired"));
    }

    @Test
    void postingAlertsIsRefusedSayingWhy() {
        Response r = given().contentType(ContentType.JSON).body("[]").post("/api/v2/alerts");
        assertEquals(405, r.statusCode());
        assertEquals("GET", r.header("Allow"));
        assertTrue(error(r, 405).startsWith("Tocsin raises alerts from its own rules"), r.asString());
    }
}
