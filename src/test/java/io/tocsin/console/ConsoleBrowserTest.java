package io.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tocsin.security.TestTokens;
import io.tocsin.security.TestTokensResource;
import io.tocsin.testing.Browser;
import io.tocsin.testing.EventTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator console in a real headless Chromium, as on-call uses it: sign in with a token, see an alert fire
 * from posted samples without reloading, acknowledge it, silence it from the alert (with the engine's preview of
 * what the silence matches) and see its next notification silenced, follow a registered deployment's watch,
 * promote and roll it back from the page; a read token sees everything and no button. Throughout, the page asks
 * nothing of anyone but Tocsin and breaks no rule of its Content-Security-Policy. Screenshots of every section
 * go to {@code target/console-screenshots/}.
 */
@QuarkusTest
@QuarkusTestResource(TestTokensResource.class)
class ConsoleBrowserTest {

    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIVE = Duration.ofSeconds(2); // the page shows a change within this, unreloaded
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static String origin() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    /** Signs in on the sign-in form with {@code token} and waits for the console's sections. */
    private static void signIn(Browser browser, String token) throws Exception {
        signInOnly(browser, token);
        browser.waitFor("document.querySelector('#alerts h2') && document.querySelector('#alerts .engine-now')"
                + " && document.querySelector('#deployments .criteria-now')", PATIENCE, "the console's sections");
    }

    /** Signs in and waits for the console's page. */
    private static void signInOnly(Browser browser, String token) throws Exception {
        browser.navigate(origin() + "/");
        browser.waitFor("document.querySelector('form[action=\"/console/session\"]')", PATIENCE, "the sign-in form");
        browser.type("#token", token);
        browser.press("Enter");
        browser.waitFor("document.querySelector('#sign-out')", PATIENCE, "the console's page");
    }

    /** JavaScript for the alert card of the series labelled {@code service}. */
    private static String card(String service) {
        return "[...document.querySelectorAll('#alerts article.alert')].find(a => a.querySelector('.labels')"
                + ".textContent.includes('service=\"" + service + "\"'))";
    }

    private static String alertId(String service) {
        List<Map<String, Object>> alerts = JsonPath.from(given().get("/api/v1/alerts").then().statusCode(200)
                .extract().asString()).getList("");
        return alerts.stream().filter(a -> service.equals(((Map<?, ?>) a.get("labels")).get("service")))
                .map(a -> (String) a.get("id")).findFirst().orElseThrow();
    }

    private static void post(EventTime t, String service, double value, long from, long to) {
        t.series(from, to, "genesis_error_ratio", Map.of("service", service), value);
    }

    @Test
    void anOperatorHandlesAnIncidentFromThePage() throws Exception {
        EventTime t = EventTime.fresh();
        String service = "console-" + t.millis(0);
        try (Browser browser = new Browser(Browser.required(), 1280, 900)) {
            browser.timezone("Europe/Berlin");
            browser.navigate(origin() + "/");
            shot(browser, SHOTS.resolve("01-sign-in.png"));
            browser.type("#token", "not-a-token-anyone-has-000000000");
            browser.press("Enter");
            browser.waitFor("document.querySelector('.problem')", PATIENCE, "the refusal of an unknown token");
            signIn(browser, TestTokens.ADMIN);
            assertEquals("env (ingest,read,operator,admin)", browser.evaluate(
                    "document.querySelector('.who span').textContent.trim()").asText());

            // an alert fires from posted samples: pending at 0, firing at 2 minutes, shown without a reload
            post(t, service, 0.002, 0, 105);
            browser.waitFor(card(service) + "?.classList.contains('pending')", LIVE.plus(LIVE), "the pending alert");
            post(t, service, 0.002, 120, 120);
            Duration shown = browser.waitFor(card(service) + "?.classList.contains('firing')", PATIENCE,
                    "the alert firing");
            assertTrue(shown.compareTo(LIVE) <= 0, "the page showed the alert firing " + shown.toMillis()
                    + " ms after the sample that fired it; at most " + LIVE.toMillis() + " ms");
            JsonNode seen = browser.evaluate("(() => { const c = " + card(service) + "; return {"
                    + " text: c.innerText, next: c.querySelector('.reactions li.first').innerText,"
                    + " rule: c.querySelector('dl.facts').innerText,"
                    + " firedTime: c.querySelector('time').innerText }; })()");
            assertTrue(seen.get("next").asText().startsWith("escalate to incident-commander at "
                    + t.at(120 + 30 * 60).replace('T', ' ').replace("Z", " UTC")), seen.toString());
            assertTrue(seen.get("rule").asText().contains("fixture/slo.drl:"), seen.toString());
            assertTrue(seen.get("text").asText().contains("Error ratio of " + service + " is 0.002"), seen.toString());
            // every time in UTC and in the browser's zone (here Berlin: GMT+1 or GMT+2)
            assertTrue(seen.get("firedTime").asText().matches(".* UTC · .*GMT\\+[12]"), seen.toString());
            shot(browser, SHOTS.resolve("02-alerts-firing.png"), "#alerts");

            // acknowledge with a comment
            String id = alertId(service);
            browser.click("button[data-action='ack'][data-alert-id='" + id + "']");
            browser.waitFor("document.getElementById('ack-dialog').open", PATIENCE, "the acknowledge dialog");
            assertTrue(browser.evaluate("document.getElementById('ack-dialog').contains(document.activeElement)")
                    .asBoolean(), "the dialog takes the keyboard focus");
            browser.type("#ack-comment", "looking into it");
            view(browser, SHOTS.resolve("03-acknowledge-dialog.png"));
            browser.click("#ack-dialog button[type=submit]");
            browser.waitFor(card(service) + "?.querySelector('.badge.acked')", PATIENCE, "the acknowledgement");
            JsonNode alert = JSON.readTree(given().get("/api/v1/alerts").then().extract().asString());
            JsonNode acked = findByService(alert, service);
            assertEquals("env", acked.at("/acknowledgement/by").asText());
            assertEquals("looking into it", acked.at("/acknowledgement/comment").asText());
            assertTrue(browser.evaluate(card(service) + ".querySelector('.next').innerText").asText()
                    .contains("acknowledged alerts escalate no further"));

            // silence it from the alert: prefilled matchers, the engine's preview, duration, comment
            browser.click("button[data-action='silence'][data-alert-id='" + id + "']");
            browser.waitFor("document.getElementById('silence-dialog').open && [...document.querySelectorAll("
                    + "'#silence-dialog [data-field=preview] li')].some(li => li.textContent.includes('" + service
                    + "'))", PATIENCE, "the silence dialog's preview of the alert");
            assertEquals(2, browser.evaluate("document.querySelectorAll('#silence-dialog .matcher').length").asInt());
            browser.type("#silence-dialog [name=duration]", "1h");
            browser.type("#silence-comment", "fix is deploying");
            view(browser, SHOTS.resolve("04-silence-dialog.png"));
            browser.click("#silence-dialog button[type=submit]");
            browser.waitFor("[...document.querySelectorAll('#silences section.active tr')].some(r => r.textContent"
                    + ".includes('" + service + "'))", PATIENCE, "the silence among the active ones");
            browser.waitFor(card(service) + "?.querySelector('.badge.silenced')", PATIENCE, "the alert shown silenced");
            shot(browser, SHOTS.resolve("05-silences.png"), "#silences");

            // its next notification (the resolve) is recorded as silenced, and the page says so
            post(t, service, 0, 135, 135);
            browser.waitFor("[...document.querySelectorAll('#alerts .resolved tr')].some(r => r.textContent"
                    + ".includes('" + service + "'))", PATIENCE, "the alert among the recently resolved");
            List<JsonNode> resolves = actions("?type=resolve&alert=HighErrorRate", service);
            assertEquals(2, resolves.size(), resolves.toString());
            resolves.forEach(r -> assertEquals("silenced", r.get("status").asText(), r.toString()));
            browser.evaluate("(() => { const s = document.querySelector('#action-filters [name=status]');"
                    + " s.value = 'silenced'; s.dispatchEvent(new Event('change', {bubbles: true})); })()");
            browser.waitFor("[...document.querySelectorAll('#action-list tr.status-silenced')].filter(r =>"
                    + " r.textContent.includes('" + service + "') && r.textContent.includes('resolve')).length === 2"
                    + " && !document.querySelector('#action-list tr.status-sent')", PATIENCE,
                    "the silenced resolve notifications under the status filter");
            shot(browser, SHOTS.resolve("06-actions-silenced.png"), "#actions");

            // register a deployment and follow its watch; promote and roll back from the page
            String deployment = "console-" + t.millis(0);
            given().contentType(ContentType.JSON).body("{\"id\":\"" + deployment + "\",\"version\":\"2.5.0\","
                    + "\"steps\":[{\"after\":\"1h\",\"traffic\":25},{\"after\":\"3h\",\"traffic\":50}]}")
                    .post("/api/v1/deployments").then().statusCode(201);
            browser.waitFor("document.querySelector('#dep-current')?.textContent.includes('" + deployment + "')"
                    + " && document.querySelector('#deployments .watch')?.innerText.includes('T+15m')", PATIENCE,
                    "the new deployment and its watch's next checkpoint");
            given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + t.at(135 + 16 * 60) + "\"}")
                    .post("/api/v1/clock").then().statusCode(200);
            browser.waitFor("document.querySelector('#deployments .watch')?.innerText.includes('T+30m')",
                    PATIENCE, "the watch moving to its next checkpoint");
            shot(browser, SHOTS.resolve("07-deployment-watching.png"), "#deployments");

            browser.click("button[data-action='promote'][data-deployment='" + deployment + "']");
            browser.waitFor("document.getElementById('confirm-dialog').open", PATIENCE, "the promote confirmation");
            assertEquals("25", browser.evaluate("document.querySelector('#confirm-dialog [name=traffic]').value")
                    .asText(), "the next step's traffic is offered");
            browser.type("#confirm-reason", "canary looks good");
            browser.click("#confirm-dialog button[type=submit]");
            browser.waitFor("document.querySelector('#deployments .steps .step-promoted')", PATIENCE,
                    "the first rollout step promoted");

            browser.click("button[data-action='rollback'][data-deployment='" + deployment + "']");
            browser.waitFor("document.getElementById('confirm-dialog').open", PATIENCE, "the rollback confirmation");
            browser.type("#confirm-reason", "errors after the fix");
            view(browser, SHOTS.resolve("08-rollback-confirm.png"));
            browser.click("#confirm-dialog button[type=submit]");
            browser.waitFor("document.querySelector('#dep-current')?.closest('article').querySelector("
                    + "'.badge.rolled-back') && document.querySelector('#deployments .badge.watch-rolled-back')"
                    + " && [...document.querySelectorAll('#deployments a')].some(a => a.textContent.includes("
                    + "'rollback evidence'))", PATIENCE, "the rollback, the closed watch and the evidence link");
            shot(browser, SHOTS.resolve("09-deployment-rolled-back.png"), "#deployments");
            JsonNode deployments = JSON.readTree(given().get("/api/v1/deployments").then().extract().asString());
            for (JsonNode d : deployments) {
                if (d.get("id").asText().equals(deployment)) {
                    assertEquals("env", d.at("/rollback/by").asText());
                    assertEquals("errors after the fix", d.at("/rollback/reason").asText());
                }
            }
            assertTrue(actions("?type=remediate", null).stream().anyMatch(a -> "promote".equals(
                    a.path("destination").asText()) && a.path("reason").asText().equals("traffic to 25%")),
                    "the promotion ran the promote command");

            shot(browser, SHOTS.resolve("10-console-desktop.png"));
            browser.phone();
            browser.navigate(origin() + "/");
            browser.waitFor("document.querySelector('#alerts .engine-now')", PATIENCE, "the console on a phone");
            assertTrue(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1").asBoolean(),
                    "nothing wider than the phone's screen");
            view(browser, SHOTS.resolve("11-console-phone.png"));
            shot(browser, SHOTS.resolve("11b-alerts-phone.png"), "#alerts");
            browser.desktop();

            assertEverythingLabelled(browser);
            assertEquals(List.of(), browser.requestsOutside(origin()), "requests to anything but Tocsin");
            // the only error: the refused sign-in with an unknown token, at the start
            String refusal = "status of 401 (Unauthorized) " + origin() + "/console/session";
            assertEquals(1, browser.errors().stream().filter(e -> e.contains(refusal)).count(), browser.errors()
                    .toString());
            assertEquals(List.of(), browser.errors().stream().filter(e -> !e.contains(refusal)).toList(),
                    "errors the browser logged (policy violations among them)");
        }
    }

    @Test
    void aReadTokenSeesEverythingAndNoButtonThatWouldFail() throws Exception {
        EventTime t = EventTime.fresh();
        String service = "console-read-" + t.millis(0);
        post(t, service, 0.002, 0, 120);
        try (Browser browser = new Browser(Browser.required(), 1280, 900)) {
            signIn(browser, TestTokens.READ);
            browser.waitFor(card(service) + "?.classList.contains('firing')", PATIENCE, "the firing alert");
            browser.waitFor("document.querySelector('#action-list table')", PATIENCE, "the action history");
            assertEquals(0, browser.evaluate("document.querySelectorAll('[data-action], dialog').length").asInt(),
                    "a read token gets no button that changes anything");
            assertFalse(browser.evaluate("document.querySelector('meta[name=tocsin-csrf]') === null").asBoolean(),
                    "a session still has its CSRF token (sign-out needs it)");
            shot(browser, SHOTS.resolve("12-read-only.png"));
            // and the API refuses the session what the page does not offer
            int status = browser.evaluate("fetch('/api/v1/silences', {method: 'POST', headers: {'Content-Type':"
                    + " 'application/json', 'X-Tocsin-CSRF': document.querySelector('meta[name=tocsin-csrf]')"
                    + ".content}, body: '{}'}).then(r => r.status)").asInt();
            assertEquals(403, status);
            // without the CSRF header, a state change with the cookie alone is refused even for the right role
            browser.click("#sign-out");
            browser.waitFor("document.querySelector('form[action=\"/console/session\"]')", PATIENCE,
                    "the sign-in form after signing out");
            assertEquals(401, browser.evaluate("fetch('/console/alerts').then(r => r.status)").asInt(),
                    "the session ended with the sign-out");
            assertEquals(List.of(), browser.requestsOutside(origin()), "requests to anything but Tocsin");
            // the refusals this test asked for (403, and 401 after signing out) are the only errors
            assertEquals(List.of(), browser.errors().stream().filter(e -> !e.contains("status of 401")
                    && !e.contains("status of 403")).toList(), "errors the browser logged");
        }
    }

    @Test
    void theCookieAloneCannotChangeAnything() throws Exception {
        try (Browser browser = new Browser(Browser.required(), 1024, 768)) {
            signInOnly(browser, TestTokens.OPERATOR);
            // the operator token has no read role: the console says so and offers nothing
            assertTrue(browser.evaluate("document.body.innerText").asText().contains("This token cannot read"));
            int status = browser.evaluate("fetch('/api/v1/clock', {method: 'POST', headers: {'Content-Type':"
                    + " 'application/json'}, body: '{}'}).then(r => r.status)").asInt();
            assertEquals(403, status, "a state change without the page's CSRF token");
            int withToken = browser.evaluate("fetch('/api/v1/clock', {method: 'POST', headers: {'Content-Type':"
                    + " 'application/json', 'X-Tocsin-CSRF': document.querySelector('meta[name=tocsin-csrf]')"
                    + ".content}, body: '{}'}).then(r => r.status)").asInt();
            assertEquals(400, withToken, "with it, the request reaches the endpoint (and its body is wrong)");
        }
    }

    /** Once the page's script has shown every time in the browser's zone too: the page as a person sees it. */
    private static void settle(Browser browser) throws Exception {
        browser.waitFor("!document.querySelector('time:not([data-local])')", PATIENCE, "times in the browser's zone");
    }

    private static void shot(Browser browser, Path file) throws Exception {
        settle(browser);
        browser.screenshot(file);
    }

    private static void shot(Browser browser, Path file, String selector) throws Exception {
        settle(browser);
        browser.screenshot(file, selector);
    }

    /** What the window shows (a dialog over the page, a phone's first screen). */
    private static void view(Browser browser, Path file) throws Exception {
        settle(browser);
        browser.screenshotViewport(file);
    }

    /** Every form control has a label a screen reader can read, and every button a name. */
    private static void assertEverythingLabelled(Browser browser) throws Exception {
        JsonNode unlabelled = browser.evaluate("[...document.querySelectorAll('input, select, textarea, button')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                + " && !e.textContent.trim()).map(e => e.outerHTML.slice(0, 120))");
        assertEquals(0, unlabelled.size(), unlabelled.toString());
    }

    private static JsonNode findByService(JsonNode list, String service) {
        for (JsonNode a : list) {
            if (service.equals(a.at("/labels/service").asText())) {
                return a;
            }
        }
        throw new AssertionError("no alert of " + service + " in " + list);
    }

    /** Actions of the API for a query, only those of the series labelled {@code service} (all when null). */
    private static List<JsonNode> actions(String query, String service) throws Exception {
        JsonNode all = JSON.readTree(given().get("/api/v1/actions" + query).then().statusCode(200).extract()
                .asString());
        List<JsonNode> out = new java.util.ArrayList<>();
        all.forEach(a -> {
            if (service == null || service.equals(a.at("/labels/service").asText())) {
                out.add(a);
            }
        });
        return out;
    }
}
