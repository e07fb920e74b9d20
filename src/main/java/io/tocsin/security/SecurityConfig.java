package io.tocsin.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** Settings under {@code tocsin.security.*}; the admin token for scripts is {@link ApiTokenConfig}. */
@ConfigMapping(prefix = "tocsin.security")
public interface SecurityConfig {

    /** The token file ({@link TokenFile}); unset: {@code <tocsin.data-dir>/tokens}. */
    Optional<String> tokenFile();

    /**
     * Tokens defined in configuration instead of (or besides) the file, by name:
     * {@code tocsin.security.tokens.<name>.roles=read,operator} and {@code .sha256=<64 hex digits>}.
     */
    Map<String, ConfiguredToken> tokens();

    Jwt jwt();

    interface ConfiguredToken {
        String roles();

        String sha256();
    }

    interface Jwt {
        /**
         * Accept JWTs from an identity provider besides Tocsin's own tokens; verified with the
         * {@code mp.jwt.verify.*} settings, roles from {@code smallrye.jwt.path.groups} (default {@code groups}).
         */
        @WithDefault("false")
        boolean enabled();
    }
}
