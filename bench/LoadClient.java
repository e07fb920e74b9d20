import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client for POST /api/v1/samples on loopback: posts batches of samples over a fixed set of series for a
 * fixed time from several connections, then prints accepted samples per second and batch latency.
 *
 *   java bench/LoadClient.java [url] [series] [batchSize] [seconds] [connections]
 *   java bench/LoadClient.java http://127.0.0.1:8080 10000 1000 30 4
 *
 * Series are spread over the metrics the Genesis pack watches, with values below every threshold except for
 * 1% of series (so the rules' conditions and alerts are exercised too). Timestamps are the wall clock, strictly
 * increasing, so the server accepts every sample (run it on the default wall clock). It sends
 * {@code Authorization: Bearer} with {@code TOCSIN_API_TOKEN}, or else with the admin token in
 * {@code $TOCSIN_DATA_DIR/admin.token} (default {@code ./data/admin.token}); the token needs the ingest role.
 */
public class LoadClient {

    private static final String[][] METRICS = {
            {"genesis_error_ratio", "0.0005", "0.02"},
            {"genesis_operation_p95_seconds", "0.1", "0.6"},
            {"genesis_test_pass_rate", "0.999", "0.9"},
            {"node_cpu_utilization_ratio", "0.4", "0.95"},
            {"genesis_throughput_ops_per_second", "20", "2"},
    };

    public static void main(String[] args) throws Exception {
        String url = arg(args, 0, "http://127.0.0.1:8080") + "/api/v1/samples";
        int series = Integer.parseInt(arg(args, 1, "10000"));
        int batchSize = Integer.parseInt(arg(args, 2, "1000"));
        int seconds = Integer.parseInt(arg(args, 3, "30"));
        int connections = Integer.parseInt(arg(args, 4, "4"));
        String token = token();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong nextSeries = new AtomicLong();
        AtomicLong lastTs = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[] lat = new long[1_000_000];
            latencies.add(lat);
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < deadline && n < lat.length) {
                    long ts = lastTs.updateAndGet(prev -> Math.max(System.currentTimeMillis(), prev + 1));
                    long first = nextSeries.getAndAdd(batchSize);
                    String body = batch(first, batchSize, series, ts);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            accepted.addAndGet(count(response.body()));
                        } else {
                            failed.incrementAndGet();
                            System.err.println("HTTP " + response.statusCode() + ": " + response.body());
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        System.err.println(e);
                    }
                    lat[n++] = System.nanoTime() - start;
                }
                lat[lat.length - 1] = n; // remember how many were recorded
            });
            threads.add(t);
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1])).sorted()
                .toArray();
        System.out.printf("series=%d batch=%d connections=%d duration=%.1fs batches=%d failed=%d%n", series, batchSize,
                connections, elapsed, all.length, failed.get());
        System.out.printf("accepted samples/s: %.0f%n", accepted.get() / elapsed);
        if (all.length > 0) {
            System.out.printf("batch latency ms: p50=%.1f p99=%.1f max=%.1f%n", all[all.length / 2] / 1e6,
                    all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
        }
    }

    private static String batch(long first, int size, int series, long ts) {
        StringBuilder out = new StringBuilder(size * 120).append('[');
        for (int i = 0; i < size; i++) {
            int s = (int) ((first + i) % series);
            String[] metric = METRICS[s % METRICS.length];
            String value = s % 100 == 0 ? metric[2] : metric[1];
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"metric\":\"").append(metric[0]).append("\",\"labels\":{\"service\":\"genesis\",\"instance\":\"i-")
                    .append(s).append("\"},\"value\":").append(value).append(",\"timestamp\":").append(ts).append('}');
        }
        return out.append(']').toString();
    }

    private static long count(String body) {
        int at = body.indexOf("\"accepted\":");
        int end = at + 11;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(at + 11, end));
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
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
