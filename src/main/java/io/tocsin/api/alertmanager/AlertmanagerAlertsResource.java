package io.tocsin.api.alertmanager;

import io.tocsin.config.ExternalUrl;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Alertmanager API v2 alerts, for {@code amtool alert query}, Grafana and karma: {@code GET /api/v2/alerts} (the
 * firing alerts, by fingerprint) and {@code GET /api/v2/alerts/groups} (by receiver and alertname), both with
 * {@code active}, {@code silenced}, {@code inhibited}, {@code unprocessed}, {@code filter} and {@code receiver}.
 * {@code POST /api/v2/alerts} is refused: Tocsin raises alerts from its own rules.
 */
@Path("/api/v2/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READ)
public class AlertmanagerAlertsResource {

    static final String NO_ALERT_INPUT = "Tocsin raises alerts from its own rules and takes no alerts from other"
            + " sources: send Prometheus' samples to POST /api/v1/write (remote write) and let Tocsin's rules alert"
            + " on them, or keep sending Prometheus' alerts to an Alertmanager (Tocsin can forward its alerts there"
            + " with the alertmanager receiver)";

    @Inject
    Engine engine;
    @Inject
    TocsinConfig config;
    @Inject
    ExternalUrl externalUrl;

    @GET
    public CompletionStage<List<GettableAlert>> alerts(@QueryParam("active") String active,
            @QueryParam("silenced") String silenced, @QueryParam("inhibited") String inhibited,
            @QueryParam("unprocessed") String unprocessed, @QueryParam("filter") List<String> filter,
            @QueryParam("receiver") String receiver) {
        AlertQuery query = AlertQuery.parse(active, silenced, inhibited, unprocessed, filter, receiver);
        long validFor = validForMillis();
        String base = externalUrl.get();
        return AlertmanagerApiError.translated(engine.read(FiringAlert::all)).thenApply(all -> all.stream()
                .filter(query::accepts).filter(query::acceptsReceivers)
                .map(f -> GettableAlert.of(f, validFor, base))
                .sorted(Comparator.comparing(GettableAlert::fingerprint)).toList());
    }

    @GET
    @Path("groups")
    public CompletionStage<List<AlertGroup>> groups(@QueryParam("active") String active,
            @QueryParam("silenced") String silenced, @QueryParam("inhibited") String inhibited,
            @QueryParam("filter") List<String> filter, @QueryParam("receiver") String receiver) {
        AlertQuery query = AlertQuery.parse(active, silenced, inhibited, null, filter, receiver);
        long validFor = validForMillis();
        String base = externalUrl.get();
        return AlertmanagerApiError.translated(engine.read(FiringAlert::all)).thenApply(all -> {
            // receiver → alertname → alerts, both sorted
            Map<String, Map<String, List<GettableAlert>>> groups = new TreeMap<>();
            for (FiringAlert f : all) {
                if (!query.accepts(f)) {
                    continue;
                }
                GettableAlert alert = GettableAlert.of(f, validFor, base);
                List<String> receivers = f.receivers().isEmpty() ? List.of(Receivers.NONE)
                        : List.copyOf(f.receivers());
                for (String r : receivers) {
                    if (query.acceptsReceiver(r)) {
                        groups.computeIfAbsent(r, k -> new TreeMap<>())
                                .computeIfAbsent(f.alert().name(), k -> new ArrayList<>()).add(alert);
                    }
                }
            }
            List<AlertGroup> out = new ArrayList<>();
            groups.forEach((r, byName) -> byName.forEach((name, alerts) -> {
                alerts.sort(Comparator.comparing(GettableAlert::fingerprint));
                out.add(new AlertGroup(Map.of("alertname", name), new GettableAlert.Receiver(r), alerts));
            }));
            return out;
        });
    }

    /** Alertmanager's input for alerts, which Tocsin does not have: 405 saying so. */
    @POST
    @RolesAllowed(Roles.INGEST)
    public Response post() {
        return AlertmanagerErrors.methodNotAllowed(NO_ALERT_INPUT);
    }

    private long validForMillis() {
        return 4 * config.alertmanagerResendDelay().toMillis();
    }
}
