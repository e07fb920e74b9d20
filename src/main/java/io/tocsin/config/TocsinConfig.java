package io.tocsin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Operator settings under {@code tocsin.*} (env {@code TOCSIN_*}); every key is documented in the README. */
@ConfigMapping(prefix = "tocsin")
public interface TocsinConfig {

    /** {@code wall} (default): now is real time. {@code event}: now is the greatest timestamp seen. */
    @WithDefault("wall")
    ClockMode clock();

    /** A series with no sample for longer than this is stale and satisfies no rule (Prometheus: 5m). */
    @WithDefault("5m")
    Duration staleness();

    /** Wall clock only: samples further ahead of the server's clock than this are rejected. */
    @WithDefault("5m")
    Duration futureTolerance();

    /** How long resolved alerts stay listed under {@code ?state=resolved}. */
    @WithDefault("15m")
    Duration resolvedRetention();

    /** A series silent for this long is forgotten entirely (bounds memory when series churn). */
    @WithDefault("1h")
    Duration seriesRetention();

    /** Wall clock only: how often the engine re-evaluates without samples (deadlines, staleness, absence). */
    @WithDefault("1s")
    Duration tick();

    /** Name of the Drools session (from {@code drools.kbase.*.ksession.*}) to run. */
    @WithDefault("tocsin")
    String session();

    enum ClockMode {
        WALL, EVENT
    }
}
