import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes examples/genesis-48h/samples.ndjson.gz: 48 hours of Genesis metrics after the deployment in
 * deployment.json, one line (one POST /api/v1/samples body) per minute. Deterministic (fixed seed), so the file
 * in the repository is exactly what this prints:
 *
 *   java examples/GenerateGenesis48h.java
 *
 * The story: healthy values with noise; at T+3h55m the test pass rate dips to 96% for 20 minutes (a P1 alert,
 * and the 25% traffic step due at T+4h waits until it is over); at T+30h the P95 latency rises to 260 ms for 20
 * minutes (a P1 alert and a shaded violation on the chart); memory follows a daily cycle, which is no growth
 * trend. Every criterion stays within what it allows over 48 hours, so the watch succeeds at T+48h.
 */
public class GenerateGenesis48h {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "examples/genesis-48h/samples.ndjson.gz");
        long start = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli();
        Random random = new Random(42);
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(out)),
                StandardCharsets.UTF_8)) {
            for (int minute = 0; minute <= 48 * 60; minute++) {
                long t = start + minute * 60_000L;
                String ts = Instant.ofEpochMilli(t).toString();
                double hours = minute / 60.0;
                StringBuilder line = new StringBuilder("[");
                double pass = minute >= 235 && minute < 255 ? 0.96 : Math.min(1, 0.995 + noise(random, 0.003));
                sample(line, "genesis_test_pass_rate", "service", "genesis", pass, ts);
                sample(line, "genesis_error_ratio", "service", "genesis",
                        Math.max(0, 0.0003 + noise(random, 0.0001)), ts);
                double p95 = minute >= 1800 && minute < 1820 ? 0.26 : 0.14 + noise(random, 0.01);
                sample(line, "genesis_operation_p95_seconds", "service", "genesis", p95, ts);
                sample(line, "up", "job", "genesis-orchestration", 1, ts);
                sample(line, "genesis_throughput_ops_per_second", "service", "genesis", 12 + noise(random, 1), ts);
                sample(line, "genesis_htdag_decomposition_avg_seconds", "service", "genesis",
                        0.08 * (1 + noise(random, 0.03)), ts);
                sample(line, "genesis_halo_routing_avg_seconds", "service", "genesis", 0.05 * (1 + noise(random, 0.03)),
                        ts);
                sample(line, "genesis_aop_validation_avg_seconds", "service", "genesis",
                        0.03 * (1 + noise(random, 0.03)), ts);
                sample(line, "node_cpu_utilization_ratio", "instance", "genesis-1", 0.35 + noise(random, 0.03), ts);
                sample(line, "node_memory_utilization_ratio", "instance", "genesis-1",
                        0.5 + 0.015 * Math.sin(2 * Math.PI * hours / 24) + noise(random, 0.004), ts);
                w.write(line.append("]\n").toString());
            }
        }
        System.out.println("wrote " + out);
    }

    private static double noise(Random random, double amplitude) {
        return (random.nextDouble() * 2 - 1) * amplitude;
    }

    private static void sample(StringBuilder line, String metric, String label, String value, double v, String ts) {
        if (line.length() > 1) {
            line.append(',');
        }
        line.append(String.format(Locale.ROOT, "{\"metric\":\"%s\",\"labels\":{\"%s\":\"%s\"},\"value\":%.6g,"
                + "\"timestamp\":\"%s\"}", metric, label, value, v, ts));
    }
}
