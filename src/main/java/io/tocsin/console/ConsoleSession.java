package io.tocsin.console;

import io.tocsin.security.ConsoleSessions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Signing in and out of the console. {@code POST /console/session} (a form with {@code token}) checks the token
 * and sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * Secure over HTTPS, and without an expiry (it ends with the browser session). {@code DELETE} ends the session.
 */
@Path("/console/session")
public class ConsoleSession {

    @Inject
    ConsoleSessions sessions;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("token") String token, RoutingContext rc) {
        if (!sameOrigin(rc)) {
            return Response.status(403).entity(Templates.signIn(Assets.INSTANCE,
                    "This sign-in came from another site's page and was refused.").render()).build();
        }
        if (token == null || token.isBlank()) {
            return Response.status(400).entity(Templates.signIn(Assets.INSTANCE, "Enter a token.").render()).build();
        }
        Optional<ConsoleSessions.SignedIn> signedIn = sessions.signIn(token, rc);
        if (signedIn.isEmpty()) {
            return Response.status(401).entity(Templates.signIn(Assets.INSTANCE,
                    "Tocsin does not know this token. Use the token itself (data/admin.token holds the first"
                            + " admin's), not the line of the token file.").render()).build();
        }
        NewCookie cookie = new NewCookie.Builder(ConsoleSessions.COOKIE).value(signedIn.get().sessionId()).path("/")
                .httpOnly(true).secure(rc.request().isSSL()).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/")).cookie(cookie).build();
    }

    @DELETE
    @PermitAll
    public Response signOut(RoutingContext rc) {
        io.vertx.core.http.Cookie cookie = rc.request().getCookie(ConsoleSessions.COOKIE);
        sessions.signOut(cookie == null ? null : cookie.getValue());
        NewCookie expired = new NewCookie.Builder(ConsoleSessions.COOKIE).value("").path("/").maxAge(0)
                .httpOnly(true).secure(rc.request().isSSL()).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.noContent().cookie(expired).build();
    }

    /**
     * A browser names the origin of the page a form was posted from; it must be Tocsin's own (no login CSRF). The
     * request's own authority comes from {@code Host} or, over HTTP/2, {@code :authority}.
     */
    static boolean sameOrigin(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        if (origin == null) {
            return true; // not sent by a cross-site form: browsers always send Origin with a cross-site POST
        }
        HostAndPort self = rc.request().authority();
        if (self == null) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            String scheme = rc.request().isSSL() ? "https" : "http";
            int defaultPort = scheme.equals("https") ? 443 : 80;
            return scheme.equals(o.getScheme()) && self.host().equalsIgnoreCase(o.getHost())
                    && (self.port() < 0 ? defaultPort : self.port()) == (o.getPort() < 0 ? defaultPort : o.getPort());
        } catch (IllegalArgumentException e) {
            return false; // "null" and other opaque origins
        }
    }
}
