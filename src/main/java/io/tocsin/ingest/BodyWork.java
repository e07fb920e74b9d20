package io.tocsin.ingest;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Where an ingest request's body is parsed. The resources are called on the Vert.x event loop: a small body
 * (a breach, a replayed minute) is parsed right there, because handing it to a worker thread and back costs more
 * (about a quarter of a millisecond on 2 cores) than parsing it does; a large one (a bulk batch; for remote write
 * the decompressed size counts) goes to a worker thread, so big batches parse in parallel and never hold up the
 * event loop's other connections. Either way the stage fails with the parser's own exception, unwrapped, so the
 * error mappers word it as before.
 */
public final class BodyWork {

    /** Up to this many bytes to parse, on the event loop: tens of microseconds of work, far below the hop. */
    public static final int INLINE_BYTES = 16 * 1024;

    private BodyWork() {
    }

    /** {@code bytes}: what the parser reads (for remote write, the decompressed size). */
    public static <T> CompletionStage<T> run(long bytes, Supplier<CompletionStage<T>> work) {
        return run(bytes, work, Infrastructure.getDefaultWorkerPool());
    }

    static <T> CompletionStage<T> run(long bytes, Supplier<CompletionStage<T>> work, Executor workers) {
        if (bytes <= INLINE_BYTES) {
            return work.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        workers.execute(() -> {
            try {
                work.get().whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }
}
