package io.tocsin.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code tocsin.api-token} (env {@code TOCSIN_API_TOKEN}): an admin token given in plain text, named {@code env},
 * for scripts, CI and the README's examples. Kept apart from {@link SecurityConfig} so the variable name is short.
 */
@ConfigMapping(prefix = "tocsin")
public interface ApiTokenConfig {

    Optional<String> apiToken();
}
