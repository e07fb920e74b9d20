package io.tocsin.engine;

import io.tocsin.ingest.BatchReceipt;
import io.tocsin.ingest.SampleBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The engine's end of the {@code samples} channel. A batch is acknowledged only after it has been evaluated,
 * so whoever sent it (the REST endpoint, later a broker) knows its effects are in place; a failed evaluation
 * is negatively acknowledged.
 */
@ApplicationScoped
public class BatchConsumer {

    private static final Logger LOG = Logger.getLogger(BatchConsumer.class);

    @Inject
    Engine engine;

    @Incoming("samples")
    public CompletionStage<Void> consume(Message<SampleBatch> message) {
        return engine.apply(message.getPayload())
                .thenCompose(result -> {
                    message.getMetadata(BatchReceipt.class).ifPresent(receipt -> receipt.complete(result));
                    return message.ack();
                })
                .exceptionallyCompose(failure -> {
                    LOG.error("evaluating a batch of " + message.getPayload().samples().size() + " samples failed",
                            failure);
                    return message.nack(failure);
                });
    }
}
