import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * Replays an example against a running Tocsin on the event clock: registers the deployment in
 * {@code deployment.json}, posts every line of {@code samples.ndjson.gz} (one batch each, in order), then prints
 * the watch's state and where its report is.
 *
 *   export TOCSIN_DATA_DIR=$(mktemp -d)
 *   TOCSIN_CLOCK=event ./tocsin &
 *   java examples/Replay.java examples/genesis-48h [http://127.0.0.1:8080]
 *
 * It sends {@code Authorization: Bearer} with {@code TOCSIN_API_TOKEN}, or else with the admin token the first
 * start wrote to {@code $TOCSIN_DATA_DIR/admin.token}.
 */
public class Replay {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/genesis-48h");
        String base = args.length > 1 ? args[1] : "http://127.0.0.1:8080";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = token();
        String deployment = Files.readString(dir.resolve("deployment.json"));
        String id = deployment.replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        long started = System.nanoTime();
        post(http, token, base + "/api/v1/deployments", deployment);
        int batches = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dir.resolve("samples.ndjson.gz"))), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    post(http, token, base + "/api/v1/samples", line);
                    if (++batches % 480 == 0) {
                        System.out.printf("  %d batches (%d hours of samples)%n", batches, batches / 60);
                    }
                }
            }
        }
        System.out.printf("replayed %d batches in %.1f s%n", batches, (System.nanoTime() - started) / 1e9);
        HttpResponse<String> watch = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/deployments/" + id
                + "/watch")).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("watch: " + watch.body().replaceAll("(?s).*?\"state\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
        System.out.println("report: " + base + "/api/v1/deployments/" + id + "/report?format=html");
    }

    private static void post(HttpClient http, String token, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /**
     * The API token: {@code TOCSIN_API_TOKEN}, else the admin token a first start wrote to
     * {@code $TOCSIN_DATA_DIR/admin.token} (default data directory {@code ./data}).
     */
    static String token() throws java.io.IOException {
        String token = System.getenv("TOCSIN_API_TOKEN");
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String dataDir = System.getenv("TOCSIN_DATA_DIR");
        Path file = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir, "admin.token");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no API token: set TOCSIN_API_TOKEN, or TOCSIN_DATA_DIR to the data"
                    + " directory of the running Tocsin (its admin.token is read); " + file + " does not exist");
        }
        return Files.readString(file).strip();
    }
}
