package io.tocsin.prometheus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A loopback scrape target that exposes Genesis-like raw metrics, the names the header of
 * {@code deploy/prometheus/recording-rules.yml} assumes: operation counters (10 per second, no errors), a latency
 * histogram (every operation under 100 ms), the latest test-suite run (passed / total, settable), component
 * summaries (50 ms each) and the flaky-test gauge. Healthy except for what a test sets; {@link #fail} makes
 * scrapes fail, as when the service goes away.
 */
final class GenesisTarget implements AutoCloseable {

    private static final String SERVICE = "{service=\"genesis\"";

    private final HttpServer server;
    private final long startedNanos = System.nanoTime();
    private volatile int testsPassed = 100;
    private volatile int testsTotal = 100;
    private volatile boolean failing;

    private GenesisTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = failing ? "service unavailable\n".getBytes(StandardCharsets.UTF_8)
                    : exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(failing ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static GenesisTarget start() throws IOException {
        return new GenesisTarget();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The latest test-suite run: {@code passed} of {@code total} tests passed. */
    void testRun(int passed, int total) {
        testsPassed = passed;
        testsTotal = total;
    }

    /** Scrapes fail (503) from now on, or succeed again. */
    void fail(boolean failing) {
        this.failing = failing;
    }

    private String exposition() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long operations = (long) (seconds * 10);
        StringBuilder out = new StringBuilder();
        out.append("# TYPE genesis_operations_total counter\n");
        line(out, "genesis_operations_total", ",status=\"ok\"", operations);
        line(out, "genesis_operations_total", ",status=\"error\"", 0);
        out.append("# TYPE genesis_operation_duration_seconds histogram\n");
        for (String le : new String[] {"0.05", "0.1", "0.25", "0.5", "1", "+Inf"}) {
            line(out, "genesis_operation_duration_seconds_bucket", ",le=\"" + le + "\"",
                    le.equals("0.05") ? 0 : operations);
        }
        line(out, "genesis_operation_duration_seconds_sum", "", operations * 0.08);
        line(out, "genesis_operation_duration_seconds_count", "", operations);
        out.append("# TYPE genesis_tests_passed gauge\n");
        line(out, "genesis_tests_passed", "", testsPassed);
        out.append("# TYPE genesis_tests_total gauge\n");
        line(out, "genesis_tests_total", "", testsTotal);
        for (String component : new String[] {"htdag_decomposition", "halo_routing", "aop_validation"}) {
            String name = "genesis_" + component + "_duration_seconds";
            out.append("# TYPE ").append(name).append(" summary\n");
            line(out, name + "_sum", "", operations * 0.05);
            line(out, name + "_count", "", operations);
        }
        out.append("# TYPE genesis_flaky_tests gauge\n");
        line(out, "genesis_flaky_tests", "", 1);
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String moreLabels, double value) {
        out.append(name).append(SERVICE).append(moreLabels).append("} ")
                .append(String.format(Locale.ROOT, "%s", value)).append('\n');
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
