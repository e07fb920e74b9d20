package io.tocsin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code tocsin_limit_refusals_total{limit="..."}}: requests refused because they reached a limit (README
 * "Limits"), one count per refused request, by the name of the limit; and a WARN of {@code io.tocsin.limits}
 * saying which limit and why, at most once a minute (the next line says how many were left out), so an operator
 * learns that a limit is being hit without a flood of lines.
 */
@Startup
@ApplicationScoped
public class LimitMetrics {

    /** The limits, so every counter is exported from the start (at 0). */
    public static final java.util.List<String> LIMITS = java.util.List.of("labels-per-series", "label-name-length",
            "label-value-length", "label-value-characters", "metric-name-length", "samples-per-request",
            "queued-samples", "queued-bytes", "queued-requests", "batch-size", "series", "silences", "matchers",
            "text-length", "regex-length", "duration");

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger("io.tocsin.limits");
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextLog = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong notLogged = new java.util.concurrent.atomic.AtomicLong();

    public LimitMetrics(MeterRegistry registry) {
        this.registry = registry;
        LIMITS.forEach(this::counter);
    }

    public void refused(String limit, String message) {
        if (limit == null) {
            return;
        }
        counter(limit).increment();
        long now = System.currentTimeMillis();
        long next = nextLog.get();
        if (now >= next && nextLog.compareAndSet(next, now + LOG_EVERY_MILLIS)) {
            long more = notLogged.getAndSet(0);
            LOG.warnf("request refused by the %s limit: %s%s", limit, message,
                    more == 0 ? "" : " (and " + more + " more refusals by limits not logged)");
        } else {
            notLogged.incrementAndGet();
        }
    }

    private Counter counter(String limit) {
        return counters.computeIfAbsent(limit, l -> Counter.builder("tocsin.limit.refusals").tag("limit", l)
                .description("Requests refused because they reached a limit").register(registry));
    }
}
