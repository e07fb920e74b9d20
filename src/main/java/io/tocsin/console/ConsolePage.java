package io.tocsin.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.tocsin.engine.Engine;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /}: the operator console. Anyone may load it: without a session it is the sign-in form, with one the
 * console of that token (read needed to see anything; operator to act). It carries no data itself: its sections
 * load from {@code /console/*} with the session.
 */
@Path("/")
public class ConsolePage {

    @Inject
    SecurityIdentity identity;
    @Inject
    Engine engine;

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        Viewer viewer = Viewer.of(identity);
        if (viewer == null) {
            return Templates.signIn(Assets.INSTANCE, null).render();
        }
        return Templates.page(Assets.INSTANCE, viewer, engine.eventTime() ? "event" : "wall").render();
    }
}
