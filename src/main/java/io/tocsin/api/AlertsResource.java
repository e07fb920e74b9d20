package io.tocsin.api;

import io.tocsin.engine.Engine;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.AlertState;
import io.tocsin.ingest.InvalidInputException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/v1/alerts}: pending and firing alerts, oldest first; {@code ?state=pending|firing} narrows
 * them, {@code ?state=resolved} lists alerts resolved within the resolved retention.
 */
@Path("/api/v1/alerts")
public class AlertsResource {

    @Inject
    Engine engine;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<List<AlertView>> list(@QueryParam("state") String state) {
        AlertState wanted = parseState(state);
        return engine.call(ev -> {
            List<Alert> alerts = wanted == AlertState.RESOLVED ? ev.resolvedAlerts() : ev.activeAlerts();
            return alerts.stream()
                    .filter(a -> wanted == null || a.getState() == wanted)
                    .map(AlertView::of)
                    .toList();
        });
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
