package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * The first start of a fresh installation needs no secret from anyone: it makes an admin token, keeps it where
 * only its user can read it, and the API answers that token and nobody else.
 */
@QuarkusTest
@TestProfile(FirstStartProfile.class)
class FirstStartTest {

    @Test
    void makesAnAdminTokenOnlyItsUserCanRead() throws Exception {
        Path adminToken = FirstStartProfile.DATA_DIR.resolve("admin.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(adminToken)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                FirstStartProfile.DATA_DIR.resolve("tokens"))));
        String token = Files.readString(adminToken).strip();
        assertTrue(token.matches("tocsin_[A-Za-z0-9_-]{43}"), token);
        assertFalse(Files.readString(FirstStartProfile.DATA_DIR.resolve("tokens")).contains(token));

        assertEquals(200, Http.send("GET", "/api/v1/alerts", Http.bearer(token)).statusCode());
        assertEquals(200, Http.send("POST", "/api/v1/samples", Http.bearer(token), "[]").statusCode());
        assertEquals(401, Http.send("GET", "/api/v1/alerts", null).statusCode());
        assertEquals(401, Http.send("GET", "/api/v1/alerts", Http.bearer(TestTokens.ADMIN)).statusCode());
    }
}
