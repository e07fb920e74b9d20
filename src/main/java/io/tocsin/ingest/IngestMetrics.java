package io.tocsin.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code tocsin_samples_rejected_total}: samples in batches refused as invalid before they reached the engine. */
@Startup // registered before the first rejection, so the counter is exported from the start
@ApplicationScoped
public class IngestMetrics {

    private final Counter rejected;

    public IngestMetrics(MeterRegistry registry) {
        this.rejected = Counter.builder("tocsin.samples.rejected")
                .description("Samples in batches rejected as invalid").register(registry);
    }

    /** A batch of {@code samples} was rejected whole. */
    public void rejected(int samples) {
        rejected.increment(samples);
    }
}
