package io.tocsin.engine;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionSink;
import io.tocsin.engine.input.IngestResult;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.input.Tick;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The one thread allowed to touch the {@link Evaluator}. Inputs (batches, clock advances, operator commands,
 * delivery outcomes) and reads are queued onto it in arrival order, so the Drools session never sees two callers
 * and a read sees the state between two inputs, never in the middle of one. After each input, the actions it
 * decided go to the {@link ActionSink}. On the wall clock it reads the time each input is applied and ticks every
 * {@code tickMillis}, so deadlines pass without samples.
 *
 * <p>It knows no adapter: callers submit inputs and read views; actions leave through the sink.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Engine.class);

    /** Builds the evaluator, on the engine thread; {@code openedAt} is the real time on the wall clock, else 0. */
    @FunctionalInterface
    public interface Opener {
        Evaluator open(long openedAt);
    }

    /** Hears how long each batch took to apply and evaluate (for metrics). */
    @FunctionalInterface
    public interface BatchObserver {
        void evaluated(IngestResult result, long nanos);
    }

    private final Opener opener;
    private final LongSupplier wallClock; // null on event time
    private final long tickMillis;
    private final long maxQueuedSamples;
    private final ActionSink sink;
    private final BatchObserver observer;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> daemon(r, "tocsin-engine"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "tocsin-tick"));
    private final AtomicLong queuedSamples = new AtomicLong();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private volatile Evaluator evaluator;

    /**
     * @param wallClock        epoch-millisecond wall clock, or null to run on event time
     * @param maxQueuedSamples samples waiting for the engine beyond which new batches are refused (503)
     */
    public Engine(Opener opener, LongSupplier wallClock, long tickMillis, long maxQueuedSamples, ActionSink sink,
            BatchObserver observer) {
        this.opener = opener;
        this.wallClock = wallClock;
        this.tickMillis = tickMillis;
        this.maxQueuedSamples = maxQueuedSamples;
        this.sink = sink;
        this.observer = observer;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Opens the evaluator (failing if it cannot: bad rules, unreadable state) and starts the clock. */
    public void start() throws InterruptedException, ExecutionException {
        thread.submit(() -> {
            evaluator = opener.open(wallClock == null ? 0L : wallClock.getAsLong());
        }).get();
        if (wallClock != null) {
            tick();
            ticker.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Queues a tick unless one is already waiting: a busy engine needs no pile of them. */
    private void tick() {
        if (tickQueued.compareAndSet(false, true)) {
            submit(new Tick()).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.error("evaluation on clock tick failed", e);
                }
            });
        }
    }

    /**
     * Applies an input on the engine thread; the stage completes with its result, or with {@link Rejected}. Throws
     * {@link OverloadedException} at once when too many samples are waiting.
     */
    public <R> CompletionStage<R> submit(Input<R> input) {
        return submit(input, (result, state) -> result);
    }

    /**
     * Applies an input and turns its result into {@code view} on the engine thread, with the state after it, so a
     * live fact it returns can be copied safely.
     */
    public <R, V> CompletionStage<V> submit(Input<R> input, BiFunction<R, EngineView, V> view) {
        int samples = input instanceof SampleBatch batch ? batch.samples().size() : 0;
        if (samples > 0 && queuedSamples.addAndGet(samples) > maxQueuedSamples) {
            queuedSamples.addAndGet(-samples);
            throw new OverloadedException("the engine is behind (" + maxQueuedSamples
                    + " samples waiting); retry the batch shortly");
        }
        CompletableFuture<V> result = new CompletableFuture<>();
        thread.execute(() -> {
            queuedSamples.addAndGet(-samples);
            if (input instanceof Tick) {
                tickQueued.set(false);
            }
            try {
                result.complete(view.apply(applyNow(input), evaluator));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                handOn();
            }
        });
        return result;
    }

    private <R> R applyNow(Input<R> input) {
        long started = System.nanoTime();
        R result = evaluator.apply(input, wallClock == null ? 0L : wallClock.getAsLong());
        if (result instanceof IngestResult ingested && observer != null) {
            observer.evaluated(ingested, System.nanoTime() - started);
        }
        return result;
    }

    private void handOn() {
        for (Action action : evaluator.drainActions()) {
            try {
                sink.dispatch(action);
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not hand action #%d to the dispatcher", action.id());
            }
        }
    }

    /** Reads the engine's state on its thread, between inputs. */
    public <T> CompletionStage<T> read(Function<EngineView, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                result.complete(query.apply(evaluator));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    public boolean eventTime() {
        return wallClock == null;
    }

    public boolean ready() {
        return evaluator != null && !thread.isShutdown();
    }

    /** Sizes after the last pass; safe from any thread. */
    public Evaluator.Counts counts() {
        Evaluator ev = evaluator;
        return ev == null ? new Evaluator.Counts(0, 0, 0, 0, 0) : ev.counts();
    }

    /** Stops taking work, lets queued inputs finish, saves the watches and disposes of the session. */
    @Override
    public void close() {
        ticker.shutdownNow();
        thread.shutdown();
        boolean idle = false;
        try {
            idle = thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Evaluator ev = evaluator;
        if (ev != null && idle) {
            try {
                ev.saveWatches(); // only once the engine thread is done with the session
            } finally {
                ev.close();
            }
        }
    }
}
