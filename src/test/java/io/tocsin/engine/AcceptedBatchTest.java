package io.tocsin.engine;

import static io.tocsin.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.ActionSink;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.rules.RuleSet;
import io.tocsin.engine.state.Entry;
import io.tocsin.engine.state.EngineState;
import io.tocsin.engine.state.StateLog;
import io.tocsin.testing.TestRules;
import io.tocsin.testing.Timeline;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#accept} (remote write) answers once the batch is on disk, without waiting for its evaluation; what
 * is read after the answer sees the batch evaluated, and a batch whose force fails is not acknowledged.
 */
class AcceptedBatchTest {

    /** A journal whose forces the test completes, one per sequence number asked for. */
    private static final class HeldLog implements StateLog {
        final List<Entry> appended = new CopyOnWriteArrayList<>();
        final Map<Long, CompletableFuture<Void>> forces = new ConcurrentHashMap<>();

        CompletableFuture<Void> force(long seq) {
            return forces.computeIfAbsent(seq, s -> new CompletableFuture<>());
        }

        @Override
        public Recovered recover() {
            return new Recovered(null, 0, List.of());
        }

        @Override
        public long append(Entry entry) {
            appended.add(entry);
            return appended.size();
        }

        @Override
        public CompletionStage<Void> durable(long seq) {
            return force(seq);
        }

        @Override
        public long sinceSnapshot() {
            return 0;
        }

        @Override
        public CompletionStage<Void> snapshot(EngineState state, long seq) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public boolean reopen() {
            return true;
        }

        @Override
        public void close() {
            // nothing kept
        }
    }

    private static Engine engine(StateLog log, int maxSeries) throws Exception {
        var compiled = TestRules.fixture();
        RuleSet fixture = new RuleSet(compiled::newSession, compiled.catalog(), "test");
        Evaluator.Settings settings = maxSeries > 0 ? Evaluator.Settings.defaults()
                .withLimits(EngineLimits.defaults().withMaxSeries(maxSeries))
                : Evaluator.Settings.defaults();
        Engine engine = new Engine(() -> fixture, (rules, openedAt, saved) -> new Evaluator(rules.newSession(),
                rules.catalog(), settings, false, 0L, Evaluator.Setup.inMemory(Timeline.POLICY), saved), null, 1_000,
                Engine.Queues.samples(100_000), ActionSink.none(), null, log, Engine.SnapshotPolicy.defaults());
        engine.start();
        return engine;
    }

    private static SampleBatch down(String instance) {
        return new SampleBatch(List.of(sample("up", Map.of("job", "genesis-orchestration", "instance", instance), 0,
                60_000)));
    }

    @Test
    void theAnswerWaitsForTheBatchOnDiskAndReadsAfterItSeeItEvaluated() throws Exception {
        HeldLog log = new HeldLog();
        try (Engine engine = engine(log, 0)) {
            var answer = engine.accept(down("a")).toCompletableFuture();
            var alerts = engine.read(view -> view.activeAlerts().size()).toCompletableFuture();
            assertEquals(1, alerts.get(10, TimeUnit.SECONDS), "evaluated before the read queued after it");
            assertInstanceOf(Entry.Applied.class, log.appended.get(0));
            assertFalse(answer.isDone(), "not answered before the batch is forced to disk");

            log.force(1).complete(null);
            answer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void submitWaitsForTheForceAfterItsEvaluationAcceptOnlyForItsOwn() throws Exception {
        HeldLog log = new HeldLog();
        try (Engine engine = engine(log, 0)) {
            var submitted = engine.submit(down("a")).toCompletableFuture();
            var accepted = engine.accept(down("b")).toCompletableFuture();
            engine.read(view -> null).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(2, log.appended.size(), "one Applied entry each; a pending alert decides nothing");

            log.force(2).complete(null); // the accepted batch's own entry
            accepted.get(10, TimeUnit.SECONDS);
            assertFalse(submitted.isDone(), "submit's answer waits for its own force");
            log.force(1).complete(null);
            assertEquals(1, submitted.get(10, TimeUnit.SECONDS).accepted());
        }
    }

    @Test
    void aBatchThatCannotBeForcedIsNotAcknowledged() throws Exception {
        HeldLog log = new HeldLog();
        try (Engine engine = engine(log, 0)) {
            var answer = engine.accept(down("a")).toCompletableFuture();
            engine.read(view -> null).toCompletableFuture().get(10, TimeUnit.SECONDS);
            log.force(1).completeExceptionally(new StateLog.Unwritable("disk full", null));
            ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(10, TimeUnit.SECONDS));
            assertInstanceOf(OverloadedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("state cannot be saved"), e.getCause().getMessage());
        }
    }

    @Test
    void aBatchOverTheSeriesLimitIsRefusedBeforeTheJournal() throws Exception {
        HeldLog log = new HeldLog();
        try (Engine engine = engine(log, 1)) {
            engine.accept(down("a"));
            log.force(1).complete(null);
            var refused = engine.accept(down("b")).toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
            assertInstanceOf(Rejected.class, e.getCause());
            assertEquals(1, log.appended.size(), "nothing of the refused batch in the journal");
        }
    }
}
