package io.tocsin.dispatch.notify.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.Delivery;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Posts alerts to an Alertmanager's {@code /api/v2/alerts}, with its bearer token or basic authentication, within
 * the dispatch timeout. Failures are described by kind and status only: neither the URL nor a credential reaches
 * logs or the API.
 */
@ApplicationScoped
public class AlertmanagerClient {

    @Inject
    TocsinConfig config;
    @Inject
    ObjectMapper json;

    private HttpClient http;

    @PostConstruct
    void open() {
        http = HttpClient.newBuilder().connectTimeout(config.dispatch().timeout()).build();
    }

    /** Sends {@code alerts} to the Alertmanager configured as {@code name}. */
    public Delivery post(String name, List<PostableAlert> alerts) {
        TocsinConfig.Alertmanager target = config.alertmanagers().get(name);
        if (target == null) {
            return Delivery.permanent("none", "no Alertmanager '" + name + "' (tocsin.alertmanagers." + name + ".url)");
        }
        HttpRequest.Builder request;
        try {
            String base = target.url().endsWith("/") ? target.url().substring(0, target.url().length() - 1)
                    : target.url();
            request = HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts"))
                    .timeout(config.dispatch().timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Tocsin")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(alerts)));
        } catch (IllegalArgumentException e) {
            return Delivery.permanent("http", "invalid URL configured for Alertmanager '" + name + "'");
        } catch (JsonProcessingException e) {
            return Delivery.permanent("http", "could not write the alerts: " + e.getOriginalMessage());
        }
        Optional<String> authorization;
        try {
            authorization = authorization(target);
        } catch (IOException e) {
            return Delivery.permanent("http", "cannot read tocsin.alertmanagers." + name + ".bearer-token-file ("
                    + e.getClass().getSimpleName() + ")");
        }
        authorization.ifPresent(a -> request.header("Authorization", a));
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return Delivery.ofHttpStatus(response.statusCode());
        } catch (HttpTimeoutException e) {
            return Delivery.retryable("http", "timed out");
        } catch (ConnectException e) {
            return Delivery.retryable("http", "connection refused");
        } catch (IOException e) {
            return Delivery.retryable("http", "request failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.retryable("http", "interrupted");
        }
    }

    /** A bearer token (the file is read at each send, so it can be rotated), or basic authentication, or none. */
    static Optional<String> authorization(TocsinConfig.Alertmanager target) throws IOException {
        if (target.bearerTokenFile().isPresent()) {
            return Optional.of("Bearer " + Files.readString(Path.of(target.bearerTokenFile().get())).strip());
        }
        if (target.bearerToken().isPresent()) {
            return Optional.of("Bearer " + target.bearerToken().get().strip());
        }
        if (target.username().isPresent()) {
            String pair = target.username().get() + ":" + target.password().orElse("");
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }
}
