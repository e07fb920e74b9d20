package io.tocsin.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.config.TocsinConfig;
import io.tocsin.security.ApiToken;
import io.tocsin.security.SecurityConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ./tocsin token}: the token once, and the token file line that accepts exactly it. */
class TokenCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        TokenCommand command = new TokenCommand();
        command.config = proxy(TocsinConfig.class, Map.of("dataDir", "/var/lib/tocsin"));
        command.security = proxy(SecurityConfig.class, Map.of("tokenFile", Optional.empty()));
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> values.get(method.getName()));
    }

    @Test
    void printsTheTokenAndItsLine() {
        assertEquals(0, run("prometheus", "read,ingest"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        String token = lines.get(1);
        assertTrue(token.matches("tocsin_[A-Za-z0-9_-]{43}"), token);
        assertEquals("# Add this line to /var/lib/tocsin/tokens and restart Tocsin:", lines.get(2));
        assertEquals("prometheus:ingest,read:" + ApiToken.sha256Hex(token), lines.get(3));
    }

    @Test
    void refusesUnknownRolesBadNamesAndMissingArguments() {
        assertEquals(2, run("alice", "root"));
        assertEquals(2, run("al:ice", "read"));
        assertEquals(2, run("alice"));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no token is printed for a mistake");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown role 'root'"));
    }
}
