package io.tocsin.security;

import io.quarkus.runtime.StartupEvent;
import io.tocsin.config.TocsinConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Every token Tocsin accepts besides JWTs, loaded once at start from three places: the token file,
 * {@code tocsin.security.tokens.*} and {@code TOCSIN_API_TOKEN} (an admin token named {@code env}). With none
 * of them (the token file does not even exist) the first start makes an admin token ({@link FirstStart}).
 */
@ApplicationScoped
public class TokenTable {

    static final String ENV_NAME = "env";
    private static final Logger LOG = Logger.getLogger(TokenTable.class);

    @Inject
    SecurityConfig security;
    @Inject
    TocsinConfig config;
    @Inject
    ApiTokenConfig apiToken;

    private volatile List<ApiToken> tokens = List.of();

    void start(@Observes StartupEvent event) {
        if (config.serve()) { // the command-line tools serve nothing and need no token
            load();
        }
    }

    /** The token file in use: {@code tocsin.security.token-file}, else {@code <data-dir>/tokens}. */
    public static Path tokenFile(SecurityConfig security, TocsinConfig config) {
        return Path.of(security.tokenFile().orElse(Path.of(config.dataDir(), "tokens").toString()));
    }

    void load() {
        Path file = tokenFile(security, config);
        List<ApiToken> loaded = new ArrayList<>();
        if (Files.exists(file)) {
            loaded.addAll(TokenFile.read(file));
        }
        security.tokens().forEach((name, t) -> {
            String where = "tocsin.security.tokens." + name;
            try {
                loaded.add(new ApiToken(name, Roles.parse(t.roles()), TokenFile.hash(t.sha256().strip()), where));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": " + e.getMessage(), e);
            }
        });
        apiToken.apiToken().filter(t -> !t.isBlank()).ifPresent(t -> loaded.add(envToken(t)));
        if (loaded.isEmpty() && !Files.exists(file)) {
            Path dataDir = Path.of(config.dataDir());
            loaded.add(FirstStart.createAdminToken(dataDir, file));
            LOG.infof("No API token was configured, so an admin token was made: its SHA-256 is in %s and the token"
                    + " itself in %s (readable only by this user). Send it as 'Authorization: Bearer <token>'.",
                    file.toAbsolutePath(), dataDir.resolve(FirstStart.ADMIN_TOKEN_FILE).toAbsolutePath());
        } else if (loaded.isEmpty()) {
            LOG.warnf("The token file %s holds no token and TOCSIN_API_TOKEN is not set: every request except"
                    + " /q/health is refused until a token is added (./tocsin token <name> <roles>)", file);
        }
        checkUnique(loaded);
        tokens = List.copyOf(loaded);
        LOG.infof("API tokens: %s", loaded.stream().map(t -> t.name() + " (" + Roles.format(t.roles()) + ")")
                .collect(Collectors.joining(", ")));
    }

    private static ApiToken envToken(String token) {
        if (token.strip().length() < ApiToken.MIN_LENGTH) {
            throw new IllegalStateException("TOCSIN_API_TOKEN (tocsin.api-token) is " + token.strip().length()
                    + " characters long; use at least " + ApiToken.MIN_LENGTH
                    + " random characters, e.g. the token ./tocsin token prints");
        }
        return new ApiToken(ENV_NAME, Set.of(Roles.ADMIN), ApiToken.sha256(token.strip()), "TOCSIN_API_TOKEN");
    }

    /** Two tokens with one name would make "who did it" ambiguous; one secret with two names, too. */
    private static void checkUnique(List<ApiToken> tokens) {
        Map<String, ApiToken> byName = new HashMap<>();
        for (ApiToken t : tokens) {
            ApiToken before = byName.putIfAbsent(t.name(), t);
            if (before != null) {
                throw new IllegalStateException("the token name '" + t.name() + "' is defined twice (" + before.source()
                        + " and " + t.source() + ")");
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            for (int j = i + 1; j < tokens.size(); j++) {
                if (tokens.get(i).matches(tokens.get(j).sha256())) {
                    throw new IllegalStateException("tokens '" + tokens.get(i).name() + "' and '" + tokens.get(j).name()
                            + "' are the same secret; give each client its own token");
                }
            }
        }
    }

    /**
     * The token whose hash matches. Every entry is compared, in constant time each, so the answer's timing
     * says nothing about which token or how much of it matched.
     */
    public Optional<ApiToken> find(String presented) {
        return findHash(ApiToken.sha256(presented));
    }

    /** The token with this SHA-256 (a console session keeps only that), compared as {@link #find} does. */
    Optional<ApiToken> findHash(byte[] hash) {
        ApiToken found = null;
        for (ApiToken t : tokens) {
            if (t.matches(hash)) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    /** How many tokens are accepted (for tests and the start log). */
    public int size() {
        return tokens.size();
    }
}
