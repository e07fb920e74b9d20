package io.tocsin.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.tocsin.http.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Refused requests: counted in {@code tocsin_auth_failures_total{reason}}, logged (method, path, remote address,
 * token name when known; never a token) at most 10 lines a minute, and answered with a JSON {@link ApiError}:
 * 401 with {@code WWW-Authenticate: Bearer} (RFC 6750) when the token is missing or wrong, 403 when its roles are
 * not enough. Each request is counted once, under the first reason found.
 */
@ApplicationScoped
@Startup // its counters show 0 from the start, not from the first refusal
public class AuthFailures {

    /** Why a request was refused; the {@code reason} label. */
    public enum Reason {
        /** No Authorization header. */
        MISSING("missing", "authentication required: send 'Authorization: Bearer <token>'"),
        /** An Authorization header that is not {@code Bearer <token>}. */
        MALFORMED("malformed", "the Authorization header must be 'Bearer <token>'"),
        /** A token that is unknown, or a JWT that failed verification. */
        INVALID("invalid", "unknown or invalid token"),
        /** A valid token without the role the endpoint needs. */
        FORBIDDEN("forbidden", "forbidden");

        final String label;
        final String message;

        Reason(String label, String message) {
            this.label = label;
            this.message = message;
        }
    }

    private static final Logger LOG = Logger.getLogger("io.tocsin.security");
    private static final String RECORDED = AuthFailures.class.getName() + ".reason";

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);
    private final RateLimitedLog log = new RateLimitedLog(LOG, 10, TimeUnit.MINUTES.toNanos(1), System::nanoTime);
    private final ObjectMapper json;

    public AuthFailures(MeterRegistry registry, ObjectMapper json) {
        this.json = json;
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("tocsin.auth.failures").tag("reason", reason.label)
                    .description("Requests refused for want of a valid token or role").register(registry));
        }
    }

    /** Counts and logs a refusal of this request, unless one was already recorded for it. */
    void record(RoutingContext rc, Reason reason, String detail) {
        if (rc.get(RECORDED) != null) {
            return;
        }
        rc.put(RECORDED, reason);
        counters.get(reason).increment();
        log.warn("refused " + rc.request().method() + " " + printable(rc.request().path()) + " from "
                + rc.request().remoteAddress() + ": " + reason.label + (detail == null ? "" : " (" + detail + ")"));
    }

    /** The reason recorded for this request, or null. */
    Reason recorded(RoutingContext rc) {
        return rc.get(RECORDED);
    }

    /** The {@code WWW-Authenticate} value for a 401 or 403 of this request. */
    String challenge(RoutingContext rc, int status) {
        if (status == 403) {
            return "Bearer realm=\"tocsin\", error=\"insufficient_scope\"";
        }
        Reason reason = recorded(rc);
        if (reason == Reason.MALFORMED) {
            return "Bearer realm=\"tocsin\", error=\"invalid_request\"";
        }
        return reason == Reason.INVALID ? "Bearer realm=\"tocsin\", error=\"invalid_token\""
                : "Bearer realm=\"tocsin\"";
    }

    /** Answers 401 on the HTTP layer (before JAX-RS: proactive authentication, path permissions). */
    void sendUnauthorized(RoutingContext rc) {
        record(rc, Reason.MISSING, null);
        send(rc, 401, recorded(rc).message);
    }

    /** Answers 403 on the HTTP layer. */
    void sendForbidden(RoutingContext rc) {
        String message = forbiddenMessage(rc, null);
        record(rc, Reason.FORBIDDEN, message);
        send(rc, 403, message);
    }

    String unauthorizedMessage(RoutingContext rc) {
        Reason reason = recorded(rc);
        return (reason == null ? Reason.MISSING : reason).message;
    }

    /** "token 'alice' (roles read) may not POST /api/v1/silences[: it needs operator]". */
    String forbiddenMessage(RoutingContext rc, String needed) {
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        String who = identity == null || identity.isAnonymous() ? "this token"
                : "token '" + identity.getPrincipal().getName() + "' (roles " + String.join(",",
                        identity.getRoles().stream().filter(Roles.ALL::contains).sorted().toList()) + ")";
        return who + " may not " + rc.request().method() + " " + printable(rc.request().path())
                + (needed == null ? "" : ": it needs the " + needed + " role");
    }

    private void send(RoutingContext rc, int status, String message) {
        if (rc.response().ended()) {
            return;
        }
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("WWW-Authenticate", challenge(rc, status))
                .end(body(status, message));
    }

    String body(int status, String message) {
        try {
            return json.writeValueAsString(new ApiError(status, null, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Paths come from clients: no control characters into the log, and not too long. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
