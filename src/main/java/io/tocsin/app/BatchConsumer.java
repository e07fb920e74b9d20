package io.tocsin.app;

import io.tocsin.engine.Engine;
import io.tocsin.engine.input.SampleBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Batches that arrive over the {@code samples} channel (a broker, once one is configured on it; the HTTP
 * endpoints hand their batches to the engine directly). A message is acknowledged once its batch is evaluated,
 * and negatively acknowledged if the engine refused it.
 */
@ApplicationScoped
public class BatchConsumer {

    private static final Logger LOG = Logger.getLogger(BatchConsumer.class);

    @Inject
    Engine engine;

    @Incoming("samples")
    public CompletionStage<Void> consume(Message<SampleBatch> message) {
        return engine.submit(message.getPayload())
                .thenCompose(result -> message.ack())
                .exceptionallyCompose(failure -> {
                    LOG.error("a batch of " + message.getPayload().samples().size() + " samples from the samples"
                            + " channel failed", failure);
                    return message.nack(failure);
                });
    }
}
