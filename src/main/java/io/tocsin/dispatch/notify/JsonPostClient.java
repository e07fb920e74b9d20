package io.tocsin.dispatch.notify;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A Quarkus REST client that POSTs a JSON document to its base URI (a webhook URL). */
public interface JsonPostClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response post(Object payload);
}
