package io.tocsin.api.alertmanager;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors of {@code /api/v2} are a JSON string, e.g. {@code "endsAt: is in the past"}, as Alertmanager's OpenAPI
 * declares them ({@code BadRequest: type: string}): its clients read that and show it, where Tocsin's usual
 * {@code {"status", "field", "message"}} object would break them. Authentication refusals keep Tocsin's shape.
 */
public class AlertmanagerErrors {

    @jakarta.inject.Inject
    io.tocsin.http.LimitMetrics limits;

    @ServerExceptionMapper
    public Response refused(AlertmanagerApiError e) {
        if (e.limit() != null) {
            limits.refused(e.limit(), e.getMessage());
            // capacity, as on /api/v1: room comes back as silences end
            return Response.status(e.status()).header("Retry-After", "60").type(MediaType.APPLICATION_JSON)
                    .entity(jsonString(e.getMessage())).build();
        }
        return answer(e.status(), e.getMessage());
    }

    static Response answer(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(jsonString(message)).build();
    }

    /** {@code POST /api/v2/alerts}: Tocsin has no such input. */
    static Response methodNotAllowed(String message) {
        return Response.status(405).header(HttpHeaders.ALLOW, "GET").type(MediaType.APPLICATION_JSON)
                .entity(jsonString(message)).build();
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
