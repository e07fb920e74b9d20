package io.tocsin.api;

import io.tocsin.engine.Engine;
import io.tocsin.engine.audit.AuditEntry;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.Times;
import io.tocsin.http.Timestamps;
import io.tocsin.security.Roles;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/audit} (admin): the audit trail of operator actions, oldest first: who (the token's name),
 * from where, when (engine time {@code at} and the wall-clock time the request came in), what, and whether it was
 * applied or refused (with the status and reason). Filters: {@code actor}, {@code kind}, {@code outcome}
 * ({@code applied} or {@code refused}), {@code from} and {@code to} (engine time, RFC 3339 or epoch ms,
 * inclusive), {@code limit} (the most recent N that match).
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    /** An audit entry as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditView(long id, String at, String receivedAt, String actor, String address, String kind,
            Map<String, String> details, String outcome, Integer status, String field, String reason) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.id(), Times.format(e.at()), Times.format(e.receivedAt()), e.actor(), e.address(),
                    e.kind(), e.details(), e.outcome(), e.status(), e.field(), e.reason());
        }
    }

    @Inject
    Engine engine;

    @GET
    public CompletionStage<List<AuditView>> list(@QueryParam("actor") String actor, @QueryParam("kind") String kind,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit) {
        if (outcome != null && !outcome.equals(AuditEntry.APPLIED) && !outcome.equals(AuditEntry.REFUSED)) {
            throw new InvalidInputException("outcome", "'" + outcome + "' is not one of applied, refused");
        }
        long fromMillis = from == null ? Long.MIN_VALUE : time(from, "from");
        long toMillis = to == null ? Long.MAX_VALUE : time(to, "to");
        int most = limit(limit);
        Predicate<AuditEntry> wanted = e -> (actor == null || actor.equals(e.actor()))
                && (kind == null || kind.equals(e.kind())) && (outcome == null || outcome.equals(e.outcome()))
                && e.at() >= fromMillis && e.at() <= toMillis;
        return engine.read(ev -> {
            List<AuditEntry> matching = ev.audit().stream().filter(wanted).toList();
            return matching.subList(Math.max(0, matching.size() - most), matching.size()).stream()
                    .map(AuditView::of).toList();
        });
    }

    private static long time(String text, String field) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Timestamps.parse(text.chars().allMatch(Character::isDigit) && !text.isEmpty() && text.length() < 19
                ? nodes.numberNode(Long.parseLong(text)) : nodes.textNode(text), field);
    }

    private static int limit(String text) {
        if (text == null) {
            return Integer.MAX_VALUE;
        }
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException("limit", "a whole number of at least 1");
    }
}
