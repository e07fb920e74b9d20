package io.tocsin.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tocsin.http.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Small bodies are handled where they arrive, large ones on the workers; failures come out unwrapped. */
class BodyWorkTest {

    /** Runs nothing until asked, so a test sees what was handed to the workers. */
    static final class Workers implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            queued.forEach(Runnable::run);
            queued.clear();
        }
    }

    @Test
    void aSmallBodyIsHandledOnTheCallersThreadAndALargeOneOnAWorker() throws Exception {
        Workers workers = new Workers();
        Thread caller = Thread.currentThread();
        Supplier<CompletionStage<Thread>> where = () -> CompletableFuture.completedFuture(Thread.currentThread());

        CompletionStage<Thread> small = BodyWork.run(BodyWork.INLINE_BYTES, where, workers);
        assertSame(caller, small.toCompletableFuture().get());
        assertEquals(0, workers.queued.size());

        CompletionStage<Thread> large = BodyWork.run(BodyWork.INLINE_BYTES + 1, where, workers);
        assertEquals(false, large.toCompletableFuture().isDone());
        assertEquals(1, workers.queued.size());
        workers.runAll();
        assertSame(caller, large.toCompletableFuture().get()); // the stand-in worker runs on this thread
    }

    @Test
    void aLargeBodysFailureIsTheParsersOwnException() {
        Workers workers = new Workers();
        InvalidInputException refused = new InvalidInputException("[3].metric", "not a metric name");
        CompletionStage<Object> thrown = BodyWork.run(BodyWork.INLINE_BYTES * 2, () -> {
            throw refused;
        }, workers);
        CompletionStage<Object> failed = BodyWork.run(BodyWork.INLINE_BYTES * 2,
                () -> CompletableFuture.failedFuture(refused), workers);
        workers.runAll();
        for (CompletionStage<Object> stage : List.of(thrown, failed)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get());
            assertSame(refused, e.getCause()); // not a CompletionException around it: the mappers word it
            assertSame(refused, stage.toCompletableFuture().handle((v, t) -> t).join());
        }
    }
}
