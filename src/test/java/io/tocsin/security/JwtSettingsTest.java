package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** JWTs on without a key or an issuer stop the start, saying which setting is missing. */
class JwtSettingsTest {

    @Test
    void needsAKeyAndAnIssuer() {
        assertTrue(JwtSettings.problem(false, true).orElseThrow().contains("mp.jwt.verify.publickey.location"));
        assertTrue(JwtSettings.problem(true, false).orElseThrow().contains("mp.jwt.verify.issuer"));
        assertEquals(java.util.Optional.empty(), JwtSettings.problem(true, true));
    }
}
