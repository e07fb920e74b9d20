package io.tocsin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.input.CloseWatch;
import io.tocsin.engine.input.PromoteDeployment;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.engine.input.RollBack;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.JsonInput;
import io.tocsin.http.Times;
import io.tocsin.report.FileArchive;
import io.tocsin.report.WatchReport;
import io.tocsin.security.Caller;
import io.tocsin.security.Roles;
import io.tocsin.watch.WatchLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Deployments. {@code POST /api/v1/deployments} {@code {"id", "version", "startedAt"?, "baseline"?, "steps"?}}
 * registers a new current deployment and re-arms automatic rollback; {@code GET} lists them with their rollback;
 * {@code POST /api/v1/deployments/{id}/rollback} {@code {"reason", "by"}} rolls the current one back by hand;
 * {@code POST /api/v1/deployments/{id}/promote} {@code {"reason", "traffic"?}} raises its traffic by hand;
 * {@code GET /api/v1/deployments/{id}/watch} shows its watch and checkpoints, and
 * {@code POST /api/v1/deployments/{id}/watch/close} {@code {"reason", "by"}} closes the watch by hand;
 * {@code GET /api/v1/deployments/{id}/report} is the watch report (JSON, Markdown or HTML: {@code ?format=} or
 * the Accept header), and {@code GET /api/v1/deployments/{id}/evidence} the latest rollback evidence bundle.
 * {@code POST /api/v1/deployments/{id}/signoff} {@code {"role": "engineering"|"sre", "comment"?}} signs off the
 * handoff of a watch that succeeded, as the token's name.
 */
@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READ)
public class DeploymentsResource {

    /** A deployment as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeploymentView(String id, String version, String startedAt, boolean current, boolean armed,
            RollbackView rollback) {
        public static DeploymentView of(Deployment d) {
            Deployment.RollbackDecision r = d.getRollback();
            return new DeploymentView(d.getId(), d.getVersion(), Times.format(d.getStartedAt()), d.isCurrent(),
                    d.isArmed(), r == null ? null : new RollbackView(Times.format(r.at()), r.reason(), r.by(),
                            r.criterion()));
        }
    }

    /** When a deployment was rolled back (engine time), why, by whom, and the criterion if automatic. */
    public record RollbackView(String at, String reason, String by, String criterion) {
    }

    /** The latest a traffic step may come after the start: a year (a duration out of range is a 400). */
    static final long MAX_STEP_AFTER_MILLIS = 365L * 86_400_000;
    /** Traffic steps and baseline metrics of one deployment. */
    static final int MAX_ENTRIES = 64;

    @Inject
    Engine engine;
    @Inject
    TocsinConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;
    @Inject
    OperatorRequests requests;

    @GET
    public CompletionStage<List<DeploymentView>> list() {
        return engine.read(ev -> ev.deployments().stream().map(DeploymentView::of).toList());
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> register(JsonNode body) {
        return requests.submit(io.tocsin.engine.input.Input.Kind.REGISTER_DEPLOYMENT, () -> registration(body),
                (d, state) -> Response.status(Response.Status.CREATED).entity(DeploymentView.of(d)).build());
    }

    private RegisterDeployment registration(JsonNode body) {
        JsonInput input = JsonInput.object(body, Set.of("id", "version", "startedAt", "baseline", "steps"));
        String id = input.requiredText("id");
        if (!Deployment.validId(id)) {
            throw new InvalidInputException("id", Deployment.ID_RULE);
        }
        // startedAt is checked against engine time by the engine (tocsin.limits.deployment-max-age, -max-ahead)
        return new RegisterDeployment(id, Limited.text(input.requiredText("version"), "version",
                config.limits().maxTextBytes()), input.optionalTime("startedAt"), baseline(input.get("baseline")),
                steps(input.get("steps")));
    }

    /** {@code [{"after": "1h", "traffic": 25}, ...]}, sorted by {@code after}. */
    private static List<RegisterDeployment.Step> steps(JsonNode node) {
        List<RegisterDeployment.Step> steps = new ArrayList<>();
        if (node == null || node.isNull()) {
            return steps;
        }
        if (!node.isArray()) {
            throw new InvalidInputException("steps", "expected a list of {after, traffic}");
        }
        if (node.size() > MAX_ENTRIES) {
            throw new InvalidInputException("steps", "at most " + MAX_ENTRIES + " steps");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonInput step = JsonInput.object(node.get(i), "steps[" + i + "]", Set.of("after", "traffic"));
            long after;
            try {
                after = Durations.parse(step.requiredText("after"));
            } catch (NumberFormatException | ArithmeticException e) {
                after = -1; // more than a long holds
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(step.field("after"), e.getMessage());
            }
            if (after < 0 || after > MAX_STEP_AFTER_MILLIS) {
                throw new InvalidInputException(step.field("after"), "out of range: a duration from 0 to 365d",
                        "duration");
            }
            JsonNode traffic = step.get("traffic");
            if (traffic == null || !traffic.isInt() || traffic.intValue() < 0 || traffic.intValue() > 100) {
                throw new InvalidInputException(step.field("traffic"), "a whole percentage, 0 to 100");
            }
            steps.add(new RegisterDeployment.Step(after, traffic.intValue()));
        }
        steps.sort(Comparator.comparingLong(RegisterDeployment.Step::afterMillis));
        return steps;
    }

    private static Map<String, Double> baseline(JsonNode node) {
        Map<String, Double> baseline = new TreeMap<>();
        if (node == null || node.isNull()) {
            return baseline;
        }
        if (!node.isObject()) {
            throw new InvalidInputException("baseline", "expected an object of metric names to numbers");
        }
        if (node.size() > MAX_ENTRIES) {
            throw new InvalidInputException("baseline", "at most " + MAX_ENTRIES + " metrics");
        }
        node.fields().forEachRemaining(e -> {
            if (e.getKey().length() > 256) {
                throw new InvalidInputException("baseline", "metric names of at most 256 characters");
            }
            if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().doubleValue())) {
                throw new InvalidInputException("baseline." + e.getKey(), "expected a finite number");
            }
            baseline.put(e.getKey(), e.getValue().doubleValue());
        });
        return baseline;
    }

    @POST
    @Path("{id}/rollback")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<DeploymentView> rollBack(@PathParam("id") String id, JsonNode body) {
        return requests.submit(io.tocsin.engine.input.Input.Kind.ROLL_BACK, () -> {
            JsonInput input = JsonInput.object(body, Set.of("reason", "by"));
            int max = config.limits().maxTextBytes();
            // who rolled back is the token; a "by" in the body is kept in the reason
            return new RollBack(Limited.text(id, "id", max), caller.note(Limited.text(input.requiredText("reason"),
                    "reason", max), Limited.text(input.optionalText("by"), "by", max)), caller.name());
        }, (d, state) -> DeploymentView.of(d));
    }

    /**
     * Raises a watched deployment's traffic now: {@code {"reason": "...", "traffic": 50}} ({@code traffic}
     * optional: the next pending rollout step's, or 100). Runs the promote command like a rule's promotion.
     */
    @POST
    @Path("{id}/promote")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<WatchView> promote(@PathParam("id") String id, JsonNode body) {
        return requests.submit(io.tocsin.engine.input.Input.Kind.PROMOTE_DEPLOYMENT, () -> {
            JsonInput input = JsonInput.object(body, Set.of("reason", "traffic"));
            JsonNode traffic = input.get("traffic");
            if (traffic != null && !traffic.isNull() && (!traffic.isInt() || traffic.intValue() < 1
                    || traffic.intValue() > 100)) {
                throw new InvalidInputException("traffic", "a whole percentage, 1 to 100");
            }
            int max = config.limits().maxTextBytes();
            return new PromoteDeployment(Limited.text(id, "id", max), traffic == null || traffic.isNull() ? null
                    : traffic.intValue(), Limited.text(input.requiredText("reason"), "reason", max), caller.name());
        }, (watch, state) -> WatchView.of(state.watch(id).orElseThrow(), state.now().orElse(0L),
                state));
    }

    @GET
    @Path("{id}/watch")
    public CompletionStage<WatchView> watch(@PathParam("id") String id) {
        return engine.read(ev -> ev.watch(id).map(log -> WatchView.of(log, ev.now().orElse(0L), ev))
                .orElseThrow(() -> new NotFoundException("deployment '" + id + "' has no watch")));
    }

    @POST
    @Path("{id}/watch/close")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<WatchView> closeWatch(@PathParam("id") String id, JsonNode body) {
        return requests.submit(io.tocsin.engine.input.Input.Kind.CLOSE_WATCH, () -> {
            JsonInput input = JsonInput.object(body, Set.of("reason", "by"));
            int max = config.limits().maxTextBytes();
            return new CloseWatch(Limited.text(id, "id", max), caller.note(Limited.text(input.requiredText("reason"),
                    "reason", max), Limited.text(input.optionalText("by"), "by", max)), caller.name());
        }, (watch, state) -> WatchView.of(state.watch(id).orElseThrow(), state.now().orElse(0L),
                state));
    }

    /**
     * Signs off the handoff of a deployment whose watch succeeded, for engineering or SRE; who signs is the token's
     * name, and the two sign-offs need two people. 404 without a watch, 400 for another role, 409 before the
     * verdict, after a rollback, or for a role already signed.
     */
    @POST
    @Path("{id}/signoff")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<WatchView> signOff(@PathParam("id") String id, JsonNode body) {
        return requests.submit(io.tocsin.engine.input.Input.Kind.SIGN_OFF, () -> {
            JsonInput input = JsonInput.object(body, Set.of("role", "comment"));
            String role = input.requiredText("role");
            if (!io.tocsin.watch.Watches.SIGN_OFF_ROLES.contains(role)) {
                throw new InvalidInputException("role", "'" + role + "' is not one of "
                        + new java.util.TreeSet<>(io.tocsin.watch.Watches.SIGN_OFF_ROLES));
            }
            int max = config.limits().maxTextBytes();
            return new io.tocsin.engine.input.SignOff(Limited.text(id, "id", max), role, caller.name(),
                    Limited.text(input.optionalText("comment"), "comment", max));
        }, (watch, state) -> WatchView.of(state.watch(id).orElseThrow(), state.now().orElse(0L), state));
    }

    /**
     * The watch report. A closed watch's report is its final copy from the data directory; an open one's is
     * built now, on the engine thread, and rendered after.
     */
    @GET
    @Path("{id}/report")
    @Produces({MediaType.APPLICATION_JSON, "text/markdown", MediaType.TEXT_HTML})
    public CompletionStage<Response> report(@PathParam("id") String id, @QueryParam("format") String format,
            @HeaderParam("Accept") String accept) {
        FileArchive.Format wanted = reportFormat(format, accept);
        java.nio.file.Path dataDir = java.nio.file.Path.of(config.dataDir());
        return engine.read(ev -> {
            WatchLog log = ev.watch(id).orElseThrow(() -> new NotFoundException("deployment '" + id
                    + "' has no watch"));
            if (!log.watch().isWatching()) {
                Optional<java.nio.file.Path> saved = FileArchive.finalReport(dataDir, id, wanted);
                if (saved.isPresent()) {
                    return (Object) saved.get();
                }
            }
            return WatchReport.build(log, ev.history(), ev.catalog(), ev.now().orElse(0L), !log.watch().isWatching());
        }).thenApply(built -> {
            if (built instanceof java.nio.file.Path file) {
                return Response.ok(file.toFile(), wanted.mediaType).build();
            }
            return Response.ok(FileArchive.render(json, (WatchReport) built, wanted, "evidence"),
                    wanted.mediaType).build();
        });
    }

    /** {@code format} wins; otherwise the Accept header: HTML for browsers, Markdown if asked, else JSON. */
    static FileArchive.Format reportFormat(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> FileArchive.Format.JSON;
                case "md", "markdown" -> FileArchive.Format.MARKDOWN;
                case "html" -> FileArchive.Format.HTML;
                default -> throw new InvalidInputException("format", "'" + format
                        + "' is not one of json, markdown, html");
            };
        }
        String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        if (a.contains("text/html")) {
            return FileArchive.Format.HTML;
        }
        if (a.contains("text/markdown")) {
            return FileArchive.Format.MARKDOWN;
        }
        return FileArchive.Format.JSON;
    }

    /** The latest evidence bundle of a rolled-back deployment. */
    @GET
    @Path("{id}/evidence")
    public Response evidence(@PathParam("id") String id) {
        if (!Deployment.validId(id)) {
            throw new NotFoundException("no evidence for deployment '" + id + "'");
        }
        java.nio.file.Path dir = java.nio.file.Path.of(config.dataDir(), "evidence", id);
        try (Stream<java.nio.file.Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            java.nio.file.Path latest = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .max(Comparator.comparing(f -> f.getFileName().toString()))
                    .orElseThrow(() -> new NotFoundException("no evidence for deployment '" + id + "'"));
            return Response.ok(latest.toFile(), MediaType.APPLICATION_JSON).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
