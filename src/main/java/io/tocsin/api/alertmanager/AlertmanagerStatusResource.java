package io.tocsin.api.alertmanager;

import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
import io.tocsin.http.Times;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Alertmanager API v2 {@code GET /api/v2/status} and {@code GET /api/v2/receivers}. The version is Alertmanager's
 * API version with Tocsin's as build metadata ({@code 0.25.0+tocsin.0.1.0}), so clients that compare versions
 * (amtool warns when major.minor differ) treat Tocsin as the 0.25 API it answers; clustering is {@code disabled};
 * {@code config.original} is a comment saying that routing lives in the rules, with the receivers.
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READ)
public class AlertmanagerStatusResource {

    /** The Alertmanager API version Tocsin answers as (its OpenAPI). */
    static final String API_VERSION = "0.25.0";

    public record Status(Cluster cluster, VersionInfo versionInfo, Config config, String uptime) {
    }

    public record Cluster(String status, List<Object> peers) {
    }

    public record VersionInfo(String version, String revision, String branch, String buildUser, String buildDate,
            String goVersion) {
    }

    public record Config(String original) {
    }

    @Inject
    Engine engine;
    @Inject
    TocsinConfig config;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @GET
    @Path("status")
    public CompletionStage<Status> status() {
        return receivers().thenApply(receivers -> new Status(new Cluster("disabled", List.of()),
                new VersionInfo(API_VERSION + "+tocsin." + version, "", "", "", "",
                        "none (Tocsin runs on Java " + Runtime.version().feature() + ")"),
                new Config(original(receivers)),
                Times.format(ManagementFactory.getRuntimeMXBean().getStartTime())));
    }

    @GET
    @Path("receivers")
    public CompletionStage<List<GettableAlert.Receiver>> receiverList() {
        return receivers().thenApply(names -> names.stream().map(GettableAlert.Receiver::new).toList());
    }

    private CompletionStage<SortedSet<String>> receivers() {
        return AlertmanagerApiError.translated(engine.read(view -> view.actionHistory()))
                .thenApply(history -> Receivers.all(config, history.all()));
    }

    private String original(SortedSet<String> receivers) {
        StringBuilder out = new StringBuilder()
                .append("# Tocsin ").append(version).append(" answers Alertmanager's API v2 (").append(API_VERSION)
                .append(").\n# Its routing is the DRL rules in rules/ (GET /api/v1/rules), not an Alertmanager")
                .append(" configuration.\n# Receivers (receiver/destination), configured or used by actions:\n");
        receivers.forEach(r -> out.append("#   ").append(r).append('\n'));
        return out.toString();
    }
}
