package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in session over HTTP: a cookie that scripts cannot read and other sites cannot send, the
 * token's roles, CSRF protection for state changes, a session that survives a restart (reloaded from its file,
 * which holds no session id), and sign-out.
 */
@QuarkusTest
@QuarkusTestResource(TestTokensResource.class)
class ConsoleSessionsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Inject
    ConsoleSessions sessions;

    private static String url(String path) {
        return RestAssured.baseURI + ":" + RestAssured.port + path;
    }

    private static HttpResponse<String> signIn(String token, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/console/session")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String cookie, String csrf, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", cookie)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (csrf != null) {
            request.header(ConsoleSessions.CSRF_HEADER, csrf);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSessionActsAsItsTokenAndNeedsTheCsrfTokenToChangeAnything() throws Exception {
        HttpResponse<String> signedIn = signIn(TestTokens.READ, url(""));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains("Max-Age") || setCookie.contains("Expires"),
                "a browser-session cookie: " + setCookie);
        String id = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        String cookie = ConsoleSessions.COOKIE + "=" + id;
        String csrf = ConsoleSessions.csrf(id);
        assertFalse(signedIn.body().contains(TestTokens.READ), "the token is never echoed");

        assertEquals(200, send("GET", "/console/alerts", cookie, null, null).statusCode());
        assertEquals(200, send("GET", "/api/v1/alerts", cookie, null, null).statusCode());
        String preview = "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"nothing\"}]}";
        assertEquals(403, send("POST", "/api/v1/silences/preview", cookie, null, preview).statusCode(),
                "without the CSRF token");
        assertEquals(403, send("POST", "/api/v1/silences/preview", cookie, "wrong", preview).statusCode());
        assertEquals(200, send("POST", "/api/v1/silences/preview", cookie, csrf, preview).statusCode());
        assertEquals(403, send("POST", "/api/v1/silences", cookie, csrf, "{}").statusCode(),
                "the session has the read token's roles, no more");

        // a restart: sessions come back from their file, which holds only hashes
        String file = Files.readString(sessions.file());
        assertFalse(file.contains(id), "the session id is not stored");
        assertFalse(file.contains(TestTokens.READ), "the token is not stored");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sessions.file())));
        sessions.load();
        assertEquals(200, send("GET", "/console/alerts", cookie, null, null).statusCode(), "after a reload");

        assertEquals(204, send("DELETE", "/console/session", cookie, csrf, null).statusCode());
        assertEquals(401, send("GET", "/console/alerts", cookie, null, null).statusCode(), "signed out");
        assertEquals(200, send("GET", "/", cookie, null, null).statusCode(), "the page is the sign-in form again");
    }

    @Test
    void signInRefusesUnknownTokensAndOtherSitesForms() throws Exception {
        assertEquals(401, signIn("not-a-token-anyone-has-000000000", null).statusCode());
        assertEquals(400, signIn("", null).statusCode());
        HttpResponse<String> crossSite = signIn(TestTokens.ADMIN, "http://evil.example");
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.headers().firstValue("Set-Cookie").isEmpty(), "no session for another site's form");
        assertEquals(401, send("GET", "/console/alerts", ConsoleSessions.COOKIE + "=made-up", null, null)
                .statusCode(), "an unknown session is no session");
    }
}
