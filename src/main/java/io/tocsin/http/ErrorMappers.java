package io.tocsin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tocsin.engine.OverloadedException;
import io.tocsin.engine.Rejected;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an {@link ApiError} JSON body; clients never see an HTML page or a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @jakarta.inject.Inject
    LimitMetrics limits;

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        limits.refused(e.limit(), e.getMessage());
        return json(400, e.field(), e.reason());
    }

    @ServerExceptionMapper
    public Response rejected(Rejected e) {
        int status = e.reason().status();
        if (e.reason() == Rejected.Reason.LIMIT) {
            limits.refused(e.field(), e.getMessage());
            // capacity: room comes back as series are forgotten and silences end
            return Response.status(status).type(MediaType.APPLICATION_JSON).header("Retry-After", "60")
                    .entity(new ApiError(status, e.field(), e.getMessage())).build();
        }
        return json(status, e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(RequestRefusedException e) {
        limits.refused(e.limit(), e.getMessage());
        return json(e.status(), e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e) {
        limits.refused(e.limit(), e.getMessage());
        return Response.status(503).type(MediaType.APPLICATION_JSON).header("Retry-After", "1")
                .entity(new ApiError(503, null, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response tooLarge(io.tocsin.engine.TooLargeException e) {
        limits.refused("batch-size", e.getMessage());
        return json(413, e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return json(409, null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json(400, "body", "malformed JSON: " + json.getOriginalMessage()
                        + (json.getLocation() == null ? "" : " (line " + json.getLocation().getLineNr() + ", column "
                                + json.getLocation().getColumnNr() + ")"));
            }
        }
        String message = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage();
        return json(status, null, message);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("request failed", e);
        return json(500, null, "internal error: " + e.getClass().getSimpleName() + " (details in the server log)");
    }

    public static Response json(int status, String field, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, field, message))
                .build();
    }
}
