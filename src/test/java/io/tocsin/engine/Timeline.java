package io.tocsin.engine;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.ingest.IngestResult;
import io.tocsin.ingest.Sample;
import io.tocsin.ingest.SampleBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.api.runtime.KieRuntimeBuilder;

/**
 * Drives a fresh evaluator with the real rules on event time, in steps of minutes and seconds from a fixed
 * origin, so rule tests read like a timeline: {@code t.at("2m").sample(...)}, {@code t.alert("HighErrorRate")}.
 */
public final class Timeline implements AutoCloseable {

    public static final Instant ORIGIN = Instant.parse("2025-10-18T15:00:00Z");

    private final Evaluator evaluator;
    private final List<Sample> pending = new ArrayList<>();

    public Timeline(KieRuntimeBuilder runtime) {
        this(runtime, new Evaluator.Settings(300_000, 900_000, 3_600_000));
    }

    public Timeline(KieRuntimeBuilder runtime, Evaluator.Settings settings) {
        var session = runtime.newKieSession("tocsin");
        this.evaluator = new Evaluator(session, RuleCatalog.of(session.getKieBase()), settings, null);
    }

    /** Epoch ms of an offset from the origin such as {@code "2m"}, {@code "1m30s"} or {@code "0"}. */
    public static long time(String offset) {
        return ORIGIN.toEpochMilli() + Durations.millis(offset);
    }

    /** Posts one batch at {@code offset}: every sample in it is stamped with that time. */
    public IngestResult batch(String offset, Sample... samples) {
        return evaluator.apply(new SampleBatch(List.of(samples)));
    }

    public static Sample sample(String offset, String metric, Map<String, String> labels, double value) {
        return new Sample(new SeriesKey(metric, labels), value, time(offset));
    }

    /** Posts one sample of one series at {@code offset}. */
    public IngestResult post(String offset, String metric, Map<String, String> labels, double value) {
        return batch(offset, sample(offset, metric, labels, value));
    }

    /** Posts a series every {@code step} from {@code from} to {@code to} inclusive, one batch per step. */
    public void every(String step, String from, String to, String metric, Map<String, String> labels, double value) {
        for (long t = time(from); t <= time(to); t += Durations.millis(step)) {
            evaluator.apply(new SampleBatch(List.of(new Sample(new SeriesKey(metric, labels), value, t))));
        }
    }

    public void advance(String offset) {
        evaluator.advanceTo(time(offset));
    }

    public List<Alert> alerts() {
        return evaluator.activeAlerts();
    }

    public List<Alert> resolved() {
        return evaluator.resolvedAlerts();
    }

    public Optional<Alert> alert(String name) {
        return alerts().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    public Optional<Alert> alert(String name, Map<String, String> labels) {
        return alerts().stream().filter(a -> a.getName().equals(name) && a.getLabels().equals(labels)).findFirst();
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
