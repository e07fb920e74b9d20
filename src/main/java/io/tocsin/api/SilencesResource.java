package io.tocsin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.engine.Engine;
import io.tocsin.engine.EngineView;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.silence.Silence;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.JsonInput;
import io.tocsin.http.Times;
import io.tocsin.security.Caller;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Silences in Alertmanager's shape. {@code POST /api/v1/silences} creates one (201), {@code GET} lists them with
 * their state at engine time, {@code DELETE /api/v1/silences/{id}} expires one now, and
 * {@code POST /api/v1/silences/preview} shows which current alerts a silence would mute. A silenced alert is still
 * evaluated and listed; its notifications and escalations are recorded with status {@code silenced}.
 * Rollbacks and remediations are never silenced; a maintenance silence ({@code "maintenance": true}, or a comment
 * starting with {@code [maintenance]}) also marks what it matches as in maintenance, which the packs' automation
 * leaves alone.
 */
@Path("/api/v1/silences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READ)
public class SilencesResource {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** A silence as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SilenceView(String id, List<MatcherView> matchers, String startsAt, String endsAt,
            String createdBy, String comment, String expiredBy, boolean maintenance, Status status) {
        public static SilenceView of(Silence s, EngineView engine) {
            long now = engine.now().orElse(0L);
            return new SilenceView(s.id(), s.matchers().stream()
                    .map(m -> new MatcherView(m.name(), m.value(), m.isRegex(), m.isEqual())).toList(),
                    Times.format(s.startsAt()), Times.format(s.endsAt()), s.createdBy(), s.comment(),
                    s.expiredBy(), s.maintenance(), new Status(s.state(now)));
        }
    }

    public record MatcherView(String name, String value, boolean isRegex, boolean isEqual) {
    }

    /** {@code pending}, {@code active} or {@code expired}. */
    public record Status(String state) {
    }

    @Inject
    Engine engine;
    @Inject
    Caller caller;
    @Inject
    OperatorRequests requests;
    @Inject
    TocsinConfig config;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> create(JsonNode body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return requests.submit(Input.Kind.CREATE_SILENCE, () -> silence(body, idempotencyKey),
                (silence, state) -> Response.status(Response.Status.CREATED).entity(SilenceView.of(silence, state))
                        .build());
    }

    private CreateSilence silence(JsonNode body, String idempotencyKey) {
        JsonInput input = JsonInput.object(body, Set.of("matchers", "startsAt", "endsAt", "createdBy", "comment", "id",
                "maintenance"));
        if (input.get("id") != null && !input.get("id").isNull()) {
            throw new InvalidInputException("id", "updating a silence is not supported; delete it and create a new one");
        }
        TocsinConfig.Limits limits = config.limits();
        List<Matcher> matchers = matchers(input.get("matchers"), limits);
        Long startsAt = input.optionalTime("startsAt");
        Long endsAt = input.optionalTime("endsAt");
        if (endsAt == null) {
            throw new InvalidInputException("endsAt", "required");
        }
        String createdBy = caller.name(); // the token; a "createdBy" in the body is kept in the comment
        String comment = Limited.text(caller.note(Limited.text(input.requiredText("comment"), "comment",
                limits.maxTextBytes()), Limited.text(input.optionalText("createdBy"), "createdBy",
                limits.maxTextBytes())), "comment", 2 * limits.maxTextBytes() + 32);
        // with an idempotency key the id follows from it: the same request re-sent finds its silence
        String id = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("silence\n" + createdBy + "\n" + idempotencyKey)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        // a maintenance window: the field, or the comment convention ("[maintenance] ...", see Silence)
        return new CreateSilence(id, matchers, startsAt, endsAt, createdBy, comment,
                input.optionalBoolean("maintenance", false));
    }

    /**
     * Which pending and firing alerts a silence with these matchers would mute, matched exactly as the engine
     * matches silences; the body is a silence's ({@code matchers}; its other fields are ignored). Changes nothing.
     */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<List<AlertView>> preview(JsonNode body) {
        JsonInput input = JsonInput.object(body, Set.of("matchers", "startsAt", "endsAt", "createdBy", "comment", "id"));
        List<Matcher> matchers = matchers(input.get("matchers"), config.limits());
        return engine.read(ev -> ev.activeAlerts().stream()
                .filter(a -> Silence.matches(matchers, a.getName(), a.getLabels())).map(AlertView::of).toList());
    }

    @GET
    public CompletionStage<List<SilenceView>> list() {
        return engine.read(ev -> ev.silences().stream().map(s -> SilenceView.of(s, ev)).toList());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.OPERATOR)
    public CompletionStage<SilenceView> expire(@PathParam("id") String id) {
        return requests.submit(Input.Kind.EXPIRE_SILENCE, () -> new ExpireSilence(
                Limited.text(id, "id", config.limits().maxTextBytes()), caller.name()), SilenceView::of);
    }

    private static List<Matcher> matchers(JsonNode node, TocsinConfig.Limits limits) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidInputException("matchers", "required: a non-empty array of {name, value, isRegex}");
        }
        Limited.matcherCount(node.size(), "matchers", limits);
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "matchers[" + i + "]";
            JsonInput m = JsonInput.object(node.get(i), at, Set.of("name", "value", "isRegex", "isEqual"));
            String name = m.requiredText("name");
            if (!LABEL_NAME.matcher(name).matches()) {
                throw new InvalidInputException(m.field("name"), "not a label name (at most "
                        + limits.maxLabelNameBytes() + " characters)");
            }
            String value = m.optionalText("value");
            if (value == null) {
                throw new InvalidInputException(m.field("value"), "required");
            }
            boolean isRegex = m.optionalBoolean("isRegex", false);
            boolean isEqual = m.optionalBoolean("isEqual", true);
            Limited.matcher(name, value, isRegex, at, limits);
            try {
                matchers.add(Matcher.of(name, value, isRegex, isEqual));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(m.field("value"), e.getMessage());
            }
        }
        return matchers;
    }
}
