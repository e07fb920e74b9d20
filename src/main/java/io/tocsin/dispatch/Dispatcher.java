package io.tocsin.dispatch;

import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
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
 * hanging receiver never delays evaluation; retryable failures are retried with exponential backoff up to
 * {@code tocsin.dispatch.max-attempts}; every final outcome is fed back to the engine as an
 * {@link io.tocsin.engine.fact.ActionResult} fact.
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

    @PostConstruct
    void start() {
        receivers.forEach(r -> byName.put(r.name(), r));
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.dispatch().concurrency(), r -> daemon(r, "tocsin-dispatch-" + n.incrementAndGet()));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tocsin-dispatch-retry"));
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
    public void dispatch(ActionRecord record) {
        workers.execute(() -> attempt(record));
    }

    private void attempt(ActionRecord record) {
        int attempt = record.beginAttempt();
        Receiver receiver = byName.get(record.receiver());
        Delivery delivery;
        try {
            delivery = receiver == null ? Delivery.permanent("none", "unknown receiver '" + record.receiver() + "'")
                    : receiver.deliver(record);
        } catch (RuntimeException e) {
            LOG.errorf(e, "receiver %s failed on %s", record.receiver(), record);
            delivery = Delivery.permanent("none", "receiver error: " + e.getClass().getSimpleName());
        }
        switch (delivery.outcome()) {
            case SENT -> {
                record.delivered(delivery.via(), delivery.command());
                LOG.debugf("delivered %s via %s (attempt %d)", record, delivery.via(), attempt);
                feedBack(record, true, delivery);
            }
            case RETRYABLE -> {
                if (attempt < config.dispatch().maxAttempts()) {
                    long backoff = backoffMillis(attempt);
                    record.retrying(delivery.error());
                    LOG.warnf("delivery of %s failed (%s); retry %d in %d ms", record, delivery.error(), attempt + 1,
                            backoff);
                    timer.schedule(() -> workers.execute(() -> attempt(record)), backoff, TimeUnit.MILLISECONDS);
                } else {
                    fail(record, delivery, attempt);
                }
            }
            case PERMANENT -> fail(record, delivery, attempt);
        }
    }

    private void fail(ActionRecord record, Delivery delivery, int attempt) {
        record.failed(delivery.error(), delivery.via(), delivery.command());
        LOG.errorf("delivery of %s failed after %d attempt(s): %s", record, attempt, delivery.error());
        feedBack(record, false, delivery);
    }

    private void feedBack(ActionRecord record, boolean success, Delivery delivery) {
        Integer exitCode = delivery.command() == null ? null : delivery.command().exitCode();
        engine.feed(record, success, exitCode);
    }

    /** initial × 2^(attempt−1), capped. */
    long backoffMillis(int attempt) {
        long initial = config.dispatch().initialBackoff().toMillis();
        long max = config.dispatch().maxBackoff().toMillis();
        return Math.min(max, initial << Math.min(attempt - 1, 30));
    }
}
