package io.tocsin.api;

import io.tocsin.engine.action.ActionHistory;
import io.tocsin.http.InvalidInputException;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import io.tocsin.engine.action.DeliveryState;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/actions}: every action record in the order decided, one per delivery.
 * {@code ?type=notify|resolve|escalate|remediate|rollback}, {@code ?alert=<name>}, {@code ?status=<status>}
 * (e.g. {@code pending}: the outbox), {@code ?limit=N} (the N most recent, still oldest first).
 */
@Path("/api/v1/actions")
@RolesAllowed(Roles.READ)
public class ActionsResource {

    private static final Set<String> TYPES = Set.of("notify", "resolve", "escalate", "remediate", "rollback");

    @Inject
    ActionHistory history;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ActionView> list(@QueryParam("type") String type, @QueryParam("alert") String alert,
            @QueryParam("status") String status, @QueryParam("limit") String limit) {
        if (type != null && !TYPES.contains(type)) {
            throw new InvalidInputException("type", "'" + type + "' is not one of " + TYPES);
        }
        List<String> statuses = Arrays.stream(DeliveryState.Status.values()).map(DeliveryState.Status::wire).toList();
        if (status != null && !statuses.contains(status)) {
            throw new InvalidInputException("status", "'" + status + "' is not one of " + statuses);
        }
        Integer max = null;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1) {
                throw new InvalidInputException("limit", "expected a positive whole number");
            }
        }
        return history.query(e -> (type == null || type.equals(e.action().type()))
                && (alert == null || e.action().alert() != null && alert.equals(e.action().alert().name()))
                && (status == null || status.equals(e.state().status().wire())), max)
                .stream().map(ActionView::of).toList();
    }
}
