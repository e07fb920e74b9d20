package io.tocsin.app;

import io.smallrye.reactive.messaging.connector.InboundConnector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Flow;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

/**
 * The source of the {@code samples} channel until a broker is configured on it
 * ({@code mp.messaging.incoming.samples.connector}): it never emits. The HTTP endpoints do not need the channel;
 * they hand their batches to the engine directly.
 */
@ApplicationScoped
@Connector(IdleConnector.NAME)
public class IdleConnector implements InboundConnector {

    static final String NAME = "tocsin-idle";

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                // nothing to give: no broker
            }

            @Override
            public void cancel() {
                // nothing to stop
            }
        });
    }
}
