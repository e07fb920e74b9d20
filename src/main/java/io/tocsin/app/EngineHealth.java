package io.tocsin.app;

import io.tocsin.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the rules are loaded and the engine thread runs; reports the clock mode and sizes. */
@Readiness
@ApplicationScoped
public class EngineHealth implements HealthCheck {

    @Inject
    Engine engine;

    @Override
    public HealthCheckResponse call() {
        var counts = engine.counts();
        return HealthCheckResponse.named("engine").status(engine.ready())
                .withData("clock", engine.eventTime() ? "event" : "wall")
                .withData("series", counts.currentSeries())
                .withData("firing", counts.firing())
                .build();
    }
}
