package io.tocsin.security;

import io.quarkus.runtime.StartupEvent;
import io.tocsin.config.TocsinConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sign-in sessions of the operator console. A browser signs in once with an API token; it gets a random session id
 * in an HttpOnly, SameSite=Strict cookie and never keeps the token (no script can read the cookie, so a script
 * injected into the page cannot carry a long-lived credential away). The session acts with the token's name and
 * current roles: removing the token from the token file ends its sessions at the next start. Only the SHA-256 of a
 * session id is kept, in memory and in {@code <data-dir>/console-sessions} (mode 0600), so sessions survive a
 * restart and a copy of the file signs nobody in. A session ends at sign-out or after
 * {@code tocsin.console.session-lifetime}; the cookie itself lasts only as long as the browser session.
 *
 * <p>State-changing requests made with the cookie must also carry {@link #CSRF_HEADER} with the session's CSRF token
 * ({@link ConsoleCsrf}); the token is derived from the session id one way, so it reveals nothing about it.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "tocsin_session";
    public static final String CSRF_HEADER = "X-Tocsin-CSRF";
    /** The identity attribute that carries the CSRF token of a request authenticated by a console session. */
    static final String CSRF_ATTRIBUTE = "tocsin.console.csrf";
    static final String FILE = "console-sessions";
    /** Sign-ins beyond this many live sessions push out the oldest: sign-in cannot fill memory or the disk. */
    static final int MAX_SESSIONS = 1_000;

    private static final Logger LOG = Logger.getLogger("io.tocsin.security");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in browser: the token it acts as and until when. */
    record Session(String idHash, String tokenName, String tokenSha256, long createdAt, long expiresAt) {
        String line() {
            return idHash + " " + tokenName + " " + tokenSha256 + " " + createdAt + " " + expiresAt;
        }

        static Session parse(String line) {
            String[] f = line.strip().split(" ");
            if (f.length != 5) {
                throw new IllegalArgumentException("expected 5 fields");
            }
            return new Session(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]));
        }
    }

    /** A new session: the cookie value and the CSRF token the page sends back. */
    public record SignedIn(String sessionId, String csrf, String name, long expiresAt) {
    }

    @Inject
    TokenTable tokens;
    @Inject
    TocsinConfig config;
    @Inject
    AuthFailures failures;
    @ConfigProperty(name = "tocsin.console.session-lifetime", defaultValue = "12h")
    Duration lifetime;

    LongSupplier clock = System::currentTimeMillis;
    private final Map<String, Session> byIdHash = new LinkedHashMap<>();

    void start(@Observes StartupEvent event) {
        if (config.serve()) {
            load();
        }
    }

    Path file() {
        return Path.of(config.dataDir(), FILE);
    }

    synchronized void load() {
        byIdHash.clear();
        Path file = file();
        if (!Files.exists(file)) {
            return;
        }
        try {
            long now = clock.getAsLong();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                try {
                    Session s = Session.parse(line);
                    if (s.expiresAt() > now) {
                        byIdHash.put(s.idHash(), s);
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warnf("ignored a damaged line of %s (%s)", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot read %s (%s): console users sign in again", file, e.getMessage());
        }
    }

    /**
     * Signs a browser in with an API token; empty (and the refusal counted and logged like any unknown token) when
     * the token is unknown.
     */
    public Optional<SignedIn> signIn(String token, RoutingContext rc) {
        Optional<ApiToken> known = token == null || token.isBlank() ? Optional.empty() : tokens.find(token.strip());
        if (known.isEmpty()) {
            failures.record(rc, AuthFailures.Reason.INVALID, "console sign-in with an unknown token");
            return Optional.empty();
        }
        ApiToken t = known.get();
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        long now = clock.getAsLong();
        Session session = new Session(ApiToken.sha256Hex(id), t.name(), HexFormat.of().formatHex(t.sha256()), now,
                now + lifetime.toMillis());
        synchronized (this) {
            byIdHash.values().removeIf(s -> s.expiresAt() <= now);
            while (byIdHash.size() >= MAX_SESSIONS) {
                byIdHash.remove(byIdHash.keySet().iterator().next());
            }
            byIdHash.put(session.idHash(), session);
            save();
        }
        LOG.infof("console sign-in as '%s' (%s) from %s", t.name(), Roles.format(t.roles()),
                rc.request().remoteAddress());
        return Optional.of(new SignedIn(id, csrf(id), t.name(), session.expiresAt()));
    }

    /** The token a live session acts as; empty for an unknown or expired session, or a token no longer known. */
    Optional<ApiToken> find(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 100) {
            return Optional.empty();
        }
        Session s;
        synchronized (this) {
            s = byIdHash.get(ApiToken.sha256Hex(sessionId));
        }
        if (s == null || s.expiresAt() <= clock.getAsLong()) {
            return Optional.empty();
        }
        return tokens.findHash(HexFormat.of().parseHex(s.tokenSha256())).filter(t -> t.name().equals(s.tokenName()));
    }

    /** Ends a session (sign-out); harmless for an unknown one. */
    public void signOut(String sessionId) {
        if (sessionId == null) {
            return;
        }
        synchronized (this) {
            if (byIdHash.remove(ApiToken.sha256Hex(sessionId)) != null) {
                save();
            }
        }
    }

    /** The CSRF token of a session: one-way from its id, so the page may hold it without holding the session. */
    public static String csrf(String sessionId) {
        byte[] digest = ApiToken.sha256("tocsin-console-csrf:" + sessionId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** The CSRF token of the session a request was authenticated by, or null (a bearer token, or anonymous). */
    public static String csrfOf(io.quarkus.security.identity.SecurityIdentity identity) {
        return identity == null ? null : identity.getAttribute(CSRF_ATTRIBUTE);
    }

    /** Constant-time comparison of a presented CSRF token with the expected one. */
    static boolean sameCsrf(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    synchronized int size() {
        return byIdHash.size();
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        lines.add("# Tocsin console sessions: sha256(session id) token-name sha256(token) created expires (epoch ms)");
        byIdHash.values().forEach(s -> lines.add(s.line()));
        try {
            SecretFile.write(file(), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            // sessions still work until the next restart, which signs these browsers out
            LOG.warnf("cannot save console sessions to %s (%s)", file(), e.getMessage());
        }
    }
}
