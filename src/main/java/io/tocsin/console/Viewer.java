package io.tocsin.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.tocsin.security.ConsoleSessions;
import io.tocsin.security.Roles;

/**
 * Who is looking, and so what the page offers: buttons that change something only with the {@code operator} role
 * (a {@code read} token gets none that would fail), and the CSRF token the page's script sends back with them.
 */
public record Viewer(String name, String roles, boolean canRead, boolean canOperate, String csrf) {

    static Viewer of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return new Viewer(identity.getPrincipal().getName(), Roles.format(identity.getRoles()),
                identity.hasRole(Roles.READ), identity.hasRole(Roles.OPERATOR), ConsoleSessions.csrfOf(identity));
    }
}
