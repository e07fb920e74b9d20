package io.tocsin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, opened on one page and driven over the DevTools protocol (a WebSocket from the
 * JDK's own client): evaluate JavaScript in the rendered page, take a screenshot. Started with the flags that
 * keep it off the network (this machine has none to offer) and with a fresh profile; stopped on close.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Inbox inbox = new Inbox();
    private int nextId;

    /** The browser to use: {@code TOCSIN_CHROMIUM}, else the first of Debian's usual paths that exists. */
    static Optional<Path> binary() {
        String configured = System.getenv("TOCSIN_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    HeadlessChromium(Path binary, URI page) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("tocsin-chromium");
        process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--window-size=1200,2000", page.toString())
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(profile.resolve("chromium.log"));
                close();
                throw new IllegalStateException("Chromium did not start: " + log);
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String target = null;
        while (target == null) {
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    target = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (target == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Chromium opened no page");
                }
                Thread.sleep(50);
            }
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(target), inbox).join();
    }

    /** Waits until the page has loaded, then evaluates {@code expression}; returns its JSON-able value. */
    JsonNode evaluate(String expression) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"complete".equals(call("Runtime.evaluate", "document.readyState").at("/result/value").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the page did not finish loading");
            }
            Thread.sleep(50);
        }
        JsonNode result = call("Runtime.evaluate", expression);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw: " + result.get("exceptionDetails"));
        }
        return result.at("/result/value");
    }

    /** A PNG of the whole page. */
    byte[] screenshot() throws Exception {
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        return java.util.Base64.getDecoder().decode(send("Page.captureScreenshot", params).at("/data").asText());
    }

    private JsonNode call(String method, String expression) throws Exception {
        return send(method, JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
    }

    private synchronized JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ++nextId;
        CompletableFuture<JsonNode> answer = inbox.expect(id);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        JsonNode reply = answer.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            // a leftover temporary profile is harmless
        }
    }

    /** Collects DevTools replies (possibly split into several frames) and hands each to its caller by id. */
    private static final class Inbox implements WebSocket.Listener {
        private final java.util.Map<Integer, CompletableFuture<JsonNode>> waiting =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        CompletableFuture<JsonNode> expect(int id) {
            CompletableFuture<JsonNode> f = new CompletableFuture<>();
            waiting.put(id, f);
            return f;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> f = message.has("id") ? waiting.remove(message.get("id").asInt()) : null;
                    if (f != null) {
                        f.complete(message);
                    }
                } catch (IOException e) {
                    waiting.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
