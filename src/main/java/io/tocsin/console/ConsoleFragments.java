package io.tocsin.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.tocsin.engine.Engine;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/**
 * The console's sections as HTML fragments, which the page loads and reloads (htmx) whenever {@code /console/events}
 * says something changed. Each is read from the engine in one go, on its thread, and rendered after. They show what
 * the JSON API shows (its views); the buttons they carry call the JSON API.
 */
@Path("/console")
@RolesAllowed(Roles.READ)
@Produces(MediaType.TEXT_HTML)
public class ConsoleFragments {

    @Inject
    Engine engine;
    @Inject
    SecurityIdentity identity;

    @GET
    @Path("alerts")
    public CompletionStage<String> alerts() {
        Viewer viewer = Viewer.of(identity);
        return engine.read(AlertsModel::of).thenApply(m -> Templates.alerts(viewer, m).render());
    }

    @GET
    @Path("silences")
    public CompletionStage<String> silences() {
        Viewer viewer = Viewer.of(identity);
        return engine.read(SilencesModel::of).thenApply(m -> Templates.silences(viewer, m).render());
    }

    @GET
    @Path("deployments")
    public CompletionStage<String> deployments() {
        Viewer viewer = Viewer.of(identity);
        return engine.read(DeploymentsModel::of).thenApply(m -> Templates.deployments(viewer, m).render());
    }

    /** Blank filters match everything. */
    @GET
    @Path("actions")
    public CompletionStage<String> actions(@QueryParam("type") String type, @QueryParam("alert") String alert,
            @QueryParam("status") String status, @QueryParam("receiver") String receiver) {
        Viewer viewer = Viewer.of(identity);
        ActionsModel.Filter filter = new ActionsModel.Filter(type, alert, status, receiver);
        return engine.read(ev -> ActionsModel.of(ev, filter)).thenApply(m -> Templates.actions(viewer, m).render());
    }
}
