package io.tocsin.dispatch.notify;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A Quarkus REST client that POSTs a JSON document to its base URI (a webhook URL), with the action's
 * {@code Idempotency-Key}: the same for every attempt of one action, across restarts.
 */
public interface JsonPostClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response post(@HeaderParam("Idempotency-Key") String idempotencyKey, Object payload);
}
