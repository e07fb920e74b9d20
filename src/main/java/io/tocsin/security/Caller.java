package io.tocsin.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Who sent the request: the name of the token (or the JWT's principal). That name, never text from the body,
 * is recorded as who acknowledged, silenced, rolled back or closed. Call it on the request thread, before
 * handing work to the engine.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;
    @Inject
    io.vertx.core.http.HttpServerRequest request;

    public String name() {
        return identity.getPrincipal().getName();
    }

    /**
     * The client's address as the HTTP server sees it (the proxy's, unless proxy address forwarding is on for a
     * trusted proxy: README "Behind a reverse proxy"); null if unknown.
     */
    public String address() {
        io.vertx.core.net.SocketAddress remote = request.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /**
     * {@code text} with the author the request named (the old {@code by}/{@code createdBy} fields) kept as a
     * remark, "looking into it (request named alice)", when it names someone other than the token. Either may be
     * null.
     */
    public String note(String text, String namedInRequest) {
        return remark(text, namedInRequest, name());
    }

    static String remark(String text, String namedInRequest, String caller) {
        boolean named = namedInRequest != null && !namedInRequest.isBlank() && !namedInRequest.strip().equals(caller);
        if (!named) {
            return text;
        }
        String remark = "request named " + namedInRequest.strip();
        return text == null || text.isBlank() ? remark : text + " (" + remark + ")";
    }
}
