package io.tocsin.engine;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.ActionSink;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.input.Attributed;
import io.tocsin.engine.input.DeliveryUpdate;
import io.tocsin.engine.input.DeliveryUpdates;
import io.tocsin.engine.input.RetireRules;
import io.tocsin.engine.rules.RuleSet;
import io.tocsin.engine.input.IngestResult;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.Origin;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.input.Tick;
import io.tocsin.engine.state.EngineState;
import io.tocsin.engine.state.Entry;
import io.tocsin.engine.state.StateLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one thread allowed to touch the {@link Evaluator}, and the guarantee that a 2xx means durable. Inputs
 * (batches, clock advances, operator commands, delivery outcomes) and reads are queued onto that thread in arrival
 * order, so the Drools session never sees two callers and a read sees the state between two inputs. Each input is
 * written to the {@link StateLog} before it is applied and the actions it decided after; its answer and its
 * actions go out only once both are on disk. At start the engine continues from the latest snapshot and the
 * journal after it; commands that were running when it stopped are reported as interrupted, everything else not
 * yet delivered goes to the dispatcher again. On the wall clock it reads the time each input is applied and ticks
 * every {@code tickMillis}.
 *
 * <p>It knows no adapter: callers submit inputs and read views; actions leave through the sink, state through the
 * log.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Engine.class);

    /**
     * Builds the evaluator of {@code rules}, on the engine thread: from {@code saved} (null at the very first
     * start); {@code openedAt} is the real time on the wall clock, else 0.
     */
    @FunctionalInterface
    public interface Opener {
        Evaluator open(RuleSet rules, long openedAt, EngineState saved);
    }

    /** What a rules reload did: the rules now running, and the alerts of removed rules it resolved. */
    public record Reloaded(String origin, String hash, boolean changed, List<String> removedRules, int resolved) {
    }

    /** Hears how long each batch took to apply and evaluate (for metrics). */
    @FunctionalInterface
    public interface BatchObserver {
        void evaluated(IngestResult result, long nanos);
    }

    /**
     * How much may wait for the engine thread: samples and their estimated bytes (batches beyond get
     * {@link OverloadedException}, a batch larger than the whole queue {@link TooLargeException}), and other
     * requests (operator inputs and reads). The engine's own inputs (ticks, delivery outcomes) are not counted:
     * ticks never pile up and delivery outcomes are bounded by the dispatcher's own queue.
     */
    public record Queues(long maxSamples, long maxBytes, int maxRequests) {
        public static Queues samples(long maxSamples) {
            return new Queues(maxSamples, Long.MAX_VALUE, Integer.MAX_VALUE);
        }
    }

    /** When the engine snapshots its state: journal bytes since the last snapshot, and real time since it. */
    public record SnapshotPolicy(long bytes, long millis) {
        public static SnapshotPolicy defaults() {
            return new SnapshotPolicy(64L << 20, 600_000);
        }
    }

    private final Supplier<RuleSet> initialRules;
    private final Opener opener;
    private final LongSupplier wallClock; // null on event time
    private final long tickMillis;
    private final Queues queues;
    private final ActionSink sink;
    private final BatchObserver observer;
    private final StateLog log;
    private final SnapshotPolicy snapshots;
    /** One thread applies every input, in order; its queue says whether anything else is waiting. */
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), r -> daemon(r, "tocsin-engine"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "tocsin-tick"));
    private final AtomicLong queuedSamples = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger queuedRequests =
            new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final AtomicBoolean reportsQueued = new AtomicBoolean();
    private final java.util.concurrent.ConcurrentLinkedQueue<Report> reports =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A delivery report waiting to be applied, and who waits for it. */
    private record Report(DeliveryState state, CompletableFuture<Void> done) {
    }
    private volatile Evaluator evaluator;
    private volatile RuleSet rules;
    private long lastSeq;
    private long snapshotAt; // System.nanoTime() of the latest snapshot
    private boolean snapshotting;
    private boolean recoveredOnce;

    /**
     * @param wallClock        epoch-millisecond wall clock, or null to run on event time
     * @param queues           how much may wait for the engine before new work is refused (503)
     */
    public Engine(Supplier<RuleSet> rules, Opener opener, LongSupplier wallClock, long tickMillis, Queues queues,
            ActionSink sink, BatchObserver observer, StateLog log, SnapshotPolicy snapshots) {
        this.initialRules = rules;
        this.opener = opener;
        this.wallClock = wallClock;
        this.tickMillis = tickMillis;
        this.queues = queues;
        this.sink = sink;
        this.observer = observer;
        this.log = log;
        this.snapshots = snapshots;
    }

    /** Without a state log: nothing survives a restart (tests). */
    public Engine(Supplier<RuleSet> rules, Opener opener, LongSupplier wallClock, long tickMillis,
            long maxQueuedSamples, ActionSink sink, BatchObserver observer) {
        this(rules, opener, wallClock, tickMillis, Queues.samples(maxQueuedSamples), sink, observer, StateLog.none(),
                SnapshotPolicy.defaults());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Continues from what the state log holds (failing if it cannot: bad rules, damaged state), resumes the
     * deliveries the last run left, and starts the clock.
     */
    public void start() throws InterruptedException, ExecutionException {
        thread.submit(this::recover).get();
        if (wallClock != null) {
            tick();
            ticker.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
        ticker.scheduleWithFixedDelay(this::retryLog, 5, 5, TimeUnit.SECONDS);
    }

    /** On the engine thread: the evaluator from the latest snapshot and the journal after it. */
    private void recover() {
        long started = System.nanoTime();
        StateLog.Recovered recovered = log.recover();
        Evaluator previous = evaluator;
        if (rules == null) {
            rules = initialRules.get();
        }
        evaluator = opener.open(rules, wallClock == null ? 0L : wallClock.getAsLong(), recovered.snapshot());
        if (previous != null) {
            previous.close();
        }
        int replayed = replay(recovered.entries());
        lastSeq = recovered.snapshotSeq() + replayed;
        snapshotAt = System.nanoTime();
        if (replayed > 0) {
            LOG.infof("state recovered: snapshot at %d and %d journal entries replayed in %d ms", recovered.snapshotSeq(),
                    replayed, (System.nanoTime() - started) / 1_000_000);
            // on disk before anything is handed on: it fixes the ids of what the replay decided anew
            takeSnapshot().toCompletableFuture().join();
            snapshotting = false;
        } else if (recovered.snapshot() != null) {
            LOG.infof("state recovered from the snapshot at %d in %d ms", recovered.snapshotSeq(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        resumeDeliveries(!recoveredOnce);
        recoveredOnce = true;
    }

    /**
     * Applies the journal again. The actions each input decides again are replaced by those recorded the first
     * time (with their ids). Only the last input can lack its decisions (the process died in between): those are
     * kept as decided now, and go out like new ones once the snapshot that follows the replay is on disk.
     */
    private int replay(List<Entry> entries) {
        List<Action> regenerated = List.of();
        for (Entry entry : entries) {
            if (entry instanceof Entry.Applied applied) {
                try {
                    evaluator.apply(applied.input(), applied.wallNow());
                } catch (Rejected e) {
                    // refused the first time too: nothing of it was applied
                } catch (RuntimeException e) {
                    LOG.errorf(e, "replaying %s failed", applied.input().kind());
                }
                regenerated = evaluator.drainDecisions().all();
            } else if (entry instanceof Entry.Decided decided) {
                evaluator.adopt(regenerated, decided.actions());
                regenerated = List.of();
            }
        }
        evaluator.drainDecisions();
        return entries.size();
    }

    /**
     * Hands on what is undelivered. At start, a command that had started is reported as interrupted (its outcome
     * is unknown; it is never run twice) and anything else is delivered now. When the log is reopened after a
     * failure, the dispatcher still holds what it was working on, and everything is handed to it as it stands.
     */
    private void resumeDeliveries(boolean afterStart) {
        int resumed = 0;
        int interrupted = 0;
        for (ActionHistory.Entry entry : evaluator.actionHistory().all()) {
            DeliveryState state = entry.state();
            if (state.status() != DeliveryState.Status.PENDING && state.status() != DeliveryState.Status.RETRYING) {
                continue;
            }
            if (afterStart && "command".equals(entry.action().receiver()) && state.attempts() > 0) {
                applyAndLog(new DeliveryUpdate(state.interrupted()));
                interrupted++;
            } else {
                sink.resume(entry.action(), state);
                resumed++;
            }
        }
        if (resumed + interrupted > 0) {
            LOG.infof("deliveries resumed: %d sent on, %d command(s) reported as interrupted", resumed, interrupted);
        }
    }

    /** Queues a tick unless one is already waiting: a busy engine needs no pile of them. */
    private void tick() {
        if (tickQueued.compareAndSet(false, true)) {
            try {
                submit(new Tick()).whenComplete((r, e) -> {
                    if (e != null && log.failure().isEmpty()) {
                        LOG.error("evaluation on clock tick failed", e);
                    }
                });
            } catch (RuntimeException e) {
                tickQueued.set(false);
            }
        }
    }

    /**
     * Applies an input on the engine thread; the stage completes with its result once it is on disk, or with
     * {@link Rejected}, or with {@link OverloadedException} when the state cannot be saved. Throws
     * {@link OverloadedException} at once when too many samples are waiting.
     */
    public <R> CompletionStage<R> submit(Input<R> input) {
        return submit(input, (result, state) -> result);
    }

    /**
     * Records how the delivery of an action stands (the dispatcher's reports). Reports that arrive while the
     * engine is busy are applied together, as one input with one evaluation; each stage completes once its
     * report is on disk.
     */
    public CompletionStage<Void> report(DeliveryState state) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        reports.add(new Report(state, done));
        if (reportsQueued.compareAndSet(false, true)) {
            thread.execute(this::applyReports);
        }
        return done;
    }

    private void applyReports() {
        reportsQueued.set(false);
        List<Report> batch = new ArrayList<>();
        for (Report r; (r = reports.poll()) != null;) {
            batch.add(r);
        }
        if (batch.isEmpty()) {
            return;
        }
        Input<Void> input = batch.size() == 1 ? new DeliveryUpdate(batch.get(0).state())
                : new DeliveryUpdates(batch.stream().map(Report::state).toList());
        CompletableFuture<Void> applied = new CompletableFuture<>();
        run(input, (r, view) -> r, applied);
        applied.whenComplete((ok, e) -> batch.forEach(r -> {
            if (e == null) {
                r.done().complete(null);
            } else {
                r.done().completeExceptionally(e);
            }
        }));
    }

    /**
     * Applies an input and turns its result into {@code view} on the engine thread, with the state after it, so a
     * live fact it returns can be copied safely; the stage completes once the input is on disk.
     */
    public <R, V> CompletionStage<V> submit(Input<R> input, BiFunction<R, EngineView, V> view) {
        CompletableFuture<V> result = new CompletableFuture<>();
        enqueue(input, view, result, false);
        return result;
    }

    /**
     * Samples whose answer carries nothing of their evaluation (remote write): the stage completes as soon as
     * the batch is on disk, while the engine goes on to evaluate it. That is as durable as {@link #submit} (a
     * restart replays the batch and decides what it decides), and as ordered: whatever is submitted or read
     * after the answer sees the batch evaluated. What it spares is the sender's wait for the evaluation, so the
     * engine evaluates one batch while the next is on its way instead of waiting for it. Refused as {@link
     * #submit} refuses (too many samples waiting, the series limit, the state not saved).
     */
    public CompletionStage<Void> accept(SampleBatch batch) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        enqueue(batch, (r, view) -> null, result, true);
        return result;
    }

    private <R, V> void enqueue(Input<R> input, BiFunction<R, EngineView, V> view, CompletableFuture<V> result,
            boolean answerOnceLogged) {
        int samples = input instanceof SampleBatch batch ? batch.samples().size() : 0;
        long bytes = samples > 0 ? BatchSize.estimate((SampleBatch) input) : 0;
        boolean counted = !(samples > 0 || input instanceof Tick || input instanceof DeliveryUpdate
                || input instanceof DeliveryUpdates);
        if (samples > 0) {
            admitSamples(samples, bytes);
        } else if (counted) {
            admitRequest();
        }
        thread.execute(() -> {
            if (samples > 0) {
                queuedSamples.addAndGet(-samples);
                queuedBytes.addAndGet(-bytes);
            } else if (counted) {
                queuedRequests.decrementAndGet();
            }
            if (input instanceof Tick) {
                tickQueued.set(false);
            }
            run(input, view, result, answerOnceLogged);
        });
    }

    private void admitSamples(int samples, long bytes) {
        if (samples > queues.maxSamples() || bytes > queues.maxBytes()) {
            throw new TooLargeException("body", "a batch of " + samples + " samples (about " + bytes
                    + " bytes in memory) is larger than the whole ingest queue (tocsin.ingest.max-queued-samples="
                    + queues.maxSamples() + ", max-queued-bytes=" + queues.maxBytes() + "); send smaller batches");
        }
        if (queuedSamples.addAndGet(samples) > queues.maxSamples()) {
            queuedSamples.addAndGet(-samples);
            throw new OverloadedException("the engine is behind (" + queues.maxSamples()
                    + " samples waiting, tocsin.ingest.max-queued-samples); retry the batch shortly", "queued-samples");
        }
        if (queuedBytes.addAndGet(bytes) > queues.maxBytes()) {
            queuedBytes.addAndGet(-bytes);
            queuedSamples.addAndGet(-samples);
            throw new OverloadedException("the engine is behind (" + queues.maxBytes()
                    + " bytes of samples waiting, tocsin.ingest.max-queued-bytes); retry the batch shortly",
                    "queued-bytes");
        }
    }

    private void admitRequest() {
        if (queuedRequests.incrementAndGet() > queues.maxRequests()) {
            queuedRequests.decrementAndGet();
            throw new OverloadedException("the engine is behind (" + queues.maxRequests()
                    + " requests waiting, tocsin.ingest.max-queued-requests); retry shortly", "queued-requests");
        }
    }

    private <R, V> void run(Input<R> input, BiFunction<R, EngineView, V> view, CompletableFuture<V> result) {
        run(input, view, result, false);
    }

    /** With {@code answerOnceLogged} the stage completes (with null) once the input is on disk, see accept. */
    private <R, V> void run(Input<R> input, BiFunction<R, EngineView, V> view, CompletableFuture<V> answer,
            boolean answerOnceLogged) {
        if (evaluator == null || log.failure().isPresent()) {
            answer.completeExceptionally(unavailable());
            return;
        }
        long wallNow = wallClock == null ? 0L : wallClock.getAsLong();
        if (input instanceof SampleBatch batch) {
            try {
                evaluator.admit(batch); // over the series limit: refused before the journal, as it changes nothing
            } catch (Rejected e) {
                answer.completeExceptionally(e);
                return;
            }
        }
        long seq;
        try {
            seq = log.append(new Entry.Applied(wallNow, input)); // before applying: never half-applied
        } catch (StateLog.Unwritable e) {
            LOG.errorf("the state log cannot be written (%s): refusing input until it can", e.getMessage());
            answer.completeExceptionally(unavailable());
            return;
        }
        lastSeq = seq;
        if (answerOnceLogged) { // answered here; what follows (evaluation, decisions) completes no one's stage
            log.durable(seq, false).whenComplete((ok, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(notSaved(failure));
                } else {
                    answer.complete(null);
                }
            });
        }
        CompletableFuture<V> result = answerOnceLogged ? new CompletableFuture<>() : answer;
        V value;
        try {
            long started = System.nanoTime();
            R applied = evaluator.apply(input, wallNow);
            if (applied instanceof IngestResult ingested && observer != null) {
                observer.evaluated(ingested, System.nanoTime() - started);
            }
            value = view.apply(applied, evaluator);
        } catch (Throwable t) {
            evaluator.drainDecisions(); // none were decided by a rejected input; a bug's are not handed on
            if (answerOnceLogged) {
                LOG.errorf(t, "evaluating %s failed after it was accepted; it stays in the journal", input.kind());
            }
            result.completeExceptionally(t);
            return;
        }
        ActionPlanner.Decisions decisions = evaluator.drainDecisions();
        if (!decisions.all().isEmpty()) {
            try {
                lastSeq = log.append(new Entry.Decided(decisions.all()));
            } catch (StateLog.Unwritable e) {
                LOG.errorf("the decisions of an input cannot be written (%s): they are recovered from the journal"
                        + " once it can be written again", e.getMessage());
                result.completeExceptionally(new OverloadedException("state cannot be saved: "
                        + log.failure().orElse(e.getMessage()) + "; the request is recorded but not all its effects"
                        + " are, retry it later"));
                return;
            }
        }
        // nothing queued behind this input: force the journal here rather than hand it to the journal's thread
        log.durable(lastSeq, thread.getQueue().isEmpty()).whenComplete((ok, failure) -> {
            if (failure != null) {
                result.completeExceptionally(notSaved(failure));
                return;
            }
            for (Action action : decisions.toDeliver()) {
                try {
                    sink.dispatch(action);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "could not hand action #%d to the dispatcher", action.id());
                }
            }
            result.complete(value);
        });
        maybeSnapshot();
    }

    /** An input applied and logged without an answer (the engine's own, e.g. an interrupted command). */
    private void applyAndLog(Input<?> input) {
        run(input, (r, s) -> r, new CompletableFuture<>());
    }

    private OverloadedException notSaved(Throwable failure) {
        return new OverloadedException("state cannot be saved: " + log.failure().orElse(failure.getMessage())
                + "; the request may not have been saved, retry it later");
    }

    private OverloadedException unavailable() {
        return new OverloadedException("state cannot be saved: " + log.failure().orElse("the engine is not open")
                + "; nothing of this request was applied, retry later");
    }

    private void maybeSnapshot() {
        if (!snapshotting && (log.sinceSnapshot() >= snapshots.bytes()
                || System.nanoTime() - snapshotAt >= TimeUnit.MILLISECONDS.toNanos(snapshots.millis())
                        && log.sinceSnapshot() > 0)) {
            takeSnapshot();
        }
    }

    /** Captures the state on the engine thread; the log writes it in the background. */
    private CompletionStage<Void> takeSnapshot() {
        snapshotting = true;
        snapshotAt = System.nanoTime();
        EngineState state = evaluator.capture();
        long seq = lastSeq;
        return log.snapshot(state, seq).whenComplete((ok, e) -> {
            thread.execute(() -> snapshotting = false);
            if (e != null) {
                LOG.errorf(e, "could not write the snapshot at %d; the journal keeps everything meanwhile", seq);
            }
        });
    }

    /** After the log failed: once it can be written again, continue from what is on disk. */
    private void retryLog() {
        if (log.failure().isPresent() && log.reopen()) {
            thread.execute(() -> {
                try {
                    recover();
                    LOG.info("the state log can be written again; continuing from what it holds");
                } catch (RuntimeException e) {
                    LOG.error("could not continue from the state log", e);
                }
            });
        }
    }

    /**
     * Swaps to {@code next} rules between two inputs, keeping the state: series, alerts of rules that still exist
     * (same ids and times), silences, acknowledgements, deployments, watches, the action history. First the alerts
     * of rules that {@code next} lacks are resolved under the running rules (a journaled input, so their resolve
     * notifications go out as those rules route them); then the state moves into a session of {@code next}, and a
     * snapshot fixes it, so no journal entry is ever replayed across the change. Completes once that snapshot is
     * on disk.
     */
    public CompletionStage<Reloaded> reload(RuleSet next) {
        return reload(next, null);
    }

    /**
     * As {@link #reload(RuleSet)}, asked by {@code origin} (null: not an operator's request): the retirement input
     * then carries it, so the audit trail records the reload, also one that changed nothing.
     */
    public CompletionStage<Reloaded> reload(RuleSet next, Origin origin) {
        CompletableFuture<Reloaded> done = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                swap(next, origin, done);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void swap(RuleSet next, Origin origin, CompletableFuture<Reloaded> done) {
        if (evaluator == null || log.failure().isPresent()) {
            done.completeExceptionally(unavailable());
            return;
        }
        String hash = next.catalog().contentHash();
        if (hash.equals(rules.catalog().contentHash())) {
            Reloaded unchanged = new Reloaded(rules.origin(), hash, false, List.of(), 0);
            if (origin == null) {
                done.complete(unchanged);
                return;
            }
            CompletableFuture<Integer> recorded = new CompletableFuture<>(); // retires nothing: the audit entry
            run(new Attributed<>(origin, new RetireRules(List.of())), (resolved, view) -> resolved, recorded);
            recorded.whenComplete((r, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    done.complete(unchanged);
                }
            });
            return;
        }
        List<String> removed = rules.catalog().all().stream()
                .filter(r -> r.holdsConditions() || r.isSuccessCriterion())
                .map(io.tocsin.engine.fact.RuleInfo::id)
                .filter(id -> {
                    io.tocsin.engine.fact.RuleInfo now = next.catalog().byId(id);
                    return now == null || !(now.holdsConditions() || now.isSuccessCriterion());
                })
                .sorted().toList();
        CompletableFuture<Integer> retired = new CompletableFuture<>();
        snapshotting = true; // the snapshot below follows the retirement; none in between
        Input<Integer> retire = origin == null ? new RetireRules(removed)
                : new Attributed<>(origin, new RetireRules(removed));
        run(retire, (resolved, view) -> resolved, retired);
        if (retired.isCompletedExceptionally()) {
            snapshotting = false;
            retired.whenComplete((r, e) -> done.completeExceptionally(e)); // nothing changed: the log refused it
            return;
        }
        long wallNow = wallClock == null ? 0L : wallClock.getAsLong();
        Evaluator fresh = opener.open(next, wallNow, evaluator.capture());
        Evaluator old = evaluator;
        evaluator = fresh;
        rules = next;
        old.close();
        LOG.infof("rules reloaded from %s (%s, %d rules); %d rule(s) removed", next.origin(), hash,
                next.catalog().all().size(), removed.size());
        retired.thenCombine(takeSnapshot(), (resolved, ok) -> new Reloaded(next.origin(), hash, true, removed,
                resolved)).whenComplete((r, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                    } else {
                        done.complete(r);
                    }
                });
    }

    /** The rules running now. */
    public RuleSet rules() {
        return rules;
    }

    /** Reads the engine's state on its thread, between inputs; 503 when too many requests wait. */
    public <T> CompletionStage<T> read(Function<EngineView, T> query) {
        admitRequest();
        CompletableFuture<T> result = new CompletableFuture<>();
        thread.execute(() -> {
            queuedRequests.decrementAndGet();
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

    /** Open, and able to save what it is given. */
    public boolean ready() {
        return evaluator != null && !thread.isShutdown() && log.failure().isEmpty();
    }

    /** Why the engine cannot take input, if it cannot. */
    public java.util.Optional<String> failure() {
        return evaluator == null ? java.util.Optional.of("not open yet") : log.failure();
    }

    /** Sizes after the last pass; safe from any thread. */
    public Evaluator.Counts counts() {
        Evaluator ev = evaluator;
        return ev == null ? Evaluator.Counts.none() : ev.counts();
    }

    /** Samples submitted and not yet applied (the ingest queue); safe from any thread. */
    public long queuedSamples() {
        return queuedSamples.get();
    }

    /** Stops taking work, lets queued inputs finish, snapshots the state and closes the log. */
    @Override
    public void close() {
        ticker.shutdownNow();
        CompletableFuture<CompletionStage<Void>> last = new CompletableFuture<>();
        thread.execute(() -> last.complete(evaluator != null && log.failure().isEmpty() && log.sinceSnapshot() > 0
                ? takeSnapshot() : CompletableFuture.completedFuture(null)));
        try {
            last.get(10, TimeUnit.SECONDS).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("no snapshot at shutdown; the journal has everything and is replayed at the next start", e);
        }
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
        Evaluator ev = evaluator;
        if (ev != null) {
            ev.close();
        }
    }
}
