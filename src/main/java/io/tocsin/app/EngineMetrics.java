package io.tocsin.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tocsin.engine.Engine;
import io.tocsin.engine.Evaluator;
import io.tocsin.engine.input.IngestResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Tocsin's own metrics on {@code /q/metrics}: {@code tocsin_samples_accepted_total},
 * {@code tocsin_samples_out_of_order_total},
 * {@code tocsin_evaluation_seconds} (per batch), {@code tocsin_series{state="current|stale"}} and
 * {@code tocsin_alerts{state="pending|firing|resolved"}} and
 * {@code tocsin_alert_transitions_total{to="pending|firing|resolved|dropped"}} (since the process started,
 * transitions replayed from the journal at start included).
 */
@ApplicationScoped
public class EngineMetrics implements Engine.BatchObserver {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter outOfOrder;
    private final Timer evaluation;

    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("tocsin.samples.accepted").description("Samples applied to series")
                .register(registry);
        this.outOfOrder = Counter.builder("tocsin.samples.out.of.order")
                .description("Samples ignored because their series had a newer or conflicting sample")
                .register(registry);
        this.evaluation = Timer.builder("tocsin.evaluation").description("Time to apply and evaluate one batch")
                .publishPercentileHistogram().register(registry);
    }

    void bind(Engine engine) {
        gauge("tocsin.series", "state", "current", "Series in the session", engine, c -> c.currentSeries());
        gauge("tocsin.series", "state", "stale", "Known series without a current sample", engine,
                c -> c.staleSeries());
        gauge("tocsin.alerts", "state", "pending", "Alerts by state", engine, c -> c.pending());
        gauge("tocsin.alerts", "state", "firing", "Alerts by state", engine, c -> c.firing());
        gauge("tocsin.alerts", "state", "resolved", "Alerts by state", engine, c -> c.resolved());
        for (String to : List.of("pending", "firing", "resolved", "dropped")) {
            FunctionCounter.builder("tocsin.alert.transitions", to, Evaluator::alertTransitions).tag("to", to)
                    .description("Alerts that went pending, firing, resolved, or ended while pending (dropped)")
                    .register(registry);
        }
    }

    private void gauge(String name, String tag, String value, String help, Engine engine,
            ToIntFunction<Evaluator.Counts> read) {
        Gauge.builder(name, engine, e -> read.applyAsInt(e.counts())).tag(tag, value).description(help)
                .register(registry);
    }

    @Override
    public void evaluated(IngestResult result, long nanos) {
        accepted.increment(result.accepted());
        outOfOrder.increment(result.outOfOrder());
        evaluation.record(nanos, TimeUnit.NANOSECONDS);
    }
}
