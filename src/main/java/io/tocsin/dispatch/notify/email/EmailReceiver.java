package io.tocsin.dispatch.notify.email;

import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.action.Action;
import io.tocsin.dispatch.Delivery;
import io.tocsin.dispatch.Messages;
import io.tocsin.dispatch.Receiver;
import io.tocsin.dispatch.notify.LogReceiver;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Email over SMTP ({@code tocsin.email.*}) to the recipients of a destination
 * ({@code tocsin.email.recipients.<destination>}); without an SMTP host or recipients it delivers to the log.
 * Uses the Vert.x mail client on Quarkus' Vert.x.
 */
@ApplicationScoped
public class EmailReceiver implements Receiver {

    @Inject
    TocsinConfig config;
    @Inject
    Vertx vertx;
    @Inject
    LogReceiver log;

    private volatile MailClient client;

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Delivery deliver(Action action) {
        List<String> to = config.email().recipients().get(action.destination());
        if (config.email().host().isEmpty() || to == null || to.isEmpty()) {
            return log.deliver(action);
        }
        MailMessage message = new MailMessage().setFrom(config.email().from()).setTo(to)
                .setSubject(Messages.title(action)).setText(Messages.body(action));
        try {
            client().sendMail(message).toCompletionStage().toCompletableFuture()
                    .get(config.dispatch().timeout().toMillis(), TimeUnit.MILLISECONDS);
            return Delivery.sent("smtp");
        } catch (TimeoutException e) {
            return Delivery.retryable("smtp", "timed out");
        } catch (ExecutionException e) {
            String error = "SMTP: " + e.getCause().getMessage();
            // SMTP 5xx replies are permanent (bad recipient, rejected); everything else may pass later.
            return error.matches("(?s).*\\b5\\d\\d\\b.*") ? Delivery.permanent("smtp", error)
                    : Delivery.retryable("smtp", error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.retryable("smtp", "interrupted");
        }
    }

    private MailClient client() {
        MailClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    TocsinConfig.Email email = config.email();
                    MailConfig mail = new MailConfig().setHostname(email.host().orElseThrow()).setPort(email.port())
                            .setStarttls(StartTLSOptions.valueOf(email.starttls().toUpperCase(Locale.ROOT)))
                            .setConnectTimeout((int) config.dispatch().timeout().toMillis());
                    email.username().ifPresent(mail::setUsername);
                    email.password().ifPresent(mail::setPassword);
                    client = MailClient.create(vertx, mail);
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
