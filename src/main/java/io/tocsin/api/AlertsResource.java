package io.tocsin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.engine.Engine;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.AlertState;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.JsonInput;
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
public class AlertsResource {

    @Inject
    Engine engine;

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
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<AlertView> acknowledge(@PathParam("id") String id, JsonNode body) {
        JsonInput input = JsonInput.object(body, Set.of("by", "comment"));
        String by = input.requiredText("by");
        String comment = input.optionalText("comment");
        return engine.submit(new Acknowledge(id, by, comment), (alert, state) -> AlertView.of(alert));
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
