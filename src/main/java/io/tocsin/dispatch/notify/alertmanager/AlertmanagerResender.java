package io.tocsin.dispatch.notify.alertmanager;

import io.quarkus.runtime.StartupEvent;
import io.tocsin.config.ExternalUrl;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.Delivery;
import io.tocsin.engine.Engine;
import io.tocsin.engine.Snapshots;
import io.tocsin.engine.action.AlertSnapshot;
import io.tocsin.engine.fact.Alert;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends forwarded alerts to their Alertmanagers again every {@code tocsin.alertmanager-resend-delay} (1m), as
 * Prometheus re-sends firing alerts: each firing one valid for four more delays, so Alertmanager does not resolve
 * it by timeout, and each resolved one (while Tocsin lists it) as resolved. It only reads the engine's state
 * ({@link Forwarded}), never changes it, and keeps none of its own: after a restart it carries on from the
 * restored state. A failed send is not retried: the next round sends again (a warning when an Alertmanager starts
 * failing, a line when it is back).
 */
@ApplicationScoped
public class AlertmanagerResender {

    private static final Logger LOG = Logger.getLogger(AlertmanagerResender.class);

    /** Alerts per request, as Prometheus' notifier batches them. */
    static final int MAX_BATCH = 64;

    @Inject
    TocsinConfig config;
    @Inject
    Engine engine;
    @Inject
    AlertmanagerClient client;
    @Inject
    ExternalUrl externalUrl;

    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        if (!config.serve() || config.alertmanagers().isEmpty()) {
            return;
        }
        long every = config.alertmanagerResendDelay().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tocsin-alertmanager-resend");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::resendSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void resendSafely() {
        try {
            resend();
        } catch (RuntimeException e) {
            LOG.error("re-sending alerts to Alertmanager failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("re-sending alerts to Alertmanager skipped this round: %s", e.toString());
        }
    }

    /** One round: what the engine's state says was forwarded, sent again. */
    void resend() throws Exception {
        if (!engine.ready()) {
            return;
        }
        long validUntil = System.currentTimeMillis() + AlertmanagerReceiver.validForMillis(config);
        String base = externalUrl.get();
        Map<String, List<PostableAlert>> rounds = engine.read(view -> {
            Map<String, Set<String>> destinations = Forwarded.destinations(view.actionHistory()
                    .query(Forwarded::forwarded, null));
            List<AlertSnapshot> firing = view.activeAlerts().stream()
                    .filter(a -> a.isFiring() && destinations.containsKey(a.getId())).map(Snapshots::of).toList();
            List<AlertSnapshot> resolved = view.resolvedAlerts().stream()
                    .filter(a -> destinations.containsKey(a.getId())).map(Snapshots::of).toList();
            return Forwarded.toResend(destinations, firing, resolved, validUntil, base);
        }).toCompletableFuture().get(30, TimeUnit.SECONDS);
        rounds.forEach(this::send);
    }

    private void send(String destination, List<PostableAlert> alerts) {
        if (!config.alertmanagers().containsKey(destination)) {
            if (failing.put(destination, "not configured") == null) {
                LOG.warnf("alerts were forwarded to Alertmanager '%s', which is no longer configured"
                        + " (tocsin.alertmanagers.%s.url); not sending them again", destination, destination);
            }
            return;
        }
        for (int from = 0; from < alerts.size(); from += MAX_BATCH) {
            List<PostableAlert> batch = alerts.subList(from, Math.min(alerts.size(), from + MAX_BATCH));
            Delivery delivery = client.post(destination, batch);
            if (delivery.outcome() != Delivery.Outcome.SENT) {
                if (failing.put(destination, delivery.error()) == null) {
                    LOG.warnf("re-sending %d alert(s) to Alertmanager '%s' failed (%s); trying again every %s",
                            alerts.size(), destination, delivery.error(), config.alertmanagerResendDelay());
                }
                return;
            }
        }
        if (failing.remove(destination) != null) {
            LOG.infof("Alertmanager '%s' takes alerts again (%d re-sent)", destination, alerts.size());
        }
    }
}
