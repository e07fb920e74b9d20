package io.tocsin.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AnonymousAuthenticationRequest;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code Authorization: Bearer <token>}. A Tocsin token is looked up in the {@link TokenTable}; a JWT,
 * when {@code tocsin.security.jwt.enabled}, is verified by smallrye-jwt. Its priority is above smallrye-jwt's own
 * mechanism, which would otherwise take every bearer token for a JWT and reject Tocsin's. Without an Authorization
 * header, the operator console's session cookie ({@link ConsoleSessions}) is looked up; an unknown or expired one
 * leaves the request anonymous. Health checks are never authenticated, so a probe with a stale header still gets
 * its answer.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    static final int PRIORITY = DEFAULT_PRIORITY + 1000;
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    @Inject
    AuthFailures failures;
    @Inject
    SecurityConfig security;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identities) {
        String header = rc.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            Cookie session = isHealth(rc.normalizedPath()) ? null : rc.request().getCookie(ConsoleSessions.COOKIE);
            if (session != null) { // the operator console: a signed-in browser (ConsoleSessions)
                return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                        new ConsoleSessionRequest(session.getValue()), rc)).onFailure().recoverWithNull();
            }
            return Uni.createFrom().nullItem(); // anonymous: the permission checks answer 401 where a token is needed
        }
        if (isHealth(rc.normalizedPath())) {
            // anonymous on purpose: a null here would let smallrye-jwt's mechanism judge the header instead
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                    new AnonymousAuthenticationRequest(), rc));
        }
        rc.put(HttpAuthenticationMechanism.class.getName(), this); // this mechanism answers the challenge
        String token = bearerToken(header);
        if (token == null) {
            failures.record(rc, AuthFailures.Reason.MALFORMED, "Authorization header is not 'Bearer <token>'");
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed Authorization header"));
        }
        boolean jwt = security.jwt().enabled() && JWT.matcher(token).matches();
        AuthenticationRequest request = jwt ? new TokenAuthenticationRequest(new JsonWebTokenCredential(token))
                : new ApiTokenRequest(token);
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, rc))
                .onFailure().transform(e -> {
                    failures.record(rc, AuthFailures.Reason.INVALID, jwt ? "JWT rejected: " + jwtProblem(e)
                            : "unknown token" + (JWT.matcher(token).matches() ? "; a JWT, but JWTs are off" : ""));
                    return e instanceof AuthenticationFailedException ? e : new AuthenticationFailedException(e);
                });
    }

    /** The token of {@code Bearer <token>} (scheme case-insensitive), or null for any other header. */
    static String bearerToken(String header) {
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = h.substring(7).strip();
        return token.isEmpty() || token.chars().anyMatch(Character::isWhitespace) ? null : token;
    }

    static boolean isHealth(String path) {
        return path != null && (path.equals("/q/health") || path.startsWith("/q/health/"));
    }

    /** Why a JWT was refused, in a word: the verifier's own message quotes the token, which is never logged. */
    static String jwtProblem(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null && messages.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
            messages.append(' ').append(t.getMessage());
        }
        String text = messages.toString().toLowerCase(java.util.Locale.ROOT);
        if (text.contains("expiration time") || text.contains("expired")) {
            return "expired";
        }
        if (text.contains("issuer") || text.contains("iss claim")) {
            return "wrong issuer";
        }
        if (text.contains("signature")) {
            return "bad signature";
        }
        return "not verified (details at DEBUG in io.quarkus.smallrye.jwt)";
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext rc) {
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaderNames.WWW_AUTHENTICATE,
                failures.challenge(rc, 401)));
    }

    /** The challenge with the project's JSON error body (Quarkus would send an empty one). */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext rc) {
        failures.sendUnauthorized(rc);
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class, TokenAuthenticationRequest.class, ConsoleSessionRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
