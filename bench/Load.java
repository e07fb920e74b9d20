import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop load generator for Tocsin's ingest: JSON ({@code POST /api/v1/samples}) or Prometheus remote write
 * 1.0 ({@code POST /api/v1/write}: protobuf, snappy block format), over a fixed set of series that the Genesis and
 * Orchestrator rule packs watch, with a <em>quiet</em> or a <em>storm</em> profile.
 *
 * <pre>
 *   java bench/Load.java --url http://127.0.0.1:8080 [--format json|prw] [--profile quiet|storm]
 *        [--series 10000] [--batch 1000] [--concurrency 2] [--duration 20] [--warmup 5]
 *        [--clock event|wall] [--timestamps rfc3339|millis] [--step 15000] [--cycle 240000]
 *        [--storm-percent 25] [--token T]
 * </pre>
 *
 * Series {@code i} is of kind {@code i % 10} (a metric a rule watches, see {@link #KINDS}) with instance
 * {@code i / 10}. Healthy values stay below every threshold of both packs; breaching values cross every threshold
 * of their metric, including the {@code for: 0} ones (IntermittentTestFailures, OrchestratorSevereErrorRate,
 * OrchestratorSevereLatency) so alerts fire, notify and resolve.
 * <ul>
 * <li><b>quiet</b>: 1 % of series, picked by a hash, breach steadily; the rest are healthy.</li>
 * <li><b>storm</b>: {@code --storm-percent} (25) % of series, picked by a hash, alternate: breaching for 60 % of
 * every {@code --cycle} (4 minutes of sample time) and healthy for the rest, each series at its own phase, so
 * transitions are spread evenly and alerts go pending, fire (for: 0 up to 2m), resolve or are dropped (5m, 10m)
 * all the time, with their notifications, escalations and remediations.</li>
 * </ul>
 * Series are split into contiguous ranges, one per connection (like Prometheus' remote-write shards); each
 * connection walks its range round after round. On {@code --clock event} round {@code r} is stamped
 * {@code start + r * step} (start one hour ago), so sample time runs far ahead of wall time and a replay of hours
 * takes seconds (run Tocsin with {@code TOCSIN_CLOCK=event}); on {@code --clock wall} every batch is stamped with
 * the current time (strictly increasing per connection) for a Tocsin on the wall clock. Either way a series'
 * timestamps strictly increase, so nothing is out of order. JSON timestamps are RFC 3339 strings (as
 * shared/bench/rwload sends them) or, with {@code --timestamps millis}, epoch milliseconds.
 *
 * <p>Prints a human summary and one {@code RESULT key=value ...} line (field names as in shared/bench/rwload).
 * Exit code 1 if any request failed.
 */
public final class Load {

    /**
     * Metric, the label that names the instance (prefix for its value), fixed labels, the healthy range (inside
     * every threshold of both packs) and the breaching value (beyond every threshold of the metric).
     */
    record Kind(String metric, String instanceLabel, String prefix, String[] fixed, double low, double high,
            double breach) {
    }

    static final Kind[] KINDS = {
            // HighErrorRate (2m, P1), rollback criterion (1 % for 5m)
            new Kind("genesis_error_ratio", "service", "svc-", new String[0], 0.0002, 0.0008, 0.02),
            // HighLatencyP95 (5m, P1), rollback criterion (0.5 s for 5m)
            new Kind("genesis_operation_p95_seconds", "service", "svc-", new String[0], 0.08, 0.16, 0.6),
            // TestPassRateLow (5m, P1), TestPassRateDegrading (10m, P2), rollback criterion
            new Kind("genesis_test_pass_rate", "suite", "suite-", new String[0], 0.995, 1, 0.9),
            // IntermittentTestFailures (for 0, P4): email + Slack on firing and on resolve
            new Kind("genesis_flaky_tests", "suite", "suite-", new String[0], 0, 2, 7),
            // HighCPUUsage (10m, P2)
            new Kind("node_cpu_utilization_ratio", "instance", "host-", new String[0], 0.3, 0.6, 0.95),
            // HighMemoryUsage (10m, P2)
            new Kind("node_memory_utilization_ratio", "instance", "host-", new String[0], 0.4, 0.7, 0.9),
            // GenesisServiceDown (1m, P0): restarts at 30, 60, 90 s; rollback criterion (2m); CTO escalation
            new Kind("up", "instance", "host-", new String[] {"job", "genesis-orchestration"}, 1, 1, 0),
            // OrchestratorSevereErrorRate (for 0), CriticalFailureRate (2m, circuit breaker), HighFailureRate (5m)
            new Kind("orchestrator_error_ratio", "instance", "orch-", new String[0], 0, 0.004, 0.6),
            // OrchestratorSevereLatency (for 0), CriticalOrchestrationLatency (5m), HighOrchestrationLatency (5m)
            new Kind("orchestrator_p95_seconds", "instance", "orch-", new String[0], 0.2, 0.8, 12),
            // GenesisOrchestratorDown (30s, P0): restart, escalations
            new Kind("up", "instance", "orch-", new String[] {"job", "genesis-orchestrator"}, 1, 1, 0),
    };

    static final class Opts {
        String url = "http://127.0.0.1:8080";
        String format = "json";
        String profile = "quiet";
        String clock = "event";
        String timestamps = "rfc3339";
        int series = 10_000;
        int batch = 1_000;
        int concurrency = 2;
        double duration = 20;
        double warmup = 5;
        long step = 15_000;
        long cycle = 240_000;
        int stormPercent = 25;
        long start = Long.MIN_VALUE;
        String token = System.getenv("TOCSIN_API_TOKEN");
        int timeoutSeconds = 30;
    }

    /** One series: its pre-encoded label set (JSON and protobuf) and its place in the profile. */
    static final class Series {
        final int index;
        final Kind kind;
        final byte[] json;   // {"metric":..,"labels":{..},"value":
        final byte[] proto;  // the repeated Label fields of a TimeSeries, __name__ included, sorted by name
        final boolean storm;
        final boolean quietBreach;
        final long phase;

        Series(int index, Opts o) {
            this.index = index;
            this.kind = KINDS[index % KINDS.length];
            String instance = kind.prefix() + index / KINDS.length;
            List<String[]> labels = new ArrayList<>();
            labels.add(new String[] {kind.instanceLabel(), instance});
            for (int f = 0; f < kind.fixed().length; f += 2) {
                labels.add(new String[] {kind.fixed()[f], kind.fixed()[f + 1]});
            }
            labels.sort((a, b) -> a[0].compareTo(b[0]));
            StringBuilder j = new StringBuilder("{\"metric\":\"").append(kind.metric()).append("\",\"labels\":{");
            for (int l = 0; l < labels.size(); l++) {
                j.append(l > 0 ? "," : "").append('"').append(labels.get(l)[0]).append("\":\"")
                        .append(labels.get(l)[1]).append('"');
            }
            this.json = j.append("},\"value\":").toString().getBytes(StandardCharsets.UTF_8);
            List<String[]> withName = new ArrayList<>(labels);
            withName.add(new String[] {"__name__", kind.metric()});
            withName.sort((a, b) -> a[0].compareTo(b[0]));
            this.proto = Proto.labels(withName);
            long h = mix(index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
            this.storm = Math.floorMod(h, 100) < o.stormPercent;
            this.quietBreach = Math.floorMod(h >>> 32, 100) == 0;
            this.phase = Math.floorMod(mix(h), o.cycle);
        }

        boolean breaching(Opts o, long timestamp) {
            if (o.profile.equals("quiet")) {
                return quietBreach;
            }
            return storm && Math.floorMod(timestamp + phase, o.cycle) < o.cycle * 6 / 10;
        }

        /** The value at a time: breaching or healthy, with a little noise that crosses no threshold. */
        double value(Opts o, long timestamp) {
            if (breaching(o, timestamp)) {
                return kind.breach();
            }
            double noise = (mix(index * 31L + timestamp) >>> 11) * 0x1.0p-53; // [0,1)
            return Math.round((kind.low() + (kind.high() - kind.low()) * noise) * 1e6) / 1e6;
        }
    }

    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** Sends one range of series round after round and keeps its own statistics. */
    static final class Sender implements Runnable {
        final Opts o;
        final Series[] mine;
        final long measureFrom;
        final long until;
        final ConcurrentLinkedQueue<String> errors;
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        final URI uri;
        final Bytes body = new Bytes();
        final Proto proto = new Proto();
        long round;
        int cursor;
        long lastWall = Long.MIN_VALUE;
        long requests, samples, okSamples, non2xx, failures, bytes, minTs = Long.MAX_VALUE, maxTs = Long.MIN_VALUE;
        long lastEnd;
        long[] latencies = new long[1 << 14];
        int n;

        Sender(Opts o, Series[] mine, long measureFrom, long until, ConcurrentLinkedQueue<String> errors) {
            this.o = o;
            this.mine = mine;
            this.measureFrom = measureFrom;
            this.until = until;
            this.errors = errors;
            this.uri = URI.create(o.url + (o.format.equals("prw") ? "/api/v1/write" : "/api/v1/samples"));
        }

        byte[] nextBatch() {
            boolean prw = o.format.equals("prw");
            long wall = 0;
            if (o.clock.equals("wall")) {
                wall = Math.max(System.currentTimeMillis(), lastWall + 1);
                lastWall = wall;
            }
            body.reset();
            proto.reset();
            if (!prw) {
                body.put((byte) '[');
            }
            byte[] tsJson = null;
            long tsOfJson = Long.MIN_VALUE;
            for (int i = 0; i < o.batch; i++) {
                Series s = mine[cursor];
                long ts = o.clock.equals("wall") ? wall : o.start + round * o.step;
                double v = s.value(o, ts);
                minTs = Math.min(minTs, ts);
                maxTs = Math.max(maxTs, ts);
                if (prw) {
                    proto.timeSeries(s.proto, v, ts);
                } else {
                    if (i > 0) {
                        body.put((byte) ',');
                    }
                    if (ts != tsOfJson) {
                        tsOfJson = ts;
                        tsJson = (o.timestamps.equals("millis") ? ts + "}" : "\"" + Instant.ofEpochMilli(ts) + "\"}")
                                .getBytes(StandardCharsets.US_ASCII);
                    }
                    body.put(s.json);
                    body.ascii(Double.toString(v));
                    body.ascii(",\"timestamp\":");
                    body.put(tsJson);
                }
                if (++cursor == mine.length) {
                    cursor = 0;
                    round++;
                }
            }
            if (prw) {
                return Snappy.compress(proto.buf, proto.len);
            }
            body.put((byte) ']');
            return Arrays.copyOf(body.buf, body.len);
        }

        @Override
        public void run() {
            boolean prw = o.format.equals("prw");
            while (System.nanoTime() < until) {
                byte[] payload = nextBatch();
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(o.timeoutSeconds))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).header("User-Agent", "tocsin-bench/1");
                if (prw) {
                    request.header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                            .header("X-Prometheus-Remote-Write-Version", "0.1.0");
                } else {
                    request.header("Content-Type", "application/json");
                }
                if (o.token != null && !o.token.isEmpty()) {
                    request.header("Authorization", "Bearer " + o.token);
                }
                long t0 = System.nanoTime();
                int status = -1;
                try {
                    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    if (status / 100 != 2 && errors.size() < 5) {
                        errors.add("HTTP " + status + ": " + shorten(response.body()));
                    }
                } catch (Exception e) {
                    if (errors.size() < 5) {
                        errors.add(e.toString());
                    }
                }
                long t1 = System.nanoTime();
                if (t0 >= measureFrom) {
                    requests++;
                    samples += o.batch;
                    bytes += payload.length;
                    if (status < 0) {
                        failures++;
                    } else if (status / 100 != 2) {
                        non2xx++;
                    } else {
                        okSamples += o.batch;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = t1 - t0;
                    lastEnd = t1;
                }
                if (status < 0) {
                    sleep(100); // the server is gone or refusing: do not spin
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Opts o = parse(args);
        Series[] all = new Series[o.series];
        int storm = 0;
        int quiet = 0;
        for (int i = 0; i < o.series; i++) {
            all[i] = new Series(i, o);
            storm += all[i].storm ? 1 : 0;
            quiet += all[i].quietBreach ? 1 : 0;
        }
        long started = System.nanoTime();
        long measureFrom = started + (long) (o.warmup * 1e9);
        long until = measureFrom + (long) (o.duration * 1e9);
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        Sender[] senders = new Sender[o.concurrency];
        Thread[] threads = new Thread[o.concurrency];
        for (int c = 0; c < o.concurrency; c++) {
            int from = (int) ((long) o.series * c / o.concurrency);
            int to = (int) ((long) o.series * (c + 1) / o.concurrency);
            senders[c] = new Sender(o, Arrays.copyOfRange(all, from, to), measureFrom, until, errors);
            threads[c] = new Thread(senders[c], "sender-" + c);
        }
        System.err.printf(Locale.ROOT, "load: %s %s profile=%s series=%d (%d breaching or alternating) batch=%d connections=%d "
                + "warmup=%.0fs duration=%.0fs clock=%s%n", o.format, senders[0].uri, o.profile, o.series,
                o.profile.equals("storm") ? storm : quiet, o.batch, o.concurrency, o.warmup, o.duration,
                o.clock);
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long requests = 0, samples = 0, ok = 0, non2xx = 0, failures = 0, bytes = 0, lastEnd = measureFrom;
        long minTs = Long.MAX_VALUE, maxTs = Long.MIN_VALUE;
        int total = 0;
        for (Sender s : senders) {
            total += s.n;
        }
        long[] latencies = new long[total];
        int k = 0;
        for (Sender s : senders) {
            requests += s.requests;
            samples += s.samples;
            ok += s.okSamples;
            non2xx += s.non2xx;
            failures += s.failures;
            bytes += s.bytes;
            lastEnd = Math.max(lastEnd, s.lastEnd);
            minTs = Math.min(minTs, s.minTs);
            maxTs = Math.max(maxTs, s.maxTs);
            System.arraycopy(s.latencies, 0, latencies, k, s.n);
            k += s.n;
        }
        Arrays.sort(latencies);
        double elapsed = (lastEnd - measureFrom) / 1e9;
        errors.forEach(e -> System.err.println("load: error: " + e));
        System.out.printf(Locale.ROOT, "requests %d, samples %d (%d accepted), non-2xx %d, transport failures %d%n",
                requests, samples, ok, non2xx, failures);
        System.out.printf(Locale.ROOT, "samples/s %.0f over %.1f s; batch latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                samples / elapsed, elapsed, pct(latencies, 50), pct(latencies, 99),
                total == 0 ? Double.NaN : latencies[total - 1] / 1e6);
        System.out.printf(Locale.ROOT, "sample time covered %s .. %s%n", minTs == Long.MAX_VALUE ? "-" : Instant.ofEpochMilli(minTs),
                maxTs == Long.MIN_VALUE ? "-" : Instant.ofEpochMilli(maxTs));
        System.out.printf(Locale.ROOT, "RESULT format=%s profile=%s series=%d batch=%d concurrency=%d requests=%d samples=%d "
                + "ok_samples=%d non2xx=%d failures=%d elapsed_s=%.3f samples_per_s=%.0f p50_ms=%.2f p99_ms=%.2f "
                + "max_ms=%.2f bytes=%d min_ts=%d max_ts=%d%n", o.format, o.profile, o.series, o.batch, o.concurrency,
                requests, samples, ok, non2xx, failures, elapsed, samples / elapsed, pct(latencies, 50),
                pct(latencies, 99), total == 0 ? Double.NaN : latencies[total - 1] / 1e6, bytes, minTs, maxTs);
        System.exit(non2xx + failures > 0 ? 1 : 0);
    }

    /** Nearest-rank percentile in milliseconds. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    static Opts parse(String[] args) {
        Opts o = new Opts();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.equals("-h") || key.equals("--help") || i + 1 >= args.length) {
                usage(key.startsWith("-h") || key.equals("--help") ? null : "missing value for " + key);
            }
            String v = args[++i];
            switch (key) {
                case "--url" -> o.url = v.replaceAll("/+$", "");
                case "--format" -> o.format = v;
                case "--profile" -> o.profile = v;
                case "--clock" -> o.clock = v;
                case "--timestamps" -> o.timestamps = v;
                case "--series" -> o.series = Integer.parseInt(v);
                case "--batch" -> o.batch = Integer.parseInt(v);
                case "--concurrency" -> o.concurrency = Integer.parseInt(v);
                case "--duration" -> o.duration = Double.parseDouble(v);
                case "--warmup" -> o.warmup = Double.parseDouble(v);
                case "--step" -> o.step = Long.parseLong(v);
                case "--cycle" -> o.cycle = Long.parseLong(v);
                case "--storm-percent" -> o.stormPercent = Integer.parseInt(v);
                case "--start-ts" -> o.start = Long.parseLong(v);
                case "--token" -> o.token = v;
                case "--timeout" -> o.timeoutSeconds = Integer.parseInt(v);
                default -> usage("unknown option " + key);
            }
        }
        if (!o.format.matches("json|prw") || !o.profile.matches("quiet|storm") || !o.clock.matches("event|wall")
                || !o.timestamps.matches("rfc3339|millis")) {
            usage("--format json|prw, --profile quiet|storm, --clock event|wall, --timestamps rfc3339|millis");
        }
        if (o.series < 1 || o.batch < 1 || o.concurrency < 1 || o.cycle < 1 || o.step < 1) {
            usage("--series, --batch, --concurrency, --cycle and --step must be positive");
        }
        o.concurrency = Math.min(o.concurrency, o.series);
        if (o.start == Long.MIN_VALUE) {
            o.start = System.currentTimeMillis() - 3_600_000L;
        }
        return o;
    }

    static void usage(String problem) {
        if (problem != null) {
            System.err.println("load: " + problem);
        }
        System.err.println("usage: java bench/Load.java [--url http://127.0.0.1:8080] [--format json|prw] "
                + "[--profile quiet|storm] [--series N] [--batch N] [--concurrency N] [--duration S] [--warmup S] "
                + "[--clock event|wall] [--timestamps rfc3339|millis] [--step MS] [--cycle MS] [--storm-percent P] [--start-ts MS] [--token T] "
                + "[--timeout S]");
        System.exit(2);
    }

    static String shorten(String s) {
        s = s == null ? "" : s.strip();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A growable byte buffer. */
    static class Bytes {
        byte[] buf = new byte[1 << 17];
        int len;

        void reset() {
            len = 0;
        }

        void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void put(byte b) {
            ensure(1);
            buf[len++] = b;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }
    }

    /**
     * The remote-write 1.0 messages, hand-encoded (no protoc): {@code WriteRequest { repeated TimeSeries
     * timeseries = 1; }}, {@code TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }},
     * {@code Label { string name = 1; string value = 2; }}, {@code Sample { double value = 1; int64 timestamp = 2; }}.
     */
    static final class Proto extends Bytes {

        static int varintSize(long v) {
            int size = 1;
            while ((v & ~0x7FL) != 0) {
                v >>>= 7;
                size++;
            }
            return size;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void fixed64(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buf[len++] = (byte) v;
                v >>>= 8;
            }
        }

        /** The TimeSeries.labels fields (1) for labels sorted by name. */
        static byte[] labels(List<String[]> sorted) {
            Proto p = new Proto();
            for (String[] label : sorted) {
                byte[] name = label[0].getBytes(StandardCharsets.UTF_8);
                byte[] value = label[1].getBytes(StandardCharsets.UTF_8);
                p.put((byte) 0x0A);
                p.varint(1 + varintSize(name.length) + name.length + 1 + varintSize(value.length) + value.length);
                p.put((byte) 0x0A);
                p.varint(name.length);
                p.put(name);
                p.put((byte) 0x12);
                p.varint(value.length);
                p.put(value);
            }
            return Arrays.copyOf(p.buf, p.len);
        }

        /** One WriteRequest.timeseries entry with one sample. */
        void timeSeries(byte[] labels, double value, long timestamp) {
            int sample = 1 + 8 + 1 + varintSize(timestamp);
            put((byte) 0x0A);
            varint(labels.length + 1 + varintSize(sample) + sample);
            put(labels);
            put((byte) 0x12);
            varint(sample);
            put((byte) 0x09);
            fixed64(Double.doubleToRawLongBits(value));
            put((byte) 0x10);
            varint(timestamp);
        }
    }

    /**
     * Snappy block format compressor (what remote write's {@code Content-Encoding: snappy} means), greedy LZ77
     * with a 16K-entry hash table over 4-byte sequences: literals and copies with 2-byte offsets (within 64 KiB).
     * Compresses remote-write batches about as well as the reference implementation, with no native library.
     */
    static final class Snappy {

        static byte[] compress(byte[] in, int length) {
            Bytes out = new Bytes();
            out.ensure(length + length / 6 + 32);
            int v = length;
            while ((v & ~0x7F) != 0) { // preamble: uncompressed length, varint
                out.put((byte) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.put((byte) v);
            int[] table = new int[1 << 14];
            Arrays.fill(table, -1);
            int ip = 0;
            int anchor = 0;
            while (ip + 4 <= length) {
                int word = int32(in, ip);
                int slot = (word * 0x1E35A7BD) >>> 18;
                int candidate = table[slot];
                table[slot] = ip;
                if (candidate >= 0 && ip - candidate < 65536 && int32(in, candidate) == word) {
                    int matched = 4;
                    while (ip + matched < length && in[candidate + matched] == in[ip + matched]) {
                        matched++;
                    }
                    literal(out, in, anchor, ip - anchor);
                    for (int left = matched; left > 0; left -= 64) { // copy, 2-byte offset: 1..64 bytes each
                        int len = Math.min(left, 64);
                        int offset = ip - candidate;
                        out.put((byte) (((len - 1) << 2) | 2));
                        out.put((byte) offset);
                        out.put((byte) (offset >>> 8));
                    }
                    ip += matched;
                    anchor = ip;
                } else {
                    ip++;
                }
            }
            literal(out, in, anchor, length - anchor);
            return Arrays.copyOf(out.buf, out.len);
        }

        private static void literal(Bytes out, byte[] in, int from, int length) {
            if (length == 0) {
                return;
            }
            int n = length - 1;
            if (n < 60) {
                out.put((byte) (n << 2));
            } else if (n < 1 << 8) {
                out.put((byte) (60 << 2));
                out.put((byte) n);
            } else if (n < 1 << 16) {
                out.put((byte) (61 << 2));
                out.put((byte) n);
                out.put((byte) (n >>> 8));
            } else if (n < 1 << 24) {
                out.put((byte) (62 << 2));
                out.put((byte) n);
                out.put((byte) (n >>> 8));
                out.put((byte) (n >>> 16));
            } else {
                out.put((byte) (63 << 2));
                out.put((byte) n);
                out.put((byte) (n >>> 8));
                out.put((byte) (n >>> 16));
                out.put((byte) (n >>> 24));
            }
            out.ensure(length);
            System.arraycopy(in, from, out.buf, out.len, length);
            out.len += length;
        }

        private static int int32(byte[] b, int i) {
            return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
        }
    }
}
