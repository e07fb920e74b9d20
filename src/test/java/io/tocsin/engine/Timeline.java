package io.tocsin.engine;

import io.quarkus.arc.Arc;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.ActionLog;
import io.tocsin.dispatch.ActionPlanner;
import io.tocsin.dispatch.ActionRecord;
import io.tocsin.dispatch.DispatchPolicy;
import io.tocsin.dispatch.silence.Silences;
import io.tocsin.engine.fact.ActionResult;
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
import java.util.function.Predicate;
import org.kie.api.runtime.KieRuntimeBuilder;

/**
 * Drives a fresh evaluator with the real rules on event time, in steps of minutes and seconds from a fixed
 * origin, so rule tests read like a timeline: {@code t.post("2m", ...)}, {@code t.alert("HighErrorRate")}. Actions
 * are planned with the application's configuration (escalation targets, rollback command) and recorded, not
 * dispatched; {@link #result} plays a dispatch outcome back to the rules.
 */
public final class Timeline implements AutoCloseable {

    public static final Instant ORIGIN = Instant.parse("2025-10-18T15:00:00Z");

    private final Evaluator evaluator;
    private final ActionLog log = new ActionLog();
    private final Silences silences = new Silences();
    private final List<ActionRecord> dispatched = new ArrayList<>();
    private int seen;

    public Timeline(KieRuntimeBuilder runtime) {
        this(runtime, DeploymentStore.inMemory());
    }

    public Timeline(KieRuntimeBuilder runtime, DeploymentStore deployments) {
        this(runtime, deployments, DispatchPolicy.from(Arc.container().instance(TocsinConfig.class).get()));
    }

    public Timeline(KieRuntimeBuilder runtime, DeploymentStore deployments, DispatchPolicy policy) {
        this(runtime, deployments, policy, WatchStore.none(), null);
    }

    /** With watches saved to {@code watches} and reports and evidence written by the archive {@code archive} makes. */
    public Timeline(KieRuntimeBuilder runtime, DeploymentStore deployments, WatchStore watches,
            java.util.function.Function<RuleCatalog, Archive> archive) {
        this(runtime, deployments, DispatchPolicy.from(Arc.container().instance(TocsinConfig.class).get()), watches,
                archive);
    }

    private Timeline(KieRuntimeBuilder runtime, DeploymentStore deployments, DispatchPolicy policy,
            WatchStore watches, java.util.function.Function<RuleCatalog, Archive> archive) {
        var session = runtime.newKieSession("tocsin");
        ActionPlanner planner = new ActionPlanner(policy, silences, log, dispatched::add);
        RuleCatalog catalog = RuleCatalog.of(session.getKieBase());
        this.evaluator = new Evaluator(session, catalog, new Evaluator.Settings(300_000, 900_000, 3_600_000), null,
                planner, deployments, watches, archive == null ? Archive.none() : archive.apply(catalog));
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

    public Silences silences() {
        return silences;
    }

    /** Every action recorded so far, in order. */
    public List<ActionRecord> actions() {
        return log.query(r -> true, null);
    }

    public List<ActionRecord> actions(Predicate<ActionRecord> filter) {
        return log.query(filter, null);
    }

    /** Records handed to the dispatcher (neither silenced nor dry-run). */
    public List<ActionRecord> dispatched() {
        return dispatched;
    }

    /** Actions recorded since the previous call. */
    public List<ActionRecord> newActions() {
        List<ActionRecord> all = actions();
        List<ActionRecord> fresh = new ArrayList<>(all.subList(seen, all.size()));
        seen = all.size();
        return fresh;
    }

    /** Plays back a dispatch outcome of {@code record}, as the dispatcher would. */
    public void result(ActionRecord record, boolean success, Integer exitCode) {
        int attempt = record.remediationAttempt() == null ? 1 : record.remediationAttempt();
        evaluator.feed(new ActionResult(Long.toString(record.id()), record.type(), record.receiver(),
                record.destination(), record.alert(), attempt, success, exitCode, evaluator.now().orElse(0L)));
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
