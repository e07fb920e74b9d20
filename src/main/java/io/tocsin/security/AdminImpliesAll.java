package io.tocsin.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * An admin holds every role, whether the identity comes from a token or a JWT, so endpoints name only the role
 * they need ({@code @RolesAllowed("operator")}) and a later role's endpoints are open to admins too.
 */
@ApplicationScoped
public class AdminImpliesAll implements SecurityIdentityAugmentor {

    private static final Set<String> ALL = Set.copyOf(Roles.ALL);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !identity.hasRole(Roles.ADMIN) || identity.getRoles().containsAll(ALL)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(ALL).build());
    }
}
