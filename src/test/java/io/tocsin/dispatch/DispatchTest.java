package io.tocsin.dispatch;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.testing.EventTime;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dispatch end to end: samples in over HTTP, rules fire, and real loopback servers (Slack, PagerDuty and
 * webhook stand-ins, GreenMail for SMTP) and real processes (commands) receive exactly what they should.
 */
@QuarkusTest
@QuarkusTestResource(ReceiversResource.class)
class DispatchTest {

    @AfterEach
    void releaseReceivers() {
        ReceiversResource.http.reset();
    }

    private static FakeReceivers http() {
        return ReceiversResource.http;
    }

    private static List<Map<String, Object>> settled(String test, int count) {
        return Await.until(() -> EventTime.actionsFor(test),
                list -> list.size() >= count && list.stream().noneMatch(a -> a.get("status").equals("pending")
                        || a.get("status").equals("retrying")), count + " settled actions for " + test);
    }

    @Test
    void p1AlertReachesSlackAndPagerDutyWithExactPayloadsAndResolves() {
        EventTime r = EventTime.fresh();
        Map<String, String> labels = Map.of("service", "genesis", "test", "route-p1");
        r.series(0, 120, "genesis_error_ratio", labels, 0.005);
        List<Map<String, Object>> fired = settled("route-p1", 2);
        assertEquals(List.of("slack #genesis-alerts sent http", "pagerduty genesis-oncall sent http"),
                fired.stream().map(a -> a.get("receiver") + " " + a.get("destination") + " " + a.get("status") + " "
                        + a.get("via")).toList());
        fired.forEach(a -> {
            assertEquals("notify", a.get("type"));
            assertEquals(r.at(120), a.get("at"));
            assertEquals("HighErrorRate", a.get("alert"));
            assertEquals(1, a.get("attempts"));
            assertEquals("routing.drl", ((String) ((Map<?, ?>) a.get("rule")).get("file")).replace("fixture/", ""));
        });
        String alertId = (String) fired.get(0).get("alertId");

        FakeReceivers.Request slack = http().received("/slack/genesis-alerts", "route-p1").get(0);
        String text = JsonPath.from(slack.body()).getString("text");
        assertTrue(text.startsWith("[FIRING] HighErrorRate{service=\"genesis\",test=\"route-p1\"} P1"), text);
        assertTrue(text.contains("Runbook: "), text);

        JsonPath trigger = JsonPath.from(http().received("/pagerduty/enqueue", "route-p1").get(0).body());
        assertEquals("test-routing-key", trigger.getString("routing_key"));
        assertEquals("trigger", trigger.getString("event_action"));
        assertEquals("tocsin-" + alertId, trigger.getString("dedup_key"));
        assertEquals("critical", trigger.getString("payload.severity"));
        assertEquals("tocsin", trigger.getString("payload.source"));
        assertEquals(r.at(120), trigger.getString("payload.timestamp"));
        assertEquals("route-p1", trigger.getString("payload.custom_details.test"));

        r.series(135, 135, "genesis_error_ratio", labels, 0.0);
        List<Map<String, Object>> all = settled("route-p1", 4);
        assertEquals(List.of("resolve", "resolve"), all.subList(2, 4).stream().map(a -> a.get("type")).toList());
        List<FakeReceivers.Request> resolves = Await.until(() -> http().received("/pagerduty/enqueue", "\"resolve\""),
                list -> list.stream().anyMatch(q -> q.body().contains(alertId)), "PagerDuty resolve");
        JsonPath resolve = JsonPath.from(resolves.stream().filter(q -> q.body().contains(alertId)).findFirst()
                .orElseThrow().body());
        assertEquals("tocsin-" + alertId, resolve.getString("dedup_key"), "same incident");
        assertNull(resolve.get("payload"));
    }

    @Test
    void secretsNeverAppearInTheApi() {
        EventTime r = EventTime.fresh();
        r.series(0, 120, "genesis_error_ratio", Map.of("service", "genesis", "test", "secrets"), 0.005);
        settled("secrets", 2);
        String actions = given().get("/api/v1/actions").then().statusCode(200).extract().asString();
        assertFalse(actions.contains("test-routing-key"));
        assertFalse(actions.contains("/slack/"));
        assertFalse(actions.contains("127.0.0.1"));
    }

    @Test
    void retryableFailureIsRetriedWithBackoffAndDelivered() {
        http().behave("/slack/genesis-monitoring", FakeReceivers.Behaviour.FAIL_ONCE);
        EventTime r = EventTime.fresh();
        r.series(0, 600, "genesis_halo_routing_avg_seconds", Map.of("service", "genesis", "test", "retry"), 0.3);
        Map<String, Object> action = settled("retry", 1).get(0);
        assertEquals("sent", action.get("status"));
        assertEquals(2, action.get("attempts"));
        assertEquals("HTTP 500", action.get("lastError"), "the failure stays visible");
    }

    @Test
    void anActionUndeliverableForItsMaximumAgeExpiresUnderOneIdempotencyKey() {
        http().behave("/slack/genesis-monitoring", FakeReceivers.Behaviour.UNAVAILABLE);
        EventTime r = EventTime.fresh();
        r.series(0, 600, "genesis_halo_routing_avg_seconds", Map.of("service", "genesis", "test", "expire"), 0.3);
        Map<String, Object> action = settled("expire", 1).get(0);
        assertEquals("expired", action.get("status"), "retried until tocsin.dispatch.max-age (5s here), then expired");
        assertTrue(action.get("lastError").toString().contains("HTTP 503"), action.toString());
        List<FakeReceivers.Request> tries = http().received("/slack/genesis-monitoring", "expire");
        assertEquals(action.get("attempts"), tries.size());
        assertTrue(tries.size() >= 3, "retried: " + tries.size());
        assertEquals(java.util.Set.of("tocsin-action-" + action.get("id")),
                tries.stream().map(FakeReceivers.Request::idempotencyKey).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aResolveWaitsBehindItsTriggerWhileTheReceiverIsDown() {
        http().behave("/slack/genesis-monitoring", FakeReceivers.Behaviour.UNAVAILABLE);
        EventTime r = EventTime.fresh();
        Map<String, String> labels = Map.of("service", "genesis", "test", "order");
        r.series(0, 600, "genesis_halo_routing_avg_seconds", labels, 0.3);
        r.series(615, 615, "genesis_halo_routing_avg_seconds", labels, 0.1);
        List<Map<String, Object>> both = Await.until(() -> EventTime.actionsFor("order"),
                list -> list.size() == 2 && ((Integer) list.get(0).get("attempts")) >= 2, "a retried trigger");
        assertEquals("resolve", both.get(1).get("type"));
        assertEquals(0, both.get(1).get("attempts"), "the resolve waits for its trigger: " + both);
        http().behave("/slack/genesis-monitoring", FakeReceivers.Behaviour.OK);
        List<Map<String, Object>> sent = settled("order", 2);
        assertEquals(List.of("sent", "sent"), sent.stream().map(a -> a.get("status")).toList());
        List<FakeReceivers.Request> answered = http().received("/slack/genesis-monitoring", "order");
        List<String> delivered = answered.subList(answered.size() - 2, answered.size()).stream()
                .map(FakeReceivers.Request::idempotencyKey).toList();
        assertEquals(List.of("tocsin-action-" + sent.get(0).get("id"), "tocsin-action-" + sent.get(1).get("id")),
                delivered, "the trigger first, then the resolve, each answered 200 once");
    }

    @Test
    void clientErrorFailsAtOnceAndEmailGoesOverSmtp() throws Exception {
        http().behave("/slack/genesis-logs", FakeReceivers.Behaviour.REJECT);
        EventTime r = EventTime.fresh();
        r.series(0, 0, "genesis_flaky_tests", Map.of("service", "genesis", "test", "reject"), 7);
        List<Map<String, Object>> actions = settled("reject", 2);
        Map<String, Object> slack = actions.stream().filter(a -> a.get("receiver").equals("slack")).findFirst().orElseThrow();
        assertEquals("failed", slack.get("status"));
        assertEquals(1, slack.get("attempts"), "400 is not retried");
        assertEquals("HTTP 400", slack.get("lastError"));
        Map<String, Object> email = actions.stream().filter(a -> a.get("receiver").equals("email")).findFirst().orElseThrow();
        assertEquals("sent", email.get("status"));
        assertEquals("smtp", email.get("via"));
        MimeMessage mail = Arrays.stream(ReceiversResource.smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getSubject().contains("test=\"reject\"");
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst().orElseThrow();
        assertEquals("team@example.test", mail.getAllRecipients()[0].toString());
        assertTrue(mail.getSubject().startsWith("[FIRING] IntermittentTestFailures"), mail.getSubject());
    }

    @Test
    void hangingReceiverDoesNotDelayEvaluation() {
        http().behave("/slack/genesis-alerts", FakeReceivers.Behaviour.HOLD);
        EventTime r = EventTime.fresh();
        Map<String, String> labels = Map.of("service", "genesis", "test", "hang");
        r.series(0, 120, "genesis_error_ratio", labels, 0.005);
        Await.until(() -> http().held(), n -> n >= 1, "the Slack request to be held open");
        // Evaluation goes on while the delivery hangs: a new breach becomes a pending alert at once.
        Map<String, String> other = Map.of("service", "genesis", "test", "hang-2");
        r.series(135, 135, "genesis_operation_p95_seconds", other, 0.3);
        List<Map<String, Object>> alerts = JsonPath.from(given().get("/api/v1/alerts").then().statusCode(200)
                .extract().asString()).getList("findAll { it.labels.test == 'hang-2' }");
        assertEquals("pending", alerts.get(0).get("state"));
        Map<String, Object> slack = EventTime.actionsFor("hang").stream()
                .filter(a -> a.get("receiver").equals("slack")).findFirst().orElseThrow();
        assertEquals("pending", slack.get("status"), "still in flight");
        http().reset();
        assertEquals("sent", settled("hang", 2).stream().filter(a -> a.get("receiver").equals("slack")).findFirst()
                .orElseThrow().get("status"));
    }

    @Test
    void labelValueReachesTheCommandAsOneLiteralArgument() throws Exception {
        EventTime r = EventTime.fresh();
        String plain = "genesis-eu/1";
        r.series(0, 120, "genesis_error_ratio", Map.of("service", plain, "category", "llm", "test", "inject"), 0.005);
        Map<String, Object> remediation = settled("inject", 3).stream().filter(a -> a.get("type").equals("remediate"))
                .findFirst().orElseThrow();
        assertEquals("disable-llm", remediation.get("destination"));
        assertEquals("sent", remediation.get("status"));
        assertEquals(0, remediation.get("exitCode"));
        assertEquals("process", remediation.get("via"));
        assertTrue(((String) remediation.get("output")).contains("ran disable-llm"));
        assertArrayEquals(new String[] {"disable-llm", plain},
                ReceiversResource.argvOf((String) remediation.get("id")));
    }

    @Test
    void aLabelValueThatIsNoPlainValueNeverReachesTheCommand() throws Exception {
        EventTime r = EventTime.fresh();
        String hostile = "\"; rm -rf / #";
        r.series(0, 120, "genesis_error_ratio", Map.of("service", hostile, "category", "llm", "test", "hostile"),
                0.005);
        Map<String, Object> remediation = settled("hostile", 3).stream()
                .filter(a -> a.get("type").equals("remediate")).findFirst().orElseThrow();
        assertEquals("failed", remediation.get("status"));
        assertTrue(((String) remediation.get("lastError")).contains("is not 1 to 256 of letters"),
                (String) remediation.get("lastError"));
        assertNull(ReceiversResource.argvOf((String) remediation.get("id")), "the command never ran");
    }

    @Test
    void dryRunCommandIsRecordedButNeverRuns() throws Exception {
        EventTime r = EventTime.fresh();
        for (long s = 0; s <= 600; s += 60) {
            r.series(s, s, "genesis_htdag_decomposition_avg_seconds", Map.of("service", "genesis", "test", "dry"), 0.3);
        }
        Map<String, Object> cache = settled("dry", 2).stream().filter(a -> a.get("type").equals("remediate"))
                .findFirst().orElseThrow();
        assertEquals("enable-cache", cache.get("destination"));
        assertEquals("dry-run", cache.get("status"));
        assertEquals(0, cache.get("attempts"));
        assertNull(ReceiversResource.argvOf((String) cache.get("id")), "the command never ran");
    }

    @Test
    void outageRestartsThenEscalatesAndRollsBackTheDeploymentOnce() throws Exception {
        EventTime r = EventTime.fresh();
        String deployment = "outage-" + r.millis(0);
        given().contentType("application/json")
                .body("{\"id\":\"" + deployment + "\",\"version\":\"9.9.9\",\"startedAt\":\"" + r.at(0) + "\"}")
                .post("/api/v1/deployments").then().statusCode(201);
        Map<String, String> up = Map.of("job", "genesis-orchestration", "instance", "g-outage", "test", "outage");
        Map<String, String> errors = Map.of("service", "genesis", "test", "outage");
        for (long s = 0; s <= 180; s += 15) {
            EventTime.post(List.of(r.sample("up", up, 0, s), r.sample("genesis_error_ratio", errors, 0.005, s)));
            // let each command's result come back before time moves on, as it would in real time
            Await.until(() -> EventTime.actionsFor("outage"), l -> l.stream().noneMatch(a -> a.get("status").equals("pending")),
                    "commands to finish");
        }
        List<Map<String, Object>> actions = EventTime.actionsFor("outage");
        List<Map<String, Object>> restarts = actions.stream().filter(a -> a.get("type").equals("remediate")).toList();
        assertEquals(List.of(r.at(30), r.at(60), r.at(90)), restarts.stream().map(a -> a.get("at")).toList());
        for (Map<String, Object> restart : restarts) {
            assertEquals("failed", restart.get("status"));
            assertEquals(1, restart.get("exitCode"));
            assertArrayEquals(new String[] {"restart", "g-outage"}, ReceiversResource.argvOf((String) restart.get("id")));
        }
        List<Map<String, Object>> toCommander = actions.stream().filter(a -> a.get("type").equals("escalate")
                && a.get("destination").equals("incident-commander")).toList();
        assertEquals(List.of("pagerduty", "slack"), toCommander.stream().map(a -> a.get("receiver")).toList());
        assertEquals("third restart failed", toCommander.get(0).get("reason"));
        JsonPath ic = JsonPath.from(http().received("/pagerduty/enqueue", "ic-routing-key").stream()
                .filter(q -> q.body().contains("g-outage")).findFirst().orElseThrow().body());
        assertTrue(ic.getString("dedup_key").endsWith("-incident-commander"));

        // GenesisServiceDown fired at 60s, HighErrorRate at 120s: a system-wide outage, to the CTO's webhook.
        Map<String, Object> cto = actions.stream().filter(a -> "cto".equals(a.get("destination"))).findFirst().orElseThrow();
        assertEquals(r.at(120), cto.get("at"));
        JsonPath webhook = JsonPath.from(http().received("/webhook/cto", "g-outage").get(0).body());
        assertEquals("4", webhook.getString("version"));
        assertEquals("firing", webhook.getString("status"));
        assertEquals("cto", webhook.getString("receiver"));
        assertEquals("GenesisServiceDown", webhook.getString("alerts[0].labels.alertname"));
        assertEquals("critical", webhook.getString("alerts[0].labels.severity"));
        assertEquals(r.at(0), webhook.getString("alerts[0].startsAt"));
        assertEquals("0001-01-01T00:00:00Z", webhook.getString("alerts[0].endsAt"));
        assertEquals(16, webhook.getString("alerts[0].fingerprint").length());

        // Down for 2 minutes: one rollback of this deployment, by command, announced on Slack and PagerDuty.
        List<Map<String, Object>> rollbacks = EventTime.actions("?type=rollback").stream()
                .filter(a -> deployment.equals(a.get("deployment"))).toList();
        assertEquals(1, rollbacks.size());
        assertEquals(r.at(120), rollbacks.get(0).get("at"));
        assertEquals("sent", rollbacks.get(0).get("status"));
        assertArrayEquals(new String[] {"rollback", deployment}, ReceiversResource.argvOf((String) rollbacks.get(0).get("id")));
        // (the rollback's announcements; the fixture's note of the command's outcome may come meanwhile)
        List<Object> announced = EventTime.actions("?type=notify").stream()
                .filter(a -> deployment.equals(a.get("deployment")))
                .filter(a -> a.get("rule") instanceof Map<?, ?> rule
                        && String.valueOf(rule.get("name")).startsWith("Announce every rollback"))
                .map(a -> a.get("receiver") + " " + a.get("destination"))
                .map(Object.class::cast).toList();
        assertEquals(List.of("slack #genesis-alerts", "pagerduty genesis-oncall"), announced);
        given().get("/api/v1/deployments").then().statusCode(200)
                .body("find { it.id == '" + deployment + "' }.rollback.criterion", org.hamcrest.Matchers.equalTo(
                        "GenesisDownFor2Minutes"))
                .body("find { it.id == '" + deployment + "' }.armed", org.hamcrest.Matchers.equalTo(false));
    }
}
