package io.tocsin.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The one way a validated batch reaches the engine, for every ingest endpoint: over the {@code samples} channel,
 * completing when the engine has applied and evaluated it (so a 2xx means the batch is evaluated). A full channel
 * buffer (256 batches) means the engine is behind: {@link OverloadedException}, which clients see as 503 and
 * retry.
 */
@ApplicationScoped
public class BatchSubmitter {

    @Inject
    @Channel("samples")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 256)
    Emitter<SampleBatch> samples;

    public CompletionStage<IngestResult> submit(SampleBatch batch) {
        BatchReceipt receipt = new BatchReceipt();
        CompletableFuture<IngestResult> evaluated = new CompletableFuture<>();
        try {
            samples.send(Message.of(batch, Metadata.of(receipt),
                    () -> {
                        evaluated.complete(receipt.result());
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        evaluated.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (IllegalStateException e) {
            // the channel's buffer is full: the engine is behind, the client should retry shortly
            throw new OverloadedException("the engine is behind; retry the batch shortly");
        }
        return evaluated;
    }
}
