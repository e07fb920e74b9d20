import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Breach-to-notification latency on the wall clock: how long from posting a sample that crosses a {@code for: 0}
 * threshold until the notification's webhook request arrives at a receiver on loopback.
 *
 * <p>The probe uses the shipped Orchestrator rule "Error budget burning faster than it is earned over 3 days and 6
 * hours" (alert ErrorBudgetBurnSlow, no {@code for}), which {@code rules/orchestrator/routing.drl} sends to the
 * webhook {@code ticketing}. Start Tocsin on the wall clock with that webhook pointed at this receiver:
 *
 * <pre>
 *   java -Dtocsin.webhooks.ticketing.url=http://127.0.0.1:18091/hook -Dquarkus.http.port=18090 \
 *        -Dtocsin.data-dir=$(mktemp -d) -jar target/quarkus-app/quarkus-run.jar
 *   java bench/BreachLatency.java [--url http://127.0.0.1:18090] [--port 18091] [--count 200] [--warmup 20]
 * </pre>
 *
 * Each round posts {@code orchestrator:error_ratio:rate3d} and {@code :rate6h} (same labels) at 0.002, both above
 * 0.001: the alert fires in that batch's evaluation and its Alertmanager-format webhook goes out. The clock starts
 * just before the POST is sent and stops when the receiver has read the webhook request. Then {@code rate6h}
 * drops to 0, the alert resolves, and the round waits for the resolve webhook before the next breach, so one
 * breach is measured at a time. Prints p50/p90/p99/max and a {@code RESULT key=value ...} line.
 */
public final class BreachLatency {

    record Arrival(String status, long nanos) {
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:18090";
        int port = 18091;
        int count = 200;
        int warmup = 20;
        String token = System.getenv("TOCSIN_API_TOKEN");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1].replaceAll("/+$", "");
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--token" -> token = args[i + 1];
                default -> {
                    System.err.println("usage: java bench/BreachLatency.java [--url U] [--port P] [--count N] "
                            + "[--warmup N] [--token T]");
                    System.exit(2);
                }
            }
        }
        BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        receiver.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            long at = System.nanoTime();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            if (body.contains("ErrorBudgetBurnSlow")) {
                arrivals.add(new Arrival(body.contains("\"status\":\"resolved\"") ? "resolved" : "firing", at));
            }
        });
        receiver.start();

        Poster client = new Poster(URI.create(url + "/api/v1/samples"), token);
        long[] breach = new long[count];
        long[] resolve = new long[count];
        long[] answered = new long[count];
        long lastTs = 0;
        int missed = 0;
        int n = 0;
        for (int round = -warmup; round < count; round++) {
            lastTs = Math.max(System.currentTimeMillis(), lastTs + 1);
            long t0 = System.nanoTime();
            client.post(batch(0.002, lastTs));
            long t1 = System.nanoTime();
            Arrival fired = next(arrivals, "firing");
            lastTs = Math.max(System.currentTimeMillis(), lastTs + 1);
            long r0 = System.nanoTime();
            client.post(batch(0.0, lastTs));
            Arrival resolved = next(arrivals, "resolved");
            if (fired == null || resolved == null) {
                missed++;
                System.err.println("breach-latency: no " + (fired == null ? "firing" : "resolve")
                        + " webhook within 5 s (round " + round + ")");
                arrivals.clear();
                continue;
            }
            if (round >= 0) {
                breach[n] = fired.nanos() - t0;
                answered[n] = t1 - t0;
                resolve[n++] = resolved.nanos() - r0;
            }
        }
        receiver.stop(0);
        client.close();
        breach = Arrays.copyOf(breach, n);
        resolve = Arrays.copyOf(resolve, n);
        answered = Arrays.copyOf(answered, n);
        Arrays.sort(breach);
        Arrays.sort(resolve);
        Arrays.sort(answered);
        System.out.printf(Locale.ROOT, "breach -> webhook ms:  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (%d breaches)%n",
                pct(breach, 50), pct(breach, 90), pct(breach, 99), pct(breach, 100), n);
        System.out.printf(Locale.ROOT, "ingest answered ms:    p50 %.2f  p99 %.2f%n", pct(answered, 50),
                pct(answered, 99));
        System.out.printf(Locale.ROOT, "recovery -> resolve ms: p50 %.2f  p99 %.2f%n", pct(resolve, 50),
                pct(resolve, 99));
        System.out.printf(Locale.ROOT, "RESULT breaches=%d missed=%d breach_p50_ms=%.2f breach_p90_ms=%.2f "
                + "breach_p99_ms=%.2f breach_max_ms=%.2f answered_p50_ms=%.2f resolve_p50_ms=%.2f resolve_p99_ms=%.2f%n",
                n, missed, pct(breach, 50), pct(breach, 90), pct(breach, 99), pct(breach, 100),
                pct(answered, 50), pct(resolve, 50), pct(resolve, 99));
        System.exit(missed > 0 ? 1 : 0);
    }

    /** Both windows of the burn-rate pair, same labels: above 0.001 breaches, 0 recovers (rate3d stays high). */
    static String batch(double rate6h, long ts) {
        return "[{\"metric\":\"orchestrator:error_ratio:rate3d\",\"labels\":{\"probe\":\"latency\"},\"value\":0.002,"
                + "\"timestamp\":" + ts + "},{\"metric\":\"orchestrator:error_ratio:rate6h\",\"labels\":{\"probe\":"
                + "\"latency\"},\"value\":" + rate6h + ",\"timestamp\":" + ts + "}]";
    }

    /**
     * One keep-alive HTTP/1.1 connection, one request at a time, written and read on the calling thread: the
     * clock then measures Tocsin, not a client's hand-offs between its own threads (the JDK client's selector
     * thread added up to a millisecond, unevenly).
     */
    static final class Poster implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String head;

        Poster(URI uri, String token) throws IOException {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            out = new BufferedOutputStream(socket.getOutputStream());
            in = new BufferedInputStream(socket.getInputStream());
            head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + (token == null || token.isEmpty() ? "" : "\r\nAuthorization: Bearer " + token)
                    + "\r\nContent-Type: application/json\r\nContent-Length: ";
        }

        void post(String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            out.write((head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = line();
            int length = 0;
            for (String h = line(); !h.isEmpty(); h = line()) {
                if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(h.substring(15).trim());
                } else if (h.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                    throw new IOException("unexpected chunked answer: " + status);
                }
            }
            String answer = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            if (!status.matches("HTTP/1\\.1 2\\d\\d.*")) {
                throw new IllegalStateException("POST answered " + status + ": " + answer);
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The next webhook of the expected kind within 5 s, skipping others; null if none came. */
    static Arrival next(BlockingQueue<Arrival> arrivals, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (long left; (left = deadline - System.nanoTime()) > 0;) {
            Arrival a = arrivals.poll(left, TimeUnit.NANOSECONDS);
            if (a != null && a.status().equals(status)) {
                return a;
            }
        }
        return null;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
