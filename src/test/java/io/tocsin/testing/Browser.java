package io.tocsin.testing;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol with the JDK's WebSocket client, for end-to-end
 * tests of pages as a person uses them: navigate, type, click, wait for what the page shows, take screenshots. It
 * records every request the page makes and every error the browser logs (a Content-Security-Policy violation is
 * one), so a test can say the page contacted nothing but Tocsin and broke no rule of its own policy. Started off
 * the network (this machine has none) with a fresh profile; stopped on close.
 */
public final class Browser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Inbox inbox = new Inbox();
    private int nextId;

    /** The browser to use: {@code TOCSIN_CHROMIUM}, else the first of Debian's usual paths that exists. */
    public static Optional<Path> binary() {
        String configured = System.getenv("TOCSIN_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * The browser, or the test stops here: it fails under {@code CI=true} (CI must run browser tests; the launcher
     * installs Chromium) and is skipped elsewhere (a bare {@code ./mvnw verify} without Chromium).
     */
    public static Path required() {
        Optional<Path> found = binary();
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("no Chromium: CI must run the browser tests (./tocsin test installs Debian's"
                        + " chromium; TOCSIN_CHROMIUM names another)");
            }
            Assumptions.abort("no Chromium (./tocsin test installs Debian's package)");
        }
        return found.get();
    }

    public Browser(Path binary, int width, int height) throws Exception {
        profile = Files.createTempDirectory("tocsin-chromium");
        process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=" + width + "," + height,
                "--hide-scrollbars", "--lang=en-US", "about:blank")
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
        send("Network.enable", JSON.createObjectNode());
        send("Log.enable", JSON.createObjectNode());
        send("Runtime.enable", JSON.createObjectNode());
        send("Page.enable", JSON.createObjectNode());
    }

    /** Renders as a phone would: 390 by 844 CSS pixels, touch, mobile layout. */
    public void phone() throws Exception {
        send("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", 390).put("height", 844)
                .put("deviceScaleFactor", 1).put("mobile", true));
    }

    /** Shows times as a browser in {@code zone} (an IANA name such as {@code Europe/Berlin}) would. */
    public void timezone(String zone) throws Exception {
        send("Emulation.setTimezoneOverride", JSON.createObjectNode().put("timezoneId", zone));
    }

    /** Back to the window's own size. */
    public void desktop() throws Exception {
        send("Emulation.clearDeviceMetricsOverride", JSON.createObjectNode());
    }

    /** Opens {@code url} and waits until the document has loaded. */
    public void navigate(String url) throws Exception {
        send("Page.navigate", JSON.createObjectNode().put("url", url));
        Thread.sleep(100);
        waitFor("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(30),
                "the page " + url + " to load");
    }

    /** Evaluates {@code expression} in the page (awaiting a promise); returns its JSON-able value. */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw: " + result.get("exceptionDetails"));
        }
        return result.at("/result/value");
    }

    /** Waits until {@code condition} (JavaScript) is truthy; returns how long that took. */
    public Duration waitFor(String condition, Duration timeout, String what) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            JsonNode value;
            try {
                value = evaluate("Boolean(" + condition + ")");
            } catch (IllegalStateException e) {
                value = null; // e.g. between two documents
            }
            if (value != null && value.asBoolean()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the page ("
                        + evaluate("location.href").asText() + ") shows: "
                        + evaluate("document.body ? document.body.innerText.slice(0, 3000) : ''").asText()
                        + "\nbrowser errors: " + errors());
            }
            Thread.sleep(50);
        }
    }

    /** Clicks the element {@code selector} names, as a mouse would (centre of the element, scrolled into view). */
    public void click(String selector) throws Exception {
        JsonNode box = evaluate("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector)
                + "); if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        if (box == null || box.isNull()) {
            throw new AssertionError("nothing to click at " + selector);
        }
        for (String type : List.of("mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", JSON.createObjectNode().put("type", type).put("x", box.get("x").asDouble())
                    .put("y", box.get("y").asDouble()).put("button", "left").put("clickCount", 1));
        }
    }

    /** Focuses {@code selector}, clears it and types {@code text} as keyboard input. */
    public void type(String selector, String text) throws Exception {
        evaluate("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector)
                + "); e.focus(); e.select && e.select(); })()");
        send("Input.insertText", JSON.createObjectNode().put("text", text));
    }

    /** Presses a key (e.g. {@code Tab}, {@code Enter}, {@code Escape}). */
    public void press(String key) throws Exception {
        for (String type : List.of("keyDown", "keyUp")) {
            ObjectNode params = JSON.createObjectNode().put("type", type).put("key", key).put("code", key);
            if (key.equals("Enter")) {
                params.put("windowsVirtualKeyCode", 13).put("text", type.equals("keyDown") ? "\r" : "");
            } else if (key.equals("Tab")) {
                params.put("windowsVirtualKeyCode", 9);
            } else if (key.equals("Escape")) {
                params.put("windowsVirtualKeyCode", 27);
            }
            send("Input.dispatchKeyEvent", params);
        }
    }

    /** A PNG of the whole page, written to {@code file}. */
    public void screenshot(Path file) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        write(file, send("Page.captureScreenshot", params));
    }

    /** A PNG of what the window shows now (a dialog, the first screen of a phone), written to {@code file}. */
    public void screenshotViewport(Path file) throws Exception {
        write(file, send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")));
    }

    /** A PNG of the element {@code selector} names (and what is around it in its box), written to {@code file}. */
    public void screenshot(Path file, String selector) throws Exception {
        JsonNode r = evaluate("(() => { const r = document.querySelector(" + JSON.writeValueAsString(selector)
                + ").getBoundingClientRect(); return {x: r.left + scrollX, y: r.top + scrollY, w: r.width,"
                + " h: r.height}; })()");
        ObjectNode clip = JSON.createObjectNode().put("x", r.get("x").asDouble()).put("y", r.get("y").asDouble())
                .put("width", r.get("w").asDouble()).put("height", Math.max(1, r.get("h").asDouble())).put("scale", 1);
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        write(file, send("Page.captureScreenshot", params));
    }

    private static void write(Path file, JsonNode shot) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.at("/data").asText()));
    }

    /** Every URL the page requested so far (documents, scripts, styles, fetches, event streams). */
    public List<String> requests() {
        return List.copyOf(inbox.requests);
    }

    /** Errors the browser logged so far: failed loads, policy violations, script errors. */
    public List<String> errors() {
        return List.copyOf(inbox.errors);
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

    /** Replies by id to their callers; events (requests made, errors logged) into lists. */
    private static final class Inbox implements WebSocket.Listener {
        private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();

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
                    event(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    waiting.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void event(JsonNode message) {
            if (message.has("id")) {
                CompletableFuture<JsonNode> f = waiting.remove(message.get("id").asInt());
                if (f != null) {
                    f.complete(message);
                }
                return;
            }
            String method = message.path("method").asText();
            JsonNode params = message.path("params");
            switch (method) {
                case "Network.requestWillBeSent" -> requests.add(params.at("/request/url").asText());
                case "Log.entryAdded" -> {
                    if ("error".equals(params.at("/entry/level").asText())) {
                        errors.add(params.at("/entry/text").asText() + " " + params.at("/entry/url").asText());
                    }
                }
                case "Runtime.exceptionThrown" -> errors.add(params.at("/exceptionDetails").toString());
                case "Runtime.consoleAPICalled" -> {
                    if ("error".equals(params.path("type").asText())) {
                        errors.add(params.path("args").toString());
                    }
                }
                default -> {
                }
            }
        }
    }

    /** For messages: the requests that did not go to {@code origin}. */
    public List<String> requestsOutside(String origin) {
        List<String> outside = new ArrayList<>();
        for (String url : requests()) {
            if (!url.startsWith(origin + "/") && !url.equals(origin) && !url.equals("about:blank")) {
                outside.add(url);
            }
        }
        return outside;
    }
}
