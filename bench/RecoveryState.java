import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * Builds the state whose recovery bench/run.sh recovery times: SERIES series (100,000 by default) and a
 * deployment watched for 48 hours of event time, with its per-minute history. The series are posted once, in
 * batches of 5,000, at the start; then only the Genesis gauges the watch judges are posted every minute for
 * 48 hours (2,880 batches), so the watch's history and checkpoints fill up. The server runs with a series
 * retention and staleness longer than the run, so all SERIES series are still held at the end.
 *
 * <p>Usage: {@code java RecoveryState.java <base url> <series>}; the token comes from TOCSIN_API_TOKEN.
 */
public class RecoveryState {

    private static final long T0 = Instant.parse("2025-10-18T15:00:00Z").toEpochMilli();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int series = Integer.parseInt(args[1]);
        String token = System.getenv("TOCSIN_API_TOKEN");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        post(http, base, token, "/api/v1/deployments", "{\"id\":\"d1\",\"version\":\"1.0.0\",\"startedAt\":\""
                + Instant.ofEpochMilli(T0) + "\",\"baseline\":{\"genesis_halo_routing_avg_seconds\":0.1}}");
        long started = System.nanoTime();
        for (int from = 0; from < series; from += 5000) {
            StringBuilder b = new StringBuilder("[");
            for (int i = from; i < Math.min(series, from + 5000); i++) {
                b.append(i == from ? "" : ",").append("{\"metric\":\"bench_gauge\",\"labels\":{\"instance\":\"i")
                        .append(i % 1000).append("\",\"shard\":\"s").append(i / 1000).append("\"},\"value\":0.5,")
                        .append("\"timestamp\":").append(T0).append('}');
            }
            post(http, base, token, "/api/v1/samples", b.append(']').toString());
        }
        for (int minute = 1; minute <= 48 * 60; minute++) {
            long at = T0 + minute * 60_000L;
            post(http, base, token, "/api/v1/samples", "[" + gauge("genesis_error_ratio", 0.0002, at) + ","
                    + gauge("genesis_test_pass_rate", 0.995, at) + "," + gauge("genesis_operation_p95_seconds", 0.1, at)
                    + "," + gauge("genesis_halo_routing_avg_seconds", 0.1, at) + ","
                    + "{\"metric\":\"up\",\"labels\":{\"job\":\"genesis-orchestration\",\"instance\":\"g1\"},"
                    + "\"value\":1,\"timestamp\":" + at + "}]");
        }
        System.out.printf("state built: %d series and 48 h of watch in %d s%n", series,
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    private static String gauge(String metric, double value, long at) {
        return "{\"metric\":\"" + metric + "\",\"labels\":{\"service\":\"genesis\"},\"value\":" + value
                + ",\"timestamp\":" + at + "}";
    }

    private static void post(HttpClient http, String base, String token, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
    }
}
