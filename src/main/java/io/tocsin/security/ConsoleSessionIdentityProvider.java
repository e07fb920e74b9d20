package io.tocsin.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a live console session into the identity of the token it signed in with (name and roles, as the bearer
 * token would give), marked with the session's CSRF token so that {@link ConsoleCsrf} can demand it back.
 */
@ApplicationScoped
public class ConsoleSessionIdentityProvider implements IdentityProvider<ConsoleSessionRequest> {

    @Inject
    ConsoleSessions sessions;

    @Override
    public Class<ConsoleSessionRequest> getRequestType() {
        return ConsoleSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ConsoleSessionRequest request, AuthenticationRequestContext context) {
        return sessions.find(request.sessionId())
                .map(t -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(t.name()))
                        .addRoles(t.roles())
                        .addAttribute(ConsoleSessions.CSRF_ATTRIBUTE, ConsoleSessions.csrf(request.sessionId()))
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("no such session")));
    }
}
