package io.tocsin.dispatch.notify.alertmanager;

import io.tocsin.config.ExternalUrl;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.Delivery;
import io.tocsin.dispatch.Receiver;
import io.tocsin.dispatch.notify.LogReceiver;
import io.tocsin.engine.action.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Forwards alerts to an Alertmanager ({@code new Notify($a, "alertmanager", "main")}; the destination names
 * {@code tocsin.alertmanagers.main}): a firing alert as Prometheus sends it, its resolve with {@code endsAt}. The
 * {@link AlertmanagerResender} sends them again while they fire. Only alerts travel this way: an escalation or an
 * announcement routed here fails with a message saying so. A destination without a URL delivers to the log.
 */
@ApplicationScoped
public class AlertmanagerReceiver implements Receiver {

    public static final String NAME = "alertmanager";

    @Inject
    TocsinConfig config;
    @Inject
    AlertmanagerClient client;
    @Inject
    ExternalUrl externalUrl;
    @Inject
    LogReceiver log;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Delivery deliver(Action action) {
        if (!config.alertmanagers().containsKey(action.destination())) {
            return log.deliver(action);
        }
        PostableAlert alert = switch (action.kind()) {
            case NOTIFY -> PostableAlert.firing(action.alert(), System.currentTimeMillis() + validForMillis(config),
                    externalUrl.get());
            case RESOLVE -> PostableAlert.resolved(action.alert(), externalUrl.get());
            case ESCALATE, REMEDIATE, ROLLBACK, PROMOTE, ANNOUNCE -> null;
        };
        if (alert == null) {
            return Delivery.permanent("none", "the alertmanager receiver forwards alerts (notify and resolve),"
                    + " not " + action.type() + " actions; route those to another receiver");
        }
        return client.post(action.destination(), List.of(alert));
    }

    /** How long a firing alert stays valid in Alertmanager without another send: four resend delays. */
    static long validForMillis(TocsinConfig config) {
        return 4 * config.alertmanagerResendDelay().toMillis();
    }
}
