package io.tocsin.security;

import java.util.HashMap;
import java.util.Map;

/**
 * The tokens the test application accepts: the admin token (as {@code TOCSIN_API_TOKEN} would give it, named
 * {@code env}) that RestAssured sends by default ({@link DefaultToken}), and one token per other role, defined in
 * configuration by hash as an operator would. Known to every test, so never used outside tests.
 */
public final class TestTokens {

    public static final String ADMIN = "test-admin-token-0000000000000000";
    public static final String INGEST = "test-ingest-token-000000000000000";
    public static final String READ = "test-read-token-00000000000000000";
    public static final String OPERATOR = "test-operator-token-0000000000000";

    private TestTokens() {
    }

    /** The token that holds exactly {@code role} (admin: the env token). */
    public static String forRole(String role) {
        return switch (role) {
            case Roles.INGEST -> INGEST;
            case Roles.READ -> READ;
            case Roles.OPERATOR -> OPERATOR;
            case Roles.ADMIN -> ADMIN;
            default -> throw new IllegalArgumentException(role);
        };
    }

    /** The configuration that defines them. */
    static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("tocsin.api-token", ADMIN);
        for (String role : new String[] {Roles.INGEST, Roles.READ, Roles.OPERATOR}) {
            config.put("tocsin.security.tokens.test-" + role + ".roles", role);
            config.put("tocsin.security.tokens.test-" + role + ".sha256", ApiToken.sha256Hex(forRole(role)));
        }
        return config;
    }
}
