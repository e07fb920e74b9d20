package io.tocsin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.engine.Engine;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.AlertState;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.JsonInput;
import io.tocsin.security.Caller;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/v1/alerts}: pending and firing alerts, oldest first; {@code ?state=pending|firing} narrows
 * them, {@code ?state=resolved} lists alerts resolved within the resolved retention.
 * {@code POST /api/v1/alerts/{id}/ack} {@code {"by": "...", "comment": "..."}} acknowledges a pending or firing
 * alert, which stops its escalation.
 */
@Path("/api/v1/alerts")
@RolesAllowed(Roles.READ)
public class AlertsResource {

    @Inject
    Engine engine;
    @Inject
    Caller caller;
    @Inject
    OperatorRequests requests;
    @Inject
    io.tocsin.config.TocsinConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<List<AlertView>> list(@QueryParam("state") String state) {
        AlertState wanted = parseState(state);
        return engine.read(ev -> {
            List<Alert> alerts = wanted == AlertState.RESOLVED ? ev.resolvedAlerts() : ev.activeAlerts();
            return alerts.stream().filter(a -> wanted == null || a.getState() == wanted).map(AlertView::of).toList();
        });
    }

    @POST
    @Path("{id}/ack")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<AlertView> acknowledge(@PathParam("id") String id, JsonNode body) {
        return requests.submit(io.tocsin.engine.input.Input.Kind.ACKNOWLEDGE, () -> {
            JsonInput input = JsonInput.object(body, Set.of("by", "comment"));
            int max = config.limits().maxTextBytes();
            String by = caller.name(); // who acknowledged is the token; a "by" in the body is kept in the comment
            String comment = caller.note(Limited.text(input.optionalText("comment"), "comment", max),
                    Limited.text(input.optionalText("by"), "by", max));
            return new Acknowledge(Limited.text(id, "id", max), by, comment);
        }, (alert, state) -> AlertView.of(alert));
    }

    private static AlertState parseState(String state) {
        if (state == null || state.isEmpty()) {
            return null;
        }
        for (AlertState s : AlertState.values()) {
            if (s.wireName().equals(state)) {
                return s;
            }
        }
        throw new InvalidInputException("state", "'" + state + "' is not one of pending, firing, resolved");
    }
}
