package io.tocsin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code tocsin_limit_refusals_total{limit="..."}}: requests refused because they reached a limit (README
 * "Limits"), one count per refused request, by the name of the limit.
 */
@Startup
@ApplicationScoped
public class LimitMetrics {

    /** The limits, so every counter is exported from the start (at 0). */
    public static final java.util.List<String> LIMITS = java.util.List.of("labels-per-series", "label-name-length",
            "label-value-length", "label-value-characters", "metric-name-length", "samples-per-request",
            "queued-samples", "queued-bytes", "queued-requests", "batch-size", "series", "silences", "matchers",
            "text-length", "regex-length", "duration");

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public LimitMetrics(MeterRegistry registry) {
        this.registry = registry;
        LIMITS.forEach(this::counter);
    }

    public void refused(String limit) {
        if (limit != null) {
            counter(limit).increment();
        }
    }

    private Counter counter(String limit) {
        return counters.computeIfAbsent(limit, l -> Counter.builder("tocsin.limit.refusals").tag("limit", l)
                .description("Requests refused because they reached a limit").register(registry));
    }
}
