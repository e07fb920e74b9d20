import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The floor under the breach latency on this machine: how long a request that does (almost) nothing takes on
 * loopback, one at a time, and how long forcing a small append to disk takes. A breach is two HTTP exchanges
 * (the sample in, the webhook out), an evaluation and journal forces; when these alone have a p99 of several
 * milliseconds, so does the breach.
 *
 * <pre>
 *   java bench/RequestLatency.java [--url http://127.0.0.1:18090] [--token T] [--count 2000] [--fsync DIR]
 * </pre>
 *
 * For each of {@code GET /q/health/live} and {@code POST /api/v1/samples} (one sample of a metric no rule reads,
 * wall-clock timestamps: start Tocsin on the wall clock) it sends {@code count} unmeasured requests, then {@code
 * count} measured ones; with {@code --fsync} it appends 300 bytes and forces them ({@code FileChannel.force(false)},
 * fdatasync) {@code count} times in a file under DIR. Prints p50/p90/p99/max per kind.
 */
public final class RequestLatency {

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:18090";
        String token = System.getenv("TOCSIN_API_TOKEN");
        int count = 2000;
        Path fsync = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1].replaceAll("/+$", "");
                case "--token" -> token = args[i + 1];
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--fsync" -> fsync = Path.of(args[i + 1]);
                default -> {
                    System.err.println("usage: java bench/RequestLatency.java [--url U] [--token T] [--count N]"
                            + " [--fsync DIR]");
                    System.exit(2);
                }
            }
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String kind : new String[] {"health", "sample"}) {
            measure(client, url, token, kind, count); // unmeasured: both JVMs compile their paths first
            long[] nanos = measure(client, url, token, kind, count);
            print(kind.equals("health") ? "GET /q/health/live" : "POST /api/v1/samples (1 sample)", nanos);
        }
        if (fsync != null) {
            print("append 300 B + fdatasync", forces(fsync, count));
        }
    }

    static long[] measure(HttpClient client, String url, String token, String kind, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request;
            if (kind.equals("health")) {
                request = HttpRequest.newBuilder(URI.create(url + "/q/health/live"));
            } else {
                String body = "[{\"metric\":\"bench_request_latency\",\"labels\":{\"probe\":\"1\"},\"value\":" + i
                        + ",\"timestamp\":" + System.currentTimeMillis() + "}]";
                request = HttpRequest.newBuilder(URI.create(url + "/api/v1/samples"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
            }
            long started = System.nanoTime();
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - started;
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(kind + ": HTTP " + response.statusCode() + " " + response.body());
            }
        }
        return nanos;
    }

    static long[] forces(Path dir, int count) throws Exception {
        Path file = Files.createTempFile(dir, "request-latency", ".log");
        long[] nanos = new long[count];
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer record = ByteBuffer.allocate(300);
            for (int i = 0; i < count; i++) {
                record.clear();
                out.write(record);
                long started = System.nanoTime();
                out.force(false);
                nanos[i] = System.nanoTime() - started;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return nanos;
    }

    static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-32s n=%d  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms%n", what, sorted.length,
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
