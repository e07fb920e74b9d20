package io.tocsin.durability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.security.TestTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) as its own process, as an operator runs
 * it: production profile, a data directory, the admin token from {@code TOCSIN_API_TOKEN}, configuration as
 * {@code -D} options. It can be killed with SIGKILL and started again on the same data directory. Its output is
 * kept in {@code target/it-logs/<name>.log} (appended across restarts) and its last lines in memory for failure
 * messages.
 */
public final class TocsinProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path workDir;
    private final Map<String, String> config;
    private final Long fileSizeLimitKiB;
    private final int port;
    private final Deque<String> tail = new ArrayDeque<>();
    private Process process;

    private TocsinProcess(String name, Path workDir, Map<String, String> config, Long fileSizeLimitKiB) {
        this.name = name;
        this.workDir = workDir;
        this.config = new TreeMap<>(config);
        this.fileSizeLimitKiB = fileSizeLimitKiB;
        this.port = freePort();
    }

    /**
     * Starts Tocsin in {@code workDir} (its data directory is {@code workDir/data} unless {@code config} says
     * otherwise) and waits until it is ready.
     */
    public static TocsinProcess start(String name, Path workDir, Map<String, String> config) {
        return start(name, workDir, config, null);
    }

    /** Likewise, with files it writes limited to {@code fileSizeLimitKiB} (as {@code ulimit -f}); null: none. */
    public static TocsinProcess start(String name, Path workDir, Map<String, String> config, Long fileSizeLimitKiB) {
        assertTrue(Files.isRegularFile(JAR), "the packaged application is built first (mvn package): " + JAR);
        TocsinProcess tocsin = new TocsinProcess(name, workDir, config, fileSizeLimitKiB);
        tocsin.launch();
        return tocsin;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process again (after {@link #kill()} or {@link #stop()}) on the same port and data. */
    public void launch() {
        spawn();
        awaitReady();
    }

    /** Starts the process again expecting start-up to fail; returns its exit code. */
    public int launchExpectingFailure() {
        spawn();
        return awaitExit(Duration.ofSeconds(90));
    }

    /** Configured but not started (to start it failing, or later). */
    public static TocsinProcess prepare(String name, Path workDir, Map<String, String> config) {
        assertTrue(Files.isRegularFile(JAR), "the packaged application is built first (mvn package): " + JAR);
        return new TocsinProcess(name, workDir, config, null);
    }

    private void spawn() {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.add("-Xmx512m");
        java.add("-Dquarkus.http.port=" + port);
        java.add("-Dtocsin.data-dir=" + workDir.resolve("data"));
        config.forEach((k, v) -> java.add("-D" + k + "=" + v));
        java.add("-jar");
        java.add(JAR.toString());
        List<String> command = new ArrayList<>();
        if (fileSizeLimitKiB != null) {
            command.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimitKiB + " && exec \"$@\"", "tocsin"));
        }
        command.addAll(java);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("TOCSIN_API_TOKEN", TestTokens.ADMIN);
        try {
            Files.createDirectories(workDir);
            Path logs = Path.of("target", "it-logs");
            Files.createDirectories(logs);
            process = builder.start();
            Path log = logs.resolve(name + ".log");
            Process running = process;
            // the log is written here, not by the child: a file size limit on the child must not cut it short
            Thread pump = new Thread(() -> pump(running, log), "tocsin-output-" + name);
            pump.setDaemon(true);
            pump.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump(Process running, Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(running.getInputStream(),
                StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 60) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " at start:\n" + tail());
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(100);
        }
        throw new AssertionError(name + " not ready within 90 s:\n" + tail());
    }

    /** The data directory. */
    public Path dataDir() {
        return workDir.resolve("data");
    }

    /** Whether the process runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until the process exits on its own; its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still runs after " + timeout + ":\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL, as a crash or the OOM killer: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as systemd stops a service. */
    public void stop() {
        process.destroy();
        awaitExit(Duration.ofSeconds(60));
    }

    /** Sends a signal by name ({@code HUP}). */
    public void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines the process wrote. */
    public String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** The whole log so far. */
    public String log() {
        try {
            return Files.readString(Path.of("target", "it-logs", name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A response: status and body. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** A request with the admin token; {@code body} null for none. */
    public HttpRequest request(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TestTokens.ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return b.build();
    }

    public Answer send(String method, String path, String body) {
        return send(request(method, path, body, Map.of()));
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends without waiting: the request may be cut off by a kill. */
    public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode get(String path) {
        Answer a = send("GET", path, null);
        if (a.status() != 200) {
            throw new AssertionError("GET " + path + ": " + a.status() + " " + a.body());
        }
        return a.json();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
