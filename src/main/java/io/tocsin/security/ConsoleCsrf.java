package io.tocsin.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * CSRF protection for requests authenticated by a console session cookie, which a browser sends by itself: a
 * state-changing request (anything but GET, HEAD, OPTIONS) must carry {@code X-Tocsin-CSRF} with the session's CSRF
 * token, which only a page Tocsin served to that session knows. Another site can make the browser send the cookie
 * (where SameSite=Strict does not already stop it) but cannot read the token, nor set a custom header without a CORS
 * preflight that Tocsin never grants. Bearer-token requests are not ambient and need no such token.
 */
@ApplicationScoped
public class ConsoleCsrf {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    SecurityIdentity identity;
    @Inject
    AuthFailures failures;

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, RoutingContext rc) {
        if (SAFE.contains(request.getMethod())) {
            return null;
        }
        String expected = identity.getAttribute(ConsoleSessions.CSRF_ATTRIBUTE);
        if (expected == null || ConsoleSessions.sameCsrf(expected, request.getHeaderString(ConsoleSessions.CSRF_HEADER))) {
            return null;
        }
        String message = "a request with the console's session cookie must send the " + ConsoleSessions.CSRF_HEADER
                + " header of its page";
        failures.record(rc, AuthFailures.Reason.FORBIDDEN, "missing or wrong CSRF token");
        return Response.status(403).type(MediaType.APPLICATION_JSON).entity(failures.body(403, message)).build();
    }
}
