package io.tocsin.dispatch;

import io.quarkus.runtime.ShutdownEvent;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.input.DeliveryUpdate;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The dispatcher's end of the {@code actions} channel: the outbox's worker.
 *
 * <ul>
 * <li>Order: deliveries about one alert to one receiver and destination form a lane and go one after the other,
 * so a resolve never overtakes its trigger, even while the trigger is being retried.</li>
 * <li>Retries: retryable failures are retried with capped exponential {@link Backoff} until
 * {@code tocsin.dispatch.max-age} after the first attempt; then the action is {@code expired} and the rules hear
 * of it.</li>
 * <li>Commands run on a pool of their own, so a long rollback never holds up pages. A command's attempt is on
 * disk before it starts: after a crash it is reported {@code interrupted}, never run twice.</li>
 * <li>Every change of state goes back to the engine as a {@link DeliveryUpdate}; a final one reaches the rules as
 * an {@code ActionResult} fact. An action stays in the outbox (pending or retrying in the engine's history) until
 * its final state is on disk, so a restart resumes it.</li>
 * <li>Bounded: it holds at most {@code tocsin.dispatch.max-queued} deliveries at once (queued, running or
 * waiting to retry). Beyond that a newly decided delivery fails at once with "dispatch queue full", counted in
 * {@code tocsin_dispatch_overflow_total} and logged (at most once a minute): the rules see a failed result, and
 * memory stays bounded whatever the rules decide. Actions resumed from the outbox at start are not refused: they
 * were accepted before, and are delivered.</li>
 * </ul>
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

    /** Deliveries waiting behind the one in flight, for one alert, receiver and destination. */
    private static final class Lane {
        final ArrayDeque<Job> waiting = new ArrayDeque<>();
    }

    private record Job(Action action, DeliveryState state) {
    }

    private final Map<String, Receiver> byName = new HashMap<>();
    private final Map<String, Lane> lanes = new HashMap<>(); // guarded by itself
    /** Actions taken on in this process and not yet recorded final, with their latest state. */
    private final Map<Long, DeliveryState> open = new ConcurrentHashMap<>();
    /** Actions handed over and not yet finally delivered, failed or expired, with when (wall ms): the outbox. */
    private final Map<Long, Long> waitingSince = new ConcurrentHashMap<>();
    private final AtomicInteger attempting = new AtomicInteger();
    private ExecutorService notifications;
    private ExecutorService commands;
    private ScheduledExecutorService timer;
    private Backoff backoff;
    private long maxAgeMillis;
    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicLong nextOverflowLog = new java.util.concurrent.atomic.AtomicLong();
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    private io.micrometer.core.instrument.Counter overflow;

    @jakarta.annotation.PostConstruct
    void start() {
        receivers.forEach(r -> byName.put(r.name(), r));
        notifications = pool(config.dispatch().concurrency(), "tocsin-dispatch-");
        commands = pool(config.dispatch().commandConcurrency(), "tocsin-command-");
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tocsin-dispatch-retry"));
        backoff = new Backoff(config.dispatch().initialBackoff().toMillis(), config.dispatch().maxBackoff().toMillis());
        maxAgeMillis = config.dispatch().maxAge().toMillis();
        overflow = io.micrometer.core.instrument.Counter.builder("tocsin.dispatch.overflow")
                .description("Deliveries failed at once because the dispatcher held tocsin.dispatch.max-queued")
                .register(registry);
    }

    private static ExecutorService pool(int size, String prefix) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(size, r -> daemon(r, prefix + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Before the engine closes (its observer has a later priority): takes no new attempt, gives those in flight
     * {@code shutdown-grace} to finish and record their outcome. What is left stays in the outbox for the next
     * start.
     */
    void stop(@Observes @Priority(1000) ShutdownEvent event) {
        stopping = true;
        timer.shutdownNow();
        long deadline = System.nanoTime() + config.dispatch().shutdownGrace().toNanos();
        while (attempting.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (attempting.get() > 0) {
            LOG.warnf("%d delivery attempt(s) still running at shutdown: they are resumed (notifications) or"
                    + " reported interrupted (commands) at the next start", attempting.get());
        }
        if (!open.isEmpty()) {
            LOG.infof("%d action(s) left in the outbox for the next start", open.size());
        }
        notifications.shutdown();
        commands.shutdown();
    }

    /** A newly decided action. Called on the engine's thread: only queues the work. */
    @Incoming("actions")
    public void dispatch(Action action) {
        DeliveryState state = DeliveryState.decided(action.id(), DeliveryState.Status.PENDING);
        if (waitingSince.size() >= config.dispatch().maxQueued()) {
            overflow(action, state, "dispatch queue full (tocsin.dispatch.max-queued=" + config.dispatch().maxQueued()
                    + ")");
            return;
        }
        enqueue(new Job(action, state));
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
        report(state.attempting(now).failed(why, "none", null));
    }

    /**
     * An action the engine still has as undelivered when it opened its state: decided before a restart, or
     * before the state log failed and was reopened. One this process already holds is not taken twice; if its
     * final state could not be recorded, that is reported again.
     */
    public void resume(Action action, DeliveryState state) {
        DeliveryState known = open.get(action.id());
        if (known == null) {
            enqueue(new Job(action, state));
        } else if (known.outcome() != null) {
            report(known);
        }
    }

    private void enqueue(Job job) {
        open.put(job.action().id(), job.state());
        waitingSince.putIfAbsent(job.action().id(), System.currentTimeMillis());
        String key = lane(job.action());
        synchronized (lanes) {
            Lane lane = lanes.get(key);
            if (lane != null) {
                lane.waiting.addLast(job);
                return;
            }
            lanes.put(key, new Lane());
        }
        begin(key, job);
    }

    /** Ordering matters per alert and route; anything else (announcements, promotions) has a lane of its own. */
    private static String lane(Action action) {
        return action.alert() == null ? "#" + action.id()
                : action.alert().id() + '\n' + action.receiver() + '\n' + action.destination();
    }

    private boolean isCommand(Action action) {
        return "command".equals(action.receiver());
    }

    private void begin(String lane, Job job) {
        if (stopping) {
            return; // stays in the outbox
        }
        (isCommand(job.action()) ? commands : notifications).execute(() -> attempt(lane, job));
    }

    private void attempt(String lane, Job job) {
        if (stopping) {
            return;
        }
        Action action = job.action();
        long now = System.currentTimeMillis();
        DeliveryState state = job.state().attempting(now);
        if (now - state.firstAttemptAt() >= maxAgeMillis && job.state().attempts() > 0) {
            finish(lane, action, job.state().expired("undelivered after " + describe(maxAgeMillis) + ": "
                    + job.state().lastError()));
            return;
        }
        if (isCommand(action)) {
            // on disk before it runs: a crash while it runs is then reported as interrupted, not run again
            open.put(action.id(), state);
            engine.report(state).whenComplete((ok, failure) -> {
                if (failure == null) {
                    commands.execute(() -> deliver(lane, action, state));
                } else {
                    LOG.warnf("command #%d (%s) waits: its start cannot be recorded (%s)", action.id(),
                            action.destination(), failure.getMessage());
                    later(lane, new Job(action, job.state()), backoff.after(Math.max(1, state.attempts())));
                }
            });
        } else {
            deliver(lane, action, state);
        }
    }

    private void deliver(String lane, Action action, DeliveryState state) {
        if (stopping && !isCommand(action)) {
            return;
        }
        Receiver receiver = byName.get(action.receiver());
        Delivery delivery;
        attempting.incrementAndGet();
        try {
            delivery = receiver == null ? Delivery.permanent("none", "unknown receiver '" + action.receiver() + "'")
                    : receiver.deliver(action);
        } catch (RuntimeException e) {
            LOG.errorf(e, "receiver %s failed on action #%d", action.receiver(), action.id());
            delivery = Delivery.permanent("none", "receiver error: " + e.getClass().getSimpleName());
        } finally {
            attempting.decrementAndGet();
        }
        switch (delivery.outcome()) {
            case SENT -> {
                LOG.debugf("delivered action #%d via %s (attempt %d)", (Object) action.id(), delivery.via(),
                        state.attempts());
                finish(lane, action, state.sent(delivery.via(), delivery.command()));
            }
            case RETRYABLE -> {
                DeliveryState retrying = state.retrying(delivery.error());
                long left = state.firstAttemptAt() + maxAgeMillis - System.currentTimeMillis();
                long wait = Math.max(0, Math.min(backoff.after(state.attempts()), left));
                if (state.attempts() == 1 || wait >= 60_000) {
                    LOG.warnf("delivery of action #%d (%s %s/%s) failed (%s); attempt %d in %d ms", action.id(),
                            action.type(), action.receiver(), action.destination(), delivery.error(),
                            state.attempts() + 1, wait);
                } else {
                    LOG.debugf("delivery of action #%d failed again (%s); attempt %d in %d ms", action.id(),
                            delivery.error(), state.attempts() + 1, wait);
                }
                open.put(action.id(), retrying);
                report(retrying);
                later(lane, new Job(action, retrying), wait);
            }
            case PERMANENT -> {
                LOG.errorf("delivery of action #%d (%s %s/%s) failed after %d attempt(s): %s", action.id(),
                        action.type(), action.receiver(), action.destination(), state.attempts(), delivery.error());
                finish(lane, action, state.failed(delivery.error(), delivery.via(), delivery.command()));
            }
        }
    }

    private void later(String lane, Job job, long millis) {
        if (stopping) {
            return;
        }
        timer.schedule(() -> (isCommand(job.action()) ? commands : notifications).execute(() -> attempt(lane, job)),
                millis, TimeUnit.MILLISECONDS);
    }

    /** Records the final state and starts the next delivery of the lane. */
    private void finish(String lane, Action action, DeliveryState last) {
        if (last.status() == DeliveryState.Status.EXPIRED) {
            LOG.errorf("action #%d (%s %s/%s) expired: %s", action.id(), action.type(), action.receiver(),
                    action.destination(), last.lastError());
        }
        open.put(action.id(), last);
        waitingSince.remove(action.id());
        report(last);
        Job next;
        synchronized (lanes) {
            Lane waiting = lanes.get(lane);
            next = waiting == null ? null : waiting.waiting.pollFirst();
            if (next == null) {
                lanes.remove(lane);
            }
        }
        if (next != null) {
            begin(lane, next);
        }
    }

    /** Actions in the outbox: handed over, not yet delivered or failed for good (queued, running, between retries). */
    public int outboxSize() {
        return waitingSince.size();
    }

    /** How long the oldest action in the outbox has waited, in seconds; 0 when it is empty. */
    public double outboxOldestAgeSeconds() {
        long now = System.currentTimeMillis();
        return waitingSince.values().stream().mapToLong(since -> now - since).max().orElse(0) / 1000.0;
    }

    /** Sends a state to the engine; a final one leaves the outbox once it is on disk. */
    private void report(DeliveryState state) {
        try {
            engine.report(state).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.errorf("could not record the delivery state of action #%d (%s); it is recorded when the"
                            + " state can be saved again", state.actionId(), failure.getMessage());
                } else if (state.outcome() != null) {
                    open.remove(state.actionId(), state);
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the delivery state of action #%d", state.actionId());
        }
    }

    private static String describe(long millis) {
        return Duration.ofMillis(millis).toString().substring(2).toLowerCase();
    }
}
