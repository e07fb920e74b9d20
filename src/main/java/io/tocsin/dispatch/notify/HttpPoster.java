package io.tocsin.dispatch.notify;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts JSON to webhook URLs through the Quarkus REST client, one client per URL, with the dispatch timeout.
 * Errors are described by kind and status only: the URL (often a secret token) never reaches logs or the API.
 */
@ApplicationScoped
public class HttpPoster {

    @Inject
    TocsinConfig config;

    private final Map<String, JsonPostClient> clients = new ConcurrentHashMap<>();

    /** Posts {@code payload}; {@code idempotencyKey} is the same for every attempt of one action. */
    public Delivery post(String url, String idempotencyKey, Object payload) {
        try (Response response = client(url).post(idempotencyKey, payload)) {
            return Delivery.ofHttpStatus(response.getStatus());
        } catch (WebApplicationException e) {
            return Delivery.ofHttpStatus(e.getResponse().getStatus());
        } catch (ProcessingException e) {
            return Delivery.retryable("http", describe(e));
        } catch (IllegalArgumentException e) {
            return Delivery.permanent("http", "invalid URL configured");
        }
    }

    private JsonPostClient client(String url) {
        return clients.computeIfAbsent(url, u -> {
            long timeout = config.dispatch().timeout().toMillis();
            return QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(u))
                    .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                    .readTimeout(timeout, TimeUnit.MILLISECONDS)
                    .property("microprofile.rest.client.disable.default.mapper", true)
                    .build(JsonPostClient.class);
        });
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "timed out";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return "request failed (" + rootCause(e).getClass().getSimpleName() + ")";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
