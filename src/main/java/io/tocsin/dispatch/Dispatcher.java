package io.tocsin.dispatch;

import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.input.DeliveryUpdate;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The dispatcher's end of the {@code actions} channel. Deliveries run on a pool of their own, so a slow or
 * hanging receiver never delays evaluation; retryable failures are retried with exponential {@link Backoff} up to
 * {@code tocsin.dispatch.max-attempts}. Every change of a delivery's state goes back to the engine as a
 * {@link DeliveryUpdate}; the final one reaches the rules as an {@code ActionResult} fact.
 *
 * <p>Bounded: it holds at most {@code tocsin.dispatch.max-queued} deliveries at once (queued, running or waiting
 * to retry). Beyond that a new delivery fails at once with "dispatch queue full", counted in
 * {@code tocsin_dispatch_overflow_total} and logged (at most once a minute): the rules see a failed result, and
 * memory stays bounded whatever the rules decide.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    TocsinConfig config;
    @Inject
    Engine engine;
    @Inject
    @Any
    Instance<Receiver> receivers;

    private final Map<String, Receiver> byName = new HashMap<>();
    private ExecutorService workers;
    private ScheduledExecutorService timer;
    private Backoff backoff;
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong nextOverflowLog = new java.util.concurrent.atomic.AtomicLong();
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    private io.micrometer.core.instrument.Counter overflow;

    @PostConstruct
    void start() {
        receivers.forEach(r -> byName.put(r.name(), r));
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.dispatch().concurrency(),
                r -> daemon(r, "tocsin-dispatch-" + n.incrementAndGet()));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tocsin-dispatch-retry"));
        backoff = new Backoff(config.dispatch().initialBackoff().toMillis(), config.dispatch().maxBackoff().toMillis());
        overflow = io.micrometer.core.instrument.Counter.builder("tocsin.dispatch.overflow")
                .description("Deliveries failed at once because the dispatcher held tocsin.dispatch.max-queued")
                .register(registry);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        workers.shutdown();
    }

    /** Called on the sender's thread (the engine's): only queues the work. */
    @Incoming("actions")
    public void dispatch(Action action) {
        DeliveryState state = DeliveryState.decided(action.id(), DeliveryState.Status.PENDING);
        if (held.incrementAndGet() > config.dispatch().maxQueued()) {
            held.decrementAndGet();
            overflow(action, state, "dispatch queue full (tocsin.dispatch.max-queued=" + config.dispatch().maxQueued()
                    + ")");
            return;
        }
        workers.execute(() -> attempt(action, state));
    }

    /** A delivery that could not be queued fails at once: the rules see it, and nothing piles up. */
    void overflow(Action action, DeliveryState state, String why) {
        overflow.increment();
        long now = System.currentTimeMillis();
        long next = nextOverflowLog.get();
        if (now >= next && nextOverflowLog.compareAndSet(next, now + 60_000)) {
            LOG.errorf("delivery of action #%d (%s %s/%s) failed at once: %s (logged at most once a minute; counted"
                    + " in tocsin_dispatch_overflow_total)", action.id(), action.type(), action.receiver(),
                    action.destination(), why);
        }
        report(state.attempting().failed(why, "none", null));
    }

    private void attempt(Action action, DeliveryState before) {
        DeliveryState state = before.attempting();
        Receiver receiver = byName.get(action.receiver());
        Delivery delivery;
        try {
            delivery = receiver == null ? Delivery.permanent("none", "unknown receiver '" + action.receiver() + "'")
                    : receiver.deliver(action);
        } catch (RuntimeException e) {
            LOG.errorf(e, "receiver %s failed on action #%d", action.receiver(), action.id());
            delivery = Delivery.permanent("none", "receiver error: " + e.getClass().getSimpleName());
        }
        switch (delivery.outcome()) {
            case SENT -> {
                LOG.debugf("delivered action #%d via %s (attempt %d)", (Object) action.id(), delivery.via(), state.attempts());
                held.decrementAndGet();
                report(state.sent(delivery.via(), delivery.command()));
            }
            case RETRYABLE -> {
                if (state.attempts() < config.dispatch().maxAttempts()) {
                    long wait = backoff.after(state.attempts());
                    DeliveryState retrying = state.retrying(delivery.error());
                    LOG.warnf("delivery of action #%d (%s %s/%s) failed (%s); retry %d in %d ms", action.id(),
                            action.type(), action.receiver(), action.destination(), delivery.error(),
                            state.attempts() + 1, wait);
                    report(retrying);
                    timer.schedule(() -> workers.execute(() -> attempt(action, retrying)), wait,
                            TimeUnit.MILLISECONDS);
                } else {
                    fail(action, state, delivery);
                }
            }
            case PERMANENT -> fail(action, state, delivery);
        }
    }

    private void fail(Action action, DeliveryState state, Delivery delivery) {
        held.decrementAndGet();
        LOG.errorf("delivery of action #%d (%s %s/%s) failed after %d attempt(s): %s", action.id(), action.type(),
                action.receiver(), action.destination(), state.attempts(), delivery.error());
        report(state.failed(delivery.error(), delivery.via(), delivery.command()));
    }

    private void report(DeliveryState state) {
        try {
            engine.submit(new DeliveryUpdate(state)).exceptionally(t -> {
                LOG.errorf(t, "could not record the delivery state of action #%d", state.actionId());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the delivery state of action #%d", state.actionId());
        }
    }
}
