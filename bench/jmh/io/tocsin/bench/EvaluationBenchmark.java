package io.tocsin.bench;

import io.tocsin.engine.Evaluator;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.ActionPolicy;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.DeliveryUpdates;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.watch.Archive;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.kie.api.runtime.KieRuntimeBuilder;
import org.kie.api.runtime.KieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's evaluation pass alone: one {@link Evaluator} with the compiled rule packs (both), on event time,
 * applying batches of {@code batch} samples over {@code series} series, with the workload of bench/Load.java
 * (quiet: 1 % breaching steadily; storm: 25 % alternating every 4 minutes of sample time, 15 s per round).
 * No HTTP, no JSON, no journal, no dispatch: actions are planned and recorded as in the server, then dropped, unless
 * {@code feedback=true}, which reports every action to deliver as sent, all of one batch in one more evaluation,
 * as the server's dispatcher reports do ({@code Engine.report} coalesces them).
 *
 * <p>Built and run by {@code bench/jmh.sh} (Maven profile {@code jmh}); the normal build never compiles it.
 * {@link #open} is the one place that builds an engine: adapt it there when the Evaluator's constructor changes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EvaluationBenchmark {

    @Param({"quiet", "storm"})
    public String profile;
    @Param({"10000"})
    public int series;
    @Param({"1000"})
    public int batch;
    /** Feed every deliverable action back as a result (one more evaluation each), as the server does. */
    @Param({"false"})
    public boolean feedback;
    /** JUL level of io.tocsin: INFO formats every transition and action line (to a discarding handler). */
    @Param({"INFO"})
    public String log;

    private static final long STEP = 15_000;
    private static final long CYCLE = 240_000;
    private static final long START = 1_760_000_000_000L;

    private Evaluator evaluator;
    private Workload workload;
    private SampleBatch next;
    private final Discard discard = new Discard();

    @Setup(Level.Trial)
    public void open() throws Exception {
        System.setProperty("org.jboss.logging.provider", "jdk"); // JUL, configured here; before any logger exists
        Logger tocsin = Logger.getLogger("io.tocsin");
        tocsin.setUseParentHandlers(false);
        tocsin.setLevel(java.util.logging.Level.parse(log));
        tocsin.addHandler(discard);
        // Drools logs through SLF4J to JBoss LogManager, unconfigured outside Quarkus: every level on, so Drools
        // formatted its TRACE messages (a tenth of the storm's time) only for them to be dropped. INFO, as served.
        org.jboss.logmanager.LogContext.getSystemLogContext().getLogger("org.drools")
                .setLevel(java.util.logging.Level.INFO);
        KieRuntimeBuilder runtime = (KieRuntimeBuilder) Class.forName("org.drools.project.model.ProjectRuntime")
                .getField("INSTANCE").get(null);
        KieSession session = runtime.newKieSession("tocsin");
        RuleCatalog catalog = RuleCatalog.of(session.getKieBase());
        evaluator = new Evaluator(session, catalog, Evaluator.Settings.defaults(),
                new Evaluator.Setup(policy(), new ActionHistory(), Archive.none()));
        workload = new Workload(profile, series);
        // two storm cycles, so alerts are pending, firing and resolving in steady state before measuring
        for (int i = 0; i < 2 * (CYCLE / STEP) * Math.max(1, series / batch); i++) {
            apply(workload.next(batch));
        }
    }

    @Setup(Level.Invocation)
    public void nextBatch() {
        next = workload.next(batch);
    }

    @Benchmark
    public int evaluateBatch() {
        return apply(next);
    }

    private int apply(SampleBatch samples) {
        int accepted = evaluator.apply(samples).accepted();
        List<Action> toDeliver = evaluator.drainActions();
        if (feedback && !toDeliver.isEmpty()) {
            List<DeliveryState> sent = new ArrayList<>(toDeliver.size());
            for (Action a : toDeliver) {
                sent.add(DeliveryState.decided(a.id(), DeliveryState.Status.PENDING).attempting().sent("http", null));
            }
            evaluator.apply(new DeliveryUpdates(sent));
            evaluator.drainActions();
        }
        return accepted;
    }

    @TearDown(Level.Trial)
    public void close() {
        // shows that the workload did what it says (alerts churning in storm), next to the score
        System.out.println("engine after the trial: " + evaluator.counts() + ", " + discard.lines
                + " INFO lines formatted");
        evaluator.close();
    }

    /** Escalation targets and dry-run commands from the application's embedded configuration. */
    static ActionPolicy policy() throws Exception {
        Properties p = new Properties();
        try (InputStream in = EvaluationBenchmark.class.getClassLoader().getResourceAsStream("application.properties")) {
            p.load(in);
        }
        Map<String, List<String>> escalation = new HashMap<>();
        Set<String> dry = new HashSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("tocsin.escalation.") && key.endsWith(".receivers")) {
                escalation.put(key.substring(18, key.length() - 10), List.of(p.getProperty(key).split(",")));
            } else if (key.startsWith("tocsin.commands.") && key.endsWith(".dry-run")
                    && Boolean.parseBoolean(p.getProperty(key))) {
                dry.add(key.substring(16, key.length() - 8));
            }
        }
        return new ActionPolicy(false, dry, escalation, p.getProperty("tocsin.rollback.command", "rollback"),
                p.getProperty("tocsin.promote.command", "promote"));
    }

    /** Formats each record, as a console handler would, and throws the text away. */
    static final class Discard extends Handler {
        private final SimpleFormatter format = new SimpleFormatter();
        long chars;
        long lines;

        @Override
        public void publish(LogRecord record) {
            chars += format.format(record).length();
            lines++;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** The series model of bench/Load.java (keep in step): kind i % 10, healthy range, breaching value. */
    static final class Workload {
        private static final Object[][] KINDS = {
                {"genesis_error_ratio", "service", "svc-", null, 0.0002, 0.0008, 0.02},
                {"genesis_operation_p95_seconds", "service", "svc-", null, 0.08, 0.16, 0.6},
                {"genesis_test_pass_rate", "suite", "suite-", null, 0.995, 1.0, 0.9},
                {"genesis_flaky_tests", "suite", "suite-", null, 0.0, 2.0, 7.0},
                {"node_cpu_utilization_ratio", "instance", "host-", null, 0.3, 0.6, 0.95},
                {"node_memory_utilization_ratio", "instance", "host-", null, 0.4, 0.7, 0.9},
                {"up", "instance", "host-", "genesis-orchestration", 1.0, 1.0, 0.0},
                {"orchestrator_error_ratio", "instance", "orch-", null, 0.0, 0.004, 0.6},
                {"orchestrator_p95_seconds", "instance", "orch-", null, 0.2, 0.8, 12.0},
                {"up", "instance", "orch-", "genesis-orchestrator", 1.0, 1.0, 0.0},
        };
        private final boolean storm;
        private final SeriesKey[] keys;
        private final boolean[] alternating;
        private final boolean[] steady;
        private final long[] phase;
        private int cursor;
        private long round;

        Workload(String profile, int series) {
            this.storm = profile.equals("storm");
            keys = new SeriesKey[series];
            alternating = new boolean[series];
            steady = new boolean[series];
            phase = new long[series];
            for (int i = 0; i < series; i++) {
                Object[] kind = KINDS[i % KINDS.length];
                Map<String, String> labels = new HashMap<>();
                labels.put((String) kind[1], kind[2] + Integer.toString(i / KINDS.length));
                if (kind[3] != null) {
                    labels.put("job", (String) kind[3]);
                }
                keys[i] = new SeriesKey((String) kind[0], labels);
                long h = mix(i * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
                alternating[i] = Math.floorMod(h, 100) < 25;
                steady[i] = Math.floorMod(h >>> 32, 100) == 0;
                phase[i] = Math.floorMod(mix(h), CYCLE);
            }
        }

        SampleBatch next(int size) {
            List<Sample> samples = new ArrayList<>(size);
            for (int n = 0; n < size; n++) {
                int i = cursor;
                long ts = START + round * STEP;
                Object[] kind = KINDS[i % KINDS.length];
                boolean breach = storm ? alternating[i] && Math.floorMod(ts + phase[i], CYCLE) < CYCLE * 6 / 10
                        : steady[i];
                double low = (Double) kind[4];
                double high = (Double) kind[5];
                double noise = (mix(i * 31L + ts) >>> 11) * 0x1.0p-53;
                double value = breach ? (Double) kind[6] : Math.round((low + (high - low) * noise) * 1e6) / 1e6;
                samples.add(new Sample(keys[i], value, ts));
                if (++cursor == keys.length) {
                    cursor = 0;
                    round++;
                }
            }
            return new SampleBatch(samples);
        }

        static long mix(long h) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            return h ^ (h >>> 33);
        }
    }
}
