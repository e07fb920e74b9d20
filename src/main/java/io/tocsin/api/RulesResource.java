package io.tocsin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tocsin.engine.Engine;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/v1/rules}: every rule of the knowledge base with where it is written, its metadata, whether
 * its pack is active and how often it has fired; {@code ?pack=genesis} narrows to one pack. Provenance: each rule
 * carries the SHA-256 of its file, and where the running rules come from and their content hash, which the
 * {@code Tocsin-Rules-Origin} and {@code Tocsin-Rules-Hash} headers repeat.
 */
@Path("/api/v1/rules")
@RolesAllowed(Roles.READ)
public class RulesResource {

    /** One rule as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleView(String pack, String file, int line, String name, Metadata metadata, boolean active,
            long firings, String fileSha256, String origin, String rulesHash) {
    }

    /** The rule's Tocsin metadata ({@code for} as a Prometheus duration). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(String alert, String criterion, String priority, String severity,
            @JsonProperty("for") String holdFor, String summary, String runbook, String success, Double required,
            String worst, List<String> series, String threshold, String cadence) {
    }

    @Inject
    Engine engine;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> list(@QueryParam("pack") String pack) {
        return engine.read(ev -> {
            String origin = engine.rules().origin();
            String hash = ev.catalog().contentHash();
            List<RuleView> rules = ev.catalog().all().stream()
                    .filter(r -> pack == null || pack.equals(r.pack()))
                    .map(r -> new RuleView(r.pack(), r.file(), r.line(), r.name(), metadata(r),
                            ev.activePacks().contains(r.pack()), ev.firings(r.id()),
                            r.file() == null ? null : ev.catalog().checksums().get(r.file()), origin, hash))
                    .toList();
            return Response.ok(rules).header("Tocsin-Rules-Origin", origin).header("Tocsin-Rules-Hash", hash)
                    .build();
        });
    }

    private static Metadata metadata(RuleInfo r) {
        return new Metadata(r.alert(), r.criterion(), r.priority() == null ? null : r.priority().name(),
                r.priority() == null ? null : r.priority().severity(),
                r.holdsConditions() ? Durations.format(r.forMillis()) : null, r.summary(), r.runbook(),
                r.success(), r.isSuccessCriterion() ? r.required() : null, r.isSuccessCriterion() ? r.worst() : null,
                r.isSuccessCriterion() ? r.series().stream().map(Object::toString).toList() : null,
                r.threshold() == null ? null : r.threshold().toString(),
                r.cadence() == null ? null : r.cadence().toString());
    }
}
