package io.tocsin.console;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.engine.Engine;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * {@code GET /console/events}: server-sent events that tell the console to reload its sections. The engine is
 * asked every second whether anything it shows changed ({@link ChangeSignature}); an event goes out at once when
 * it did, at connection (so a page that reconnects after a restart reloads what it missed), and every 15 seconds
 * anyway (ages and compliance move with time). Each event's data is the signature, nothing else.
 */
@Path("/console/events")
@RolesAllowed(Roles.READ)
public class ConsoleEvents {

    static final Duration POLL = Duration.ofSeconds(1);
    static final int REFRESH_EVERY_POLLS = 15;

    @Inject
    Engine engine;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> events() {
        AtomicLong last = new AtomicLong();
        AtomicLong quiet = new AtomicLong(REFRESH_EVERY_POLLS);
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(POLL)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom()
                        .completionStage(engine.read(ChangeSignature::of)))
                .filter(signature -> {
                    boolean changed = last.getAndSet(signature) != signature;
                    if (changed || quiet.incrementAndGet() >= REFRESH_EVERY_POLLS) {
                        quiet.set(0);
                        return true;
                    }
                    return false;
                })
                .map(Long::toHexString);
    }
}
