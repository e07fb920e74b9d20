package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks the API table over HTTP: every endpoint but health answers 401 without a token or with a wrong one, 403
 * to a token of each other role, and goes through (neither 401 nor 403) with its role and with admin. Refusals
 * have JSON bodies, Bearer challenges and are counted in /q/metrics.
 */
@QuarkusTest
@QuarkusTestResource(TestTokensResource.class)
class AccessTest {

    static Stream<ApiTable.Endpoint> endpoints() {
        return ApiTable.ENDPOINTS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void needsATokenWithItsRole(ApiTable.Endpoint e) {
        if (e.role().equals(ApiTable.NONE)) {
            HttpResponse<String> open = Http.send(e.method(), e.concretePath(), null, e.body());
            assertTrue(open.statusCode() != 401 && open.statusCode() != 403 && open.statusCode() < 500,
                    e + " needs no token: " + open.statusCode() + " " + open.body());
            return;
        }
        assertRefused(401, e, null, "Bearer realm=\"tocsin\"");
        assertRefused(401, e, Http.bearer("not-a-token-anyone-has-0000000000"),
                "Bearer realm=\"tocsin\", error=\"invalid_token\"");
        assertRefused(401, e, "Basic dXNlcjpwYXNz", "Bearer realm=\"tocsin\", error=\"invalid_request\"");
        for (String role : List.of(Roles.INGEST, Roles.READ, Roles.OPERATOR)) {
            if (!role.equals(e.role())) {
                assertRefused(403, e, Http.bearer(TestTokens.forRole(role)),
                        "Bearer realm=\"tocsin\", error=\"insufficient_scope\"");
            }
        }
        assertAllowed(e, TestTokens.forRole(e.role()));
        assertAllowed(e, TestTokens.ADMIN);
    }

    private static void assertRefused(int status, ApiTable.Endpoint e, String authorization, String challenge) {
        HttpResponse<String> response = Http.send(e.method(), e.concretePath(), authorization, e.body());
        String what = e + " with " + (authorization == null ? "no Authorization header" : "'" + authorization + "'");
        assertEquals(status, response.statusCode(), what + ": " + response.body());
        assertEquals(challenge, response.headers().firstValue("WWW-Authenticate").orElse(null), what);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
        JsonPath body = JsonPath.from(response.body());
        assertEquals(status, body.getInt("status"), what);
        assertFalse(body.getString("message").isBlank(), what);
        if (authorization != null) {
            assertFalse(response.body().contains(authorization.substring(authorization.indexOf(' ') + 1)),
                    "the answer never echoes the token");
        }
    }

    private static void assertAllowed(ApiTable.Endpoint e, String token) {
        HttpResponse<String> response = Http.send(e.method(), e.concretePath(), Http.bearer(token), e.body());
        assertTrue(response.statusCode() != 401 && response.statusCode() != 403 && response.statusCode() < 500,
                e + " with its role: " + response.statusCode() + " " + response.body());
    }

    @Test
    void forbiddenNamesTheTokenAndTheRoleItNeeds() {
        HttpResponse<String> response = Http.send("POST", "/api/v1/silences", Http.bearer(TestTokens.READ), "{}");
        assertEquals(403, response.statusCode());
        assertEquals("token 'test-read' (roles read) may not POST /api/v1/silences: it needs the operator role",
                JsonPath.from(response.body()).getString("message"));
    }

    @Test
    void healthNeedsNoTokenAndIgnoresABadOne() {
        for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready")) {
            assertEquals(200, Http.send("GET", path, null).statusCode(), path);
            assertEquals(200, Http.send("GET", path, Http.bearer("stale-token-000000000000000")).statusCode(),
                    path);
        }
    }

    @Test
    void anUnknownPathNeedsATokenToo() {
        assertEquals(401, Http.send("GET", "/api/v1/nothing-here", null).statusCode());
        assertEquals(404, Http.send("GET", "/api/v1/nothing-here", Http.bearer(TestTokens.READ)).statusCode());
    }

    @Test
    void remoteWriteIsIngestByPathBeforeItsEndpointExists() {
        assertEquals(401, Http.send("POST", "/api/v1/write", null, "").statusCode());
        assertEquals(403, Http.send("POST", "/api/v1/write", Http.bearer(TestTokens.READ), "").statusCode());
        assertEquals(403, Http.send("POST", "/api/v1/write", Http.bearer(TestTokens.OPERATOR), "").statusCode());
        int status = Http.send("POST", "/api/v1/write", Http.bearer(TestTokens.INGEST), "").statusCode();
        assertTrue(status != 401 && status != 403, "ingest may write: " + status);
    }

    @Test
    void refusalsAreCountedByReason() {
        Map<String, Double> before = failures();
        Http.send("GET", "/api/v1/alerts", null);
        Http.send("GET", "/api/v1/alerts", Http.bearer("wrong-token-000000000000000000000"));
        Http.send("GET", "/api/v1/alerts", "Token abc");
        Http.send("GET", "/api/v1/alerts", Http.bearer(TestTokens.INGEST));
        Map<String, Double> after = failures();
        for (String reason : List.of("missing", "invalid", "malformed", "forbidden")) {
            assertEquals(before.get(reason) + 1, after.get(reason), reason);
        }
    }

    /** {@code tocsin_auth_failures_total} by reason, read with a read token. */
    private static Map<String, Double> failures() {
        String metrics = Http.send("GET", "/q/metrics", Http.bearer(TestTokens.READ)).body();
        Matcher m = Pattern.compile("(?m)^tocsin_auth_failures_total\\{reason=\"(\\w+)\"} (\\S+)$").matcher(metrics);
        Map<String, Double> counts = new java.util.HashMap<>();
        while (m.find()) {
            counts.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertEquals(4, counts.size(), metrics);
        return counts;
    }

    @Test
    void theTokenNameIsWhoActedAndTheNamedAuthorIsKeptAsARemark() {
        String id = "access-who-" + System.nanoTime();
        assertEquals(201, Http.send("POST", "/api/v1/deployments", Http.bearer(TestTokens.OPERATOR),
                "{\"id\":\"" + id + "\",\"version\":\"1\"}").statusCode());
        HttpResponse<String> rollback = Http.send("POST", "/api/v1/deployments/" + id + "/rollback",
                Http.bearer(TestTokens.OPERATOR), "{\"reason\":\"bad canary\",\"by\":\"mallory\"}");
        assertEquals(200, rollback.statusCode(), rollback.body());
        JsonPath view = JsonPath.from(rollback.body());
        assertEquals("test-operator", view.getString("rollback.by"));
        assertEquals("bad canary (request named mallory)", view.getString("rollback.reason"));
    }
}
