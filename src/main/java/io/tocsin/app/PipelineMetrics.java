package io.tocsin.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.runtime.StartupEvent;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.Dispatcher;
import io.tocsin.engine.Engine;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.fact.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Set;

/**
 * The pipeline's queues and outcomes on {@code /q/metrics}, for the Grafana dashboard
 * ({@code deploy/grafana/tocsin.json}): {@code tocsin_ingest_queued_samples} (waiting for the engine),
 * {@code tocsin_alerts_by_priority{state="pending|firing",priority}}, {@code tocsin_actions{status}} (the kept
 * action history by delivery status), {@code tocsin_outbox_actions} and {@code tocsin_outbox_oldest_age_seconds}
 * (actions handed to the dispatcher and not yet delivered or failed), and latency buckets on the ingest endpoints'
 * {@code http_server_requests_seconds} (batch latency as the client sees it).
 */
@ApplicationScoped
public class PipelineMetrics {

    /** The ingest endpoints whose request durations get histogram buckets. */
    static final Set<String> INGEST_URIS = Set.of("/api/v1/samples", "/api/v1/write");

    @Inject
    MeterRegistry registry;
    @Inject
    TocsinConfig config;
    @Inject
    Engine engine;
    @Inject
    ActionHistory history;
    @Inject
    Dispatcher dispatcher;

    private volatile EnumMap<DeliveryState.Status, Integer> statusCounts;
    private volatile long countedAt;

    void register(@Observes StartupEvent event) {
        if (!config.serve()) {
            return;
        }
        Gauge.builder("tocsin.ingest.queued.samples", engine, Engine::queuedSamples)
                .description("Samples accepted by the endpoints and waiting for the engine").register(registry);
        for (Priority p : Priority.values()) {
            Gauge.builder("tocsin.alerts.by.priority", engine, e -> e.counts().pendingByPriority()[p.ordinal()])
                    .tags("state", "pending", "priority", p.name()).description("Pending and firing alerts by priority")
                    .register(registry);
            Gauge.builder("tocsin.alerts.by.priority", engine, e -> e.counts().firingByPriority()[p.ordinal()])
                    .tags("state", "firing", "priority", p.name()).description("Pending and firing alerts by priority")
                    .register(registry);
        }
        for (DeliveryState.Status s : DeliveryState.Status.values()) {
            Gauge.builder("tocsin.actions", this, m -> m.statusCounts().get(s)).tag("status", s.wire())
                    .description("Actions in the kept history (the latest 100,000) by delivery status")
                    .register(registry);
        }
        Gauge.builder("tocsin.outbox.actions", dispatcher, Dispatcher::outboxSize)
                .description("Actions handed to the dispatcher and not yet delivered or failed").register(registry);
        Gauge.builder("tocsin.outbox.oldest.age", dispatcher, Dispatcher::outboxOldestAgeSeconds).baseUnit("seconds")
                .description("How long the oldest undelivered action has waited").register(registry);
    }

    /** One pass over the history serves every status gauge of a scrape. */
    private EnumMap<DeliveryState.Status, Integer> statusCounts() {
        long now = System.nanoTime();
        EnumMap<DeliveryState.Status, Integer> counts = statusCounts;
        if (counts == null || now - countedAt > 1_000_000_000L) {
            counts = history.countByStatus();
            statusCounts = counts;
            countedAt = now;
        }
        return counts;
    }

    /** Latency buckets (1 ms to 10 s) on the ingest endpoints only, so the other endpoints stay cheap. */
    @Produces
    @Singleton
    MeterFilter ingestLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName()) || !INGEST_URIS.contains(id.getTag("uri"))) {
                    return config;
                }
                double[] buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
                double[] nanos = new double[buckets.length]; // a timer's objectives are in nanoseconds
                for (int i = 0; i < buckets.length; i++) {
                    nanos[i] = buckets[i] * 1e9;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
