package io.tocsin.engine;

import static io.tocsin.testing.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tocsin.engine.action.ActionSink;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.rules.RuleSet;
import io.tocsin.engine.state.StateLog;
import io.tocsin.testing.TestRules;
import io.tocsin.testing.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What waits for the engine thread is bounded three ways: samples, their estimated bytes, and other requests
 * (operator inputs and reads). A full queue is a 503 ({@link OverloadedException}, naming the queue); a batch
 * larger than the whole queue is a 413 ({@link TooLargeException}), since retrying cannot help.
 */
class EngineQueuesTest {

    private static Engine engine(Engine.Queues queues) throws Exception {
        var compiled = TestRules.fixture();
        RuleSet fixture = new RuleSet(compiled::newSession, compiled.catalog(), "test");
        Engine engine = new Engine(() -> fixture, (rules, openedAt, saved) -> new Evaluator(rules.newSession(),
                rules.catalog(), Evaluator.Settings.defaults(), false, 0L, Evaluator.Setup.inMemory(Timeline.POLICY),
                saved), null, 1_000, queues, ActionSink.none(), null, StateLog.none(), Engine.SnapshotPolicy.defaults());
        engine.start();
        return engine;
    }

    private static SampleBatch batch(int samples, int labelBytes) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            out.add(sample("load", Map.of("instance", "i" + i, "pad", "x".repeat(labelBytes)), 1, 1_000));
        }
        return new SampleBatch(out);
    }

    /**
     * Holds the engine thread until the latch opens (a read; it stops counting once it runs). Returns once the
     * engine thread is in it, so what is submitted after waits in the queue.
     */
    private static CompletableFuture<Object> hold(Engine engine, CountDownLatch latch) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Object> held = engine.read(v -> {
            running.countDown();
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }).toCompletableFuture();
        if (!running.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the engine thread did not start the holding read");
        }
        return held;
    }

    @Test
    void samplesBytesAndRequestsAreBounded() throws Exception {
        try (Engine engine = engine(new Engine.Queues(100, 200_000, 2))) {
            CountDownLatch latch = new CountDownLatch(1);
            CompletableFuture<Object> held = hold(engine, latch);
            var first = engine.submit(batch(60, 10)).toCompletableFuture();
            OverloadedException samples = assertThrows(OverloadedException.class,
                    () -> engine.submit(batch(60, 10)));
            assertEquals("queued-samples", samples.limit());
            OverloadedException bytes = assertThrows(OverloadedException.class,
                    () -> engine.submit(batch(30, 3_000)));
            assertEquals("queued-bytes", bytes.limit());
            TooLargeException tooMany = assertThrows(TooLargeException.class, () -> engine.submit(batch(101, 1)));
            assertEquals("body", tooMany.field());
            assertThrows(TooLargeException.class, () -> engine.submit(batch(70, 3_000)),
                    "more bytes than the whole queue");

            var read = engine.read(v -> 1).toCompletableFuture(); // two requests wait
            var third = engine.read(v -> 2).toCompletableFuture();
            OverloadedException requests = assertThrows(OverloadedException.class, () -> engine.read(v -> 3));
            assertEquals("queued-requests", requests.limit());

            latch.countDown();
            held.get(10, TimeUnit.SECONDS);
            assertEquals(60, first.get(10, TimeUnit.SECONDS).accepted());
            assertEquals(1, read.get(10, TimeUnit.SECONDS));
            assertEquals(2, third.get(10, TimeUnit.SECONDS));
            assertEquals(60, engine.submit(batch(60, 10)).toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .accepted(), "room again once the engine caught up");
        }
    }
}
