package io.tocsin.security;

import java.util.List;

/**
 * The API table: every endpoint but health, the role it needs, and a request that exercises it without
 * changing anything (unknown ids, incomplete bodies). The README's "Security" table must list exactly these rows
 * ({@link ApiTableTest}), every JAX-RS resource method must be one of them with the same role, and
 * {@link AccessTest} walks them over HTTP.
 */
final class ApiTable {

    /** One endpoint: {@code path} as documented ({@code {id}} for a path parameter). */
    record Endpoint(String method, String path, String role, String body) {

        /** The path with its parameters replaced by ids nothing has. */
        String concretePath() {
            return path.replaceAll("\\{\\w+}", "access-test-unknown");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The role of endpoints anyone may call: the console's page (its sign-in form) and signing in and out. */
    static final String NONE = "none";

    /** Non-JAX-RS endpoints, protected by path permissions (application.properties). */
    static final List<String> HTTP_LAYER = List.of("/q/metrics");

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/samples", Roles.INGEST, "[]"),
            new Endpoint("POST", "/api/v1/write", Roles.INGEST, null),
            new Endpoint("GET", "/api/v1/alerts", Roles.READ, null),
            new Endpoint("POST", "/api/v1/alerts/{id}/ack", Roles.OPERATOR, "{\"comment\":\"access test\"}"),
            new Endpoint("GET", "/api/v1/actions", Roles.READ, null),
            new Endpoint("GET", "/api/v1/clock", Roles.READ, null),
            new Endpoint("POST", "/api/v1/clock", Roles.OPERATOR, "{}"),
            new Endpoint("GET", "/api/v1/silences", Roles.READ, null),
            new Endpoint("POST", "/api/v1/silences", Roles.OPERATOR, "{}"),
            new Endpoint("DELETE", "/api/v1/silences/{id}", Roles.OPERATOR, null),
            new Endpoint("POST", "/api/v1/silences/preview", Roles.READ, "{}"),
            new Endpoint("GET", "/api/v1/deployments", Roles.READ, null),
            new Endpoint("POST", "/api/v1/deployments", Roles.OPERATOR, "{}"),
            new Endpoint("POST", "/api/v1/deployments/{id}/rollback", Roles.OPERATOR, "{\"reason\":\"access test\"}"),
            new Endpoint("POST", "/api/v1/deployments/{id}/promote", Roles.OPERATOR, "{\"reason\":\"access test\"}"),
            new Endpoint("GET", "/api/v1/deployments/{id}/watch", Roles.READ, null),
            new Endpoint("POST", "/api/v1/deployments/{id}/watch/close", Roles.OPERATOR,
                    "{\"reason\":\"access test\"}"),
            new Endpoint("GET", "/api/v1/deployments/{id}/report", Roles.READ, null),
            new Endpoint("GET", "/api/v1/deployments/{id}/evidence", Roles.READ, null),
            new Endpoint("POST", "/api/v1/deployments/{id}/signoff", Roles.OPERATOR, "{\"role\":\"sre\"}"),
            new Endpoint("GET", "/api/v1/sla/reports/{period}", Roles.READ, null),
            new Endpoint("GET", "/api/v1/rules", Roles.READ, null),
            new Endpoint("GET", "/api/v1/audit", Roles.ADMIN, null),
            new Endpoint("POST", "/-/reload", Roles.ADMIN, null),
            new Endpoint("GET", "/api/v2/alerts", Roles.READ, null),
            new Endpoint("POST", "/api/v2/alerts", Roles.INGEST, "[]"),
            new Endpoint("GET", "/api/v2/alerts/groups", Roles.READ, null),
            new Endpoint("GET", "/api/v2/silences", Roles.READ, null),
            new Endpoint("POST", "/api/v2/silences", Roles.OPERATOR, "{}"),
            new Endpoint("GET", "/api/v2/silence/{id}", Roles.READ, null),
            new Endpoint("DELETE", "/api/v2/silence/{id}", Roles.OPERATOR, null),
            new Endpoint("GET", "/api/v2/status", Roles.READ, null),
            new Endpoint("GET", "/api/v2/receivers", Roles.READ, null),
            new Endpoint("GET", "/q/metrics", Roles.READ, null),
            new Endpoint("GET", "/", NONE, null),
            new Endpoint("POST", "/console/session", NONE, null),
            new Endpoint("DELETE", "/console/session", NONE, null),
            new Endpoint("GET", "/console/alerts", Roles.READ, null),
            new Endpoint("GET", "/console/silences", Roles.READ, null),
            new Endpoint("GET", "/console/deployments", Roles.READ, null),
            new Endpoint("GET", "/console/actions", Roles.READ, null),
            new Endpoint("GET", "/console/events", Roles.READ, null));

    private ApiTable() {
    }
}
