package io.tocsin.security;

import io.quarkus.runtime.StartupEvent;
import io.tocsin.config.TocsinConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With JWTs on, the start fails unless a verification key and an issuer are configured: without a key every JWT
 * would be refused at request time, and without an issuer any token signed by that key, for whatever audience
 * and from whatever issuer, would be accepted.
 */
@ApplicationScoped
public class JwtSettings {

    @Inject
    SecurityConfig security;
    @Inject
    TocsinConfig config;
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> keyLocation;
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> key;
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    void check(@Observes StartupEvent event) {
        if (config.serve() && security.jwt().enabled()) {
            problem(keyLocation.isPresent() || key.isPresent(), issuer.isPresent()).ifPresent(p -> {
                throw new IllegalStateException(p);
            });
        }
    }

    static Optional<String> problem(boolean hasKey, boolean hasIssuer) {
        if (!hasKey) {
            return Optional.of("tocsin.security.jwt.enabled=true needs the identity provider's public key:"
                    + " mp.jwt.verify.publickey.location (a PEM or JWK file, or the JWKS URL)");
        }
        if (!hasIssuer) {
            return Optional.of("tocsin.security.jwt.enabled=true needs mp.jwt.verify.issuer (the identity provider's"
                    + " iss), so only its tokens are accepted");
        }
        return Optional.empty();
    }
}
