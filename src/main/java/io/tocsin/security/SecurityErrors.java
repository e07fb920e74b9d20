package io.tocsin.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * JSON answers for refused requests wherever they are refused: in JAX-RS ({@code @RolesAllowed} on the
 * resources) and on the HTTP layer (path permissions such as {@code /q/metrics}), where Quarkus would send empty
 * bodies. Ahead of Quarkus' own security mappers.
 */
@ApplicationScoped
public class SecurityErrors {

    private static final int AHEAD_OF_QUARKUS = Priorities.USER - 100;

    @Inject
    AuthFailures failures;

    @ServerExceptionMapper(priority = AHEAD_OF_QUARKUS)
    public Response unauthorized(UnauthorizedException e, RoutingContext rc) {
        return unauthorizedResponse(rc);
    }

    @ServerExceptionMapper(priority = AHEAD_OF_QUARKUS)
    public Response authenticationFailed(AuthenticationFailedException e, RoutingContext rc) {
        return unauthorizedResponse(rc);
    }

    @ServerExceptionMapper(priority = AHEAD_OF_QUARKUS)
    public Response forbidden(ForbiddenException e, RoutingContext rc, ResourceInfo resource) {
        String message = failures.forbiddenMessage(rc, neededRole(resource));
        failures.record(rc, AuthFailures.Reason.FORBIDDEN, message);
        return Response.status(403).type(MediaType.APPLICATION_JSON)
                .header("WWW-Authenticate", failures.challenge(rc, 403))
                .entity(failures.body(403, message)).build();
    }

    private Response unauthorizedResponse(RoutingContext rc) {
        failures.record(rc, AuthFailures.Reason.MISSING, null);
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .header("WWW-Authenticate", failures.challenge(rc, 401))
                .entity(failures.body(401, failures.unauthorizedMessage(rc))).build();
    }

    /** The role(s) the refused method declares, for the message. */
    private static String neededRole(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? null : String.join(" or ", allowed.value());
    }

    /** Refusals by path permissions fail the routing context; answer them here, before Quarkus' error page. */
    void failureHandler(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    private void onFailure(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure instanceof ForbiddenException) {
            failures.sendForbidden(rc);
        } else if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            failures.sendUnauthorized(rc);
        } else {
            rc.next();
        }
    }
}
