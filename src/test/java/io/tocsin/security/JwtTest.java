package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * JWTs from an identity provider, signed with a key pair made for this test: roles from the configured claim, the
 * principal's name as who acted, and expired, foreign-issuer and foreign-key tokens refused. Tocsin's own tokens
 * keep working beside them.
 */
@QuarkusTest
@TestProfile(JwtProfile.class)
class JwtTest {

    private static PrivateKey signingKey() throws Exception {
        String pem = Files.readString(JwtProfile.KEYS.resolve("private.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String jwt(String user, Set<String> roles, String issuer, Instant expires, PrivateKey key) {
        return Jwt.issuer(issuer).upn(user).claim("roles", roles).issuedAt(Instant.now()).expiresAt(expires)
                .sign(key);
    }

    private static String valid(String user, String... roles) throws Exception {
        return jwt(user, Set.of(roles), JwtProfile.ISSUER, Instant.now().plusSeconds(300), signingKey());
    }

    @Test
    void rolesComeFromTheRolesClaim() throws Exception {
        String reader = Http.bearer(valid("rita@example.test", "read"));
        assertEquals(200, Http.send("GET", "/api/v1/alerts", reader).statusCode());
        HttpResponse<String> refused = Http.send("POST", "/api/v1/silences", reader, "{}");
        assertEquals(403, refused.statusCode());
        assertEquals("token 'rita@example.test' (roles read) may not POST /api/v1/silences: it needs the operator role",
                JsonPath.from(refused.body()).getString("message"));
        String admin = Http.bearer(valid("ada@example.test", "admin"));
        assertEquals(200, Http.send("POST", "/api/v1/samples", admin, "[]").statusCode(), "admin implies ingest");
    }

    @Test
    void thePrincipalIsWhoActed() throws Exception {
        String operator = Http.bearer(valid("olga@example.test", "operator", "read"));
        HttpResponse<String> created = Http.send("POST", "/api/v1/silences", operator, "{\"matchers\":[{\"name\":"
                + "\"alertname\",\"value\":\"JwtTest\"}],\"endsAt\":\"2100-01-01T00:00:00Z\",\"comment\":\"jwt test\","
                + "\"createdBy\":\"somebody-else\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("olga@example.test", JsonPath.from(created.body()).getString("createdBy"));
        assertEquals("jwt test (request named somebody-else)", JsonPath.from(created.body()).getString("comment"));
    }

    @Test
    void expiredForeignOrForgedTokensAreRefused() throws Exception {
        PrivateKey key = signingKey();
        PrivateKey otherKey = JwtProfile.keyPair().getPrivate();
        for (String token : new String[] {
                jwt("eve", Set.of("admin"), JwtProfile.ISSUER, Instant.now().minusSeconds(600), key),
                jwt("eve", Set.of("admin"), "https://other-idp.example.test", Instant.now().plusSeconds(300), key),
                jwt("eve", Set.of("admin"), JwtProfile.ISSUER, Instant.now().plusSeconds(300), otherKey)}) {
            HttpResponse<String> response = Http.send("GET", "/api/v1/alerts", Http.bearer(token));
            assertEquals(401, response.statusCode(), response.body());
            assertEquals("Bearer realm=\"tocsin\", error=\"invalid_token\"",
                    response.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals(401, JsonPath.from(response.body()).getInt("status"));
        }
    }

    @Test
    void tocsinTokensStillWork() {
        assertEquals(200, Http.send("GET", "/api/v1/alerts", Http.bearer(TestTokens.READ)).statusCode());
        assertEquals(401, Http.send("GET", "/api/v1/alerts", Http.bearer("tocsin_unknown_000000000")).statusCode());
        assertEquals(401, Http.send("GET", "/api/v1/alerts", null).statusCode());
    }
}
