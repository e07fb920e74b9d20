package io.tocsin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.engine.Engine;
import io.tocsin.engine.input.AdvanceClock;
import io.tocsin.engine.input.Input;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.Times;
import io.tocsin.http.Timestamps;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/v1/clock} shows the engine's mode and now; {@code POST /api/v1/clock}
 * {@code {"timestamp": "..."}} moves event time forward without samples (409 on the wall clock, 400 if it
 * would move backwards).
 */
@Path("/api/v1/clock")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READ)
public class ClockResource {

    /** The engine's clock: {@code mode} is {@code event} or {@code wall}; {@code now} is null before any event. */
    public record ClockView(String mode, String now) {
    }

    @Inject
    Engine engine;
    @Inject
    OperatorRequests requests;

    @GET
    public CompletionStage<ClockView> get() {
        return engine.read(ev -> view(ev.now().isPresent() ? ev.now().getAsLong() : null));
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<ClockView> advance(JsonNode body) {
        // on the wall clock the engine refuses it (409), and the refusal is audited like any other
        return requests.submit(Input.Kind.ADVANCE_CLOCK, () -> {
            if (body == null || !body.isObject()) {
                throw new InvalidInputException("body", "expected {\"timestamp\": \"<RFC 3339 or epoch ms>\"}");
            }
            return new AdvanceClock(Timestamps.parse(body.get("timestamp"), "timestamp"));
        }, (now, state) -> view(now));
    }

    private ClockView view(Long now) {
        return new ClockView(engine.eventTime() ? "event" : "wall", Times.format(now));
    }
}
