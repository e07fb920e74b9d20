package io.tocsin.dispatch.notify.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.Delivery;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side of forwarding, against a loopback server standing in for Alertmanager: the path, the JSON array,
 * bearer tokens (from a file, read at each send) and basic authentication, and how failures are classified
 * without naming the URL.
 */
class AlertmanagerClientTest {

    private record Received(String method, String path, String contentType, String authorization, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        JSON.readTree(exchange.getRequestBody())));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static PostableAlert alert() {
        return new PostableAlert(Map.of("alertname", "X", "severity", "critical"), Map.of("summary", "s"),
                "2025-10-18T15:00:00Z", "2025-10-18T15:04:00Z", "http://tocsin/api/v1/rules?pack=p");
    }

    @Test
    void postsTheAlertsWithABearerTokenReadFromItsFile() throws Exception {
        Path token = dir.resolve("am.token");
        Files.writeString(token, "secret-1\n");
        AlertmanagerClient client = client(alertmanager(url(), null, token.toString(), null, null));
        assertEquals(Delivery.Outcome.SENT, client.post("main", List.of(alert())).outcome());
        Files.writeString(token, "secret-2\n"); // rotated: the next send reads it again
        client.post("main", List.of(alert(), alert()));
        Received first = received.get(0);
        assertEquals("POST", first.method());
        assertEquals("/api/v2/alerts", first.path());
        assertEquals("application/json", first.contentType());
        assertEquals("Bearer secret-1", first.authorization());
        assertEquals(JSON.valueToTree(List.of(alert())), first.body());
        assertEquals("Bearer secret-2", received.get(1).authorization());
        assertEquals(2, received.get(1).body().size());
    }

    @Test
    void basicAuthenticationOrNone() {
        client(alertmanager(url(), null, null, "tocsin", "pw")).post("main", List.of(alert()));
        assertEquals("Basic dG9jc2luOnB3", received.get(0).authorization());
        client(alertmanager(url(), "inline-token", null, null, null)).post("main", List.of(alert()));
        assertEquals("Bearer inline-token", received.get(1).authorization());
        client(alertmanager(url(), null, null, null, null)).post("main", List.of(alert()));
        assertEquals(null, received.get(2).authorization());
    }

    @Test
    void failuresSayWhatWithoutTheUrl() throws Exception {
        status = 500;
        Delivery d = client(alertmanager(url(), null, null, null, null)).post("main", List.of(alert()));
        assertEquals(Delivery.Outcome.RETRYABLE, d.outcome());
        assertEquals("HTTP 500", d.error());
        status = 400;
        assertEquals(Delivery.Outcome.PERMANENT,
                client(alertmanager(url(), null, null, null, null)).post("main", List.of(alert())).outcome());
        server.stop(0);
        Delivery refused = client(alertmanager(url(), null, null, null, null)).post("main", List.of(alert()));
        assertEquals(Delivery.Outcome.RETRYABLE, refused.outcome());
        assertFalse(refused.error().contains("127.0.0.1"), refused.error());
        assertEquals(Delivery.Outcome.PERMANENT, client(alertmanager(url(), null, null, null, null))
                .post("other", List.of(alert())).outcome(), "an unknown destination");
    }

    private static TocsinConfig.Alertmanager alertmanager(String url, String token, String tokenFile, String user,
            String password) {
        return proxy(TocsinConfig.Alertmanager.class, Map.of("url", url, "bearerToken", Optional.ofNullable(token),
                "bearerTokenFile", Optional.ofNullable(tokenFile), "username", Optional.ofNullable(user),
                "password", Optional.ofNullable(password)));
    }

    private static AlertmanagerClient client(TocsinConfig.Alertmanager main) {
        AlertmanagerClient client = new AlertmanagerClient();
        client.config = proxy(TocsinConfig.class, Map.of("alertmanagers", Map.of("main", main), "dispatch",
                proxy(TocsinConfig.Dispatch.class, Map.of("timeout", Duration.ofSeconds(5)))));
        client.json = JSON;
        client.open();
        return client;
    }

    /** A configuration interface answering the given methods (by name). */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        }));
    }
}
