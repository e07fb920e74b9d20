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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does a flood of unique series slow the evaluation of known series? Issue 11 asks for at most 2x. Against a
 * running Tocsin on the wall clock: first the known load alone (one closed-loop client posting batches of known
 * series, {@code genesis_error_ratio{instance=..}} below every threshold, so the rules evaluate them), then the
 * same load while flood clients post batches of series never seen before, as fast as they are answered: accepted
 * until {@code tocsin.limits.max-series} is reached, 429 after. Prints the known load's samples/s and batch
 * latency in both phases and their ratio, and what happened to the flood.
 *
 * <pre>java bench/SeriesFlood.java --url http://127.0.0.1:18090 --token T [--series 10000] [--batch 1000]
 *     [--flood-clients 2] [--flood-batch 100] [--duration 20] [--warmup 5]</pre>
 */
public class SeriesFlood {

    static String url = "http://127.0.0.1:8080";
    static String token = System.getenv("TOCSIN_API_TOKEN");
    static int series = 10_000;
    static int batch = 1_000;
    static int floodClients = 2;
    static int floodBatch = 100;
    static int duration = 20;
    static int warmup = 5;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Phase(String name, double samplesPerSecond, double p50, double p99, long batches, long non2xx) {
        String line() {
            return String.format("%-10s known samples/s %,10.0f   batch p50 %7.1f ms   p99 %7.1f ms   (%d batches,"
                    + " %d not 2xx)", name, samplesPerSecond, p50, p99, batches, non2xx);
        }
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--token" -> token = args[i + 1];
                case "--series" -> series = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--flood-clients" -> floodClients = Integer.parseInt(args[i + 1]);
                case "--flood-batch" -> floodBatch = Integer.parseInt(args[i + 1]);
                case "--duration" -> duration = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (token == null && Files.exists(Path.of("data", "admin.token"))) {
            token = Files.readString(Path.of("data", "admin.token")).strip();
        }
        known(warmup, "warm-up");
        Phase alone = known(duration, "alone");
        System.out.println(alone.line());
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong next = new AtomicLong();
        List<Thread> flood = new ArrayList<>();
        for (int c = 0; c < floodClients; c++) {
            Thread t = new Thread(() -> {
                while (flooding.get()) {
                    long b = next.getAndIncrement();
                    StringBuilder body = new StringBuilder("[");
                    long now = System.currentTimeMillis();
                    for (int i = 0; i < floodBatch; i++) {
                        body.append(i == 0 ? "" : ",").append("{\"metric\":\"flood_").append(b)
                                .append("\",\"labels\":{\"i\":\"").append(i).append("\"},\"value\":1,\"timestamp\":")
                                .append(now).append('}');
                    }
                    int status = post(body.append(']').toString());
                    (status == 200 ? accepted : status == 429 ? refused : other).incrementAndGet();
                }
            });
            t.start();
            flood.add(t);
        }
        Phase flooded = known(duration, "flooded");
        flooding.set(false);
        for (Thread t : flood) {
            t.join();
        }
        System.out.println(flooded.line());
        System.out.printf("flood: %,d batches of %d new series: %,d accepted, %,d refused with 429, %,d other%n",
                accepted.get() + refused.get() + other.get(), floodBatch, accepted.get(), refused.get(), other.get());
        System.out.printf("slowdown: throughput %.2fx, p50 %.2fx, p99 %.2fx (issue 11: at most 2x)%n",
                alone.samplesPerSecond() / flooded.samplesPerSecond(), flooded.p50() / alone.p50(),
                flooded.p99() / alone.p99());
        System.out.printf("RESULT known_alone_sps=%.0f known_flooded_sps=%.0f p50_alone_ms=%.1f p50_flooded_ms=%.1f"
                + " p99_alone_ms=%.1f p99_flooded_ms=%.1f flood_accepted=%d flood_refused=%d flood_other=%d"
                + " slowdown=%.2f%n", alone.samplesPerSecond(), flooded.samplesPerSecond(), alone.p50(),
                flooded.p50(), alone.p99(), flooded.p99(), accepted.get(), refused.get(), other.get(),
                alone.samplesPerSecond() / flooded.samplesPerSecond());
    }

    /** The known load for {@code seconds}: batches over the known series, round robin, stamped now. */
    static Phase known(int seconds, String name) {
        List<Double> latencies = new ArrayList<>();
        long non2xx = 0;
        long samples = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        int cursor = 0;
        while (System.nanoTime() < end) {
            StringBuilder body = new StringBuilder("[");
            long now = System.currentTimeMillis();
            for (int i = 0; i < batch; i++, cursor = (cursor + 1) % series) {
                body.append(i == 0 ? "" : ",").append("{\"metric\":\"genesis_error_ratio\",\"labels\":{\"instance\":\"")
                        .append(cursor).append("\"},\"value\":0.0001,\"timestamp\":").append(now).append('}');
            }
            long t0 = System.nanoTime();
            int status = post(body.append(']').toString());
            latencies.add((System.nanoTime() - t0) / 1e6);
            non2xx += status == 200 ? 0 : 1;
            samples += status == 200 ? batch : 0;
        }
        double secondsTaken = (System.nanoTime() - started) / 1e9;
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Phase(name, samples / secondsTaken, percentile(sorted, 0.5), percentile(sorted, 0.99),
                sorted.length, non2xx);
    }

    static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    static int post(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v1/samples"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
