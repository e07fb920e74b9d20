package io.tocsin.api.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.api.Limited;
import io.tocsin.api.OperatorRequests;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
import io.tocsin.engine.input.Attributed;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.Origin;
import io.tocsin.engine.silence.Silence;
import io.tocsin.http.InvalidInputException;
import io.tocsin.security.Caller;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Alertmanager API v2 silences, for {@code amtool silence add/query/expire/update} and Grafana: the same silences
 * as {@code /api/v1/silences}, created and expired by the engine's {@code CreateSilence} and {@code ExpireSilence}
 * inputs. {@code createdBy} is the name of the token; a {@code createdBy} in the body (amtool sends the user's
 * login) is kept in the comment as {@code (request named alice)}. An update ({@code POST} with an {@code id})
 * creates a new silence and then expires the old one, so the answer names a new id and the two overlap for an
 * instant rather than leave a gap (Alertmanager keeps the id when only the end moves; Tocsin always replaces).
 * Creations and expiries are operator inputs like those of {@code /api/v1/silences}: held to the same limits and
 * recorded in the audit trail with their origin, refusals included.
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READ)
public class AlertmanagerSilencesResource {

    private static final Logger LOG = Logger.getLogger(AlertmanagerSilencesResource.class);

    /** The answer to a POST: the id of the silence made. */
    public record SilenceId(String silenceID) {
    }

    @Inject
    Engine engine;
    @Inject
    Caller caller;
    @Inject
    ObjectMapper json;
    @Inject
    OperatorRequests requests;
    @Inject
    TocsinConfig config;

    @GET
    @Path("silences")
    public CompletionStage<List<GettableSilence>> silences(@QueryParam("filter") List<String> filter) {
        List<FilterMatcher> matchers = AlertQuery.matchers(filter);
        return AlertmanagerApiError.translated(engine.read(view -> {
            long now = view.now().orElse(0L);
            return view.silences().stream()
                    .filter(s -> matchers.stream().allMatch(f -> s.matchers().stream().anyMatch(f::sameAs)))
                    .sorted(GettableSilence.order(now)).map(s -> GettableSilence.of(s, now)).toList();
        }));
    }

    @GET
    @Path("silence/{id}")
    public CompletionStage<GettableSilence> silence(@PathParam("id") String id) {
        return AlertmanagerApiError.translated(engine.read(view -> find(view.silences(), id)
                .map(s -> GettableSilence.of(s, view.now().orElse(0L)))
                .orElseThrow(() -> AlertmanagerApiError.notFound("no silence with id " + id))));
    }

    /** Expires the silence now (200, empty); one that has already ended stays as it was. */
    @DELETE
    @Path("silence/{id}")
    @RolesAllowed(Roles.OPERATOR)
    public CompletionStage<Response> expire(@PathParam("id") String id) {
        return AlertmanagerApiError.translated(requests.submit(Input.Kind.EXPIRE_SILENCE, () -> new ExpireSilence(
                Limited.text(id, "id", config.limits().maxTextBytes()), caller.name()),
                (s, view) -> Response.ok().build()));
    }

    @POST
    @Path("silences")
    @RolesAllowed(Roles.OPERATOR)
    public CompletionStage<SilenceId> create(String body) {
        PostableSilence posted;
        try {
            posted = PostableSilence.parse(body, json, config.limits());
        } catch (InvalidInputException e) {
            // refused, and audited as such
            return AlertmanagerApiError.translated(requests.<Silence, SilenceId>submit(Input.Kind.CREATE_SILENCE,
                    () -> {
                        throw e;
                    }, (s, view) -> null));
        }
        String createdBy = caller.name(); // the token; a "createdBy" in the body is kept in the comment
        CreateSilence create = new CreateSilence(UUID.randomUUID().toString(), posted.matchers(),
                startsAt(posted.startsAt()), posted.endsAt(), createdBy,
                Limited.text(caller.note(posted.comment(), posted.createdBy()), "comment",
                        2 * config.limits().maxTextBytes() + 32));
        if (posted.id() == null) {
            return AlertmanagerApiError.translated(requests.submit(Input.Kind.CREATE_SILENCE, () -> create,
                    (s, view) -> new SilenceId(s.id())));
        }
        String old = posted.id();
        // the steps below run after this request's scope: the origin is taken now
        Origin origin = requests.origin();
        return AlertmanagerApiError.translated(engine.read(view -> find(view.silences(), old)
                .map(s -> s.state(view.now().orElse(0L))).orElse(null)).thenCompose(state -> {
                    if (state == null) {
                        throw AlertmanagerApiError.notFound("no silence with id " + old);
                    }
                    CompletionStage<Silence> made = engine.submit(new Attributed<>(origin, create));
                    if ("expired".equals(state)) {
                        return made.thenApply(s -> new SilenceId(s.id()));
                    }
                    return made.thenCompose(s -> engine.submit(new Attributed<>(origin,
                            new ExpireSilence(old, createdBy))).handle((expired, failure) -> {
                                if (failure != null) {
                                    LOG.errorf(failure, "silence %s replaces %s, which could not be expired", s.id(),
                                            old);
                                    throw new CompletionException(failure);
                                }
                                LOG.infof("silence %s replaces %s (updated by %s)", s.id(), old, createdBy);
                                return new SilenceId(s.id());
                            }));
                }));
    }

    /**
     * As Alertmanager does, a silence that starts in the past starts now: on the wall clock a start at or before
     * real time is left to the engine, whose time is its latest evaluation (up to a tick behind), so the silence
     * is active at once rather than pending until the next tick. On event time the given start is kept.
     */
    private Long startsAt(Long requested) {
        return requested != null && !engine.eventTime() && requested <= System.currentTimeMillis() ? null
                : requested;
    }

    private static Optional<Silence> find(List<Silence> silences, String id) {
        return silences.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
