package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.config.TocsinConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where tokens come from, and what the first start does when there is none. */
class TokenTableTest {

    @TempDir
    Path dataDir;

    private final Map<String, SecurityConfig.ConfiguredToken> configured = new HashMap<>();
    private String envToken;

    private TokenTable table() {
        TokenTable table = new TokenTable();
        table.config = config(TocsinConfig.class, Map.of("dataDir", dataDir.toString()));
        table.security = config(SecurityConfig.class, Map.of("tokenFile", Optional.empty(), "tokens", configured));
        table.apiToken = () -> Optional.ofNullable(envToken);
        table.load();
        return table;
    }

    /** A configuration interface answering the given methods (tests need only a few of them). */
    @SuppressWarnings("unchecked")
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return values.get(method.getName());
        });
    }

    @Test
    void firstStartMakesAnAdminTokenReadableOnlyByItsOwner() throws Exception {
        TokenTable table = table();
        Path adminToken = dataDir.resolve("admin.token");
        Path tokenFile = dataDir.resolve("tokens");
        assertEquals(SecretFile.OWNER_ONLY, Files.getPosixFilePermissions(adminToken));
        assertEquals(SecretFile.OWNER_ONLY, Files.getPosixFilePermissions(tokenFile));
        String token = Files.readString(adminToken).strip();
        assertTrue(token.startsWith("tocsin_"), token);
        assertEquals("admin", table.find(token).orElseThrow().name());
        assertTrue(table.find(token).orElseThrow().roles().contains(Roles.ADMIN));
        String file = Files.readString(tokenFile);
        assertFalse(file.contains(token), "the token file holds the hash, never the token");
        assertTrue(file.contains("admin:admin:" + ApiToken.sha256Hex(token)), file);

        // the next start finds the token file and makes nothing new
        assertEquals(token, Files.readString(adminToken).strip());
        assertEquals("admin", table().find(token).orElseThrow().name());
        assertEquals(token, Files.readString(adminToken).strip());
    }

    @Test
    void theEnvironmentTokenIsAnAdminNamedEnvAndNeedsNoFiles() {
        envToken = "a-token-for-scripts-0123456789";
        TokenTable table = table();
        assertEquals("env", table.find(envToken).orElseThrow().name());
        assertFalse(Files.exists(dataDir.resolve("admin.token")), "a configured token means no first-start token");
        assertTrue(table.find("a-token-for-scripts-012345678").isEmpty());
    }

    @Test
    void aShortEnvironmentTokenIsRefused() {
        envToken = "short";
        IllegalStateException e = assertThrows(IllegalStateException.class, this::table);
        assertTrue(e.getMessage().startsWith("TOCSIN_API_TOKEN (tocsin.api-token) is 5 characters long"),
                e.getMessage());
    }

    @Test
    void fileAndConfiguredTokensTogether() throws Exception {
        Files.writeString(dataDir.resolve("tokens"), "prom:ingest:" + ApiToken.sha256Hex("tocsin_prom_token") + "\n");
        configured.put("grafana", token("read", ApiToken.sha256Hex("tocsin_grafana_token")));
        TokenTable table = table();
        assertEquals(2, table.size());
        assertEquals("prom", table.find("tocsin_prom_token").orElseThrow().name());
        assertEquals("grafana", table.find("tocsin_grafana_token").orElseThrow().name());
        assertTrue(table.find("tocsin_other").isEmpty());
    }

    @Test
    void anEmptyTokenFileIsRespected() throws Exception {
        Files.writeString(dataDir.resolve("tokens"), "# every token revoked\n");
        assertEquals(0, table().size());
        assertFalse(Files.exists(dataDir.resolve("admin.token")), "an existing token file is never overridden");
    }

    @Test
    void aNameOrASecretTwiceIsRefused() throws Exception {
        Files.writeString(dataDir.resolve("tokens"), "ci:ingest:" + ApiToken.sha256Hex("tocsin_one") + "\n");
        configured.put("ci", token("read", ApiToken.sha256Hex("tocsin_two")));
        assertEquals("the token name 'ci' is defined twice (" + dataDir.resolve("tokens")
                + " and tocsin.security.tokens.ci)",
                assertThrows(IllegalStateException.class, this::table).getMessage());
        configured.clear();
        configured.put("other", token("read", ApiToken.sha256Hex("tocsin_one")));
        assertEquals("tokens 'ci' and 'other' are the same secret; give each client its own token",
                assertThrows(IllegalStateException.class, this::table).getMessage());
    }

    @Test
    void aConfiguredTokenWithAnUnknownRoleIsRefusedByName() {
        configured.put("x", token("root", ApiToken.sha256Hex("tocsin_x")));
        assertEquals("tocsin.security.tokens.x: unknown role 'root' (roles are ingest, read, operator, admin)",
                assertThrows(IllegalStateException.class, this::table).getMessage());
    }

    private static SecurityConfig.ConfiguredToken token(String roles, String sha256) {
        return new SecurityConfig.ConfiguredToken() {
            @Override
            public String roles() {
                return roles;
            }

            @Override
            public String sha256() {
                return sha256;
            }
        };
    }
}
