package io.tocsin.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where people and tools reach this Tocsin: {@code tocsin.external-url}, else {@code http://} plus the address and
 * port it listens on. The base of the links it hands out, such as an alert's {@code generatorURL}.
 */
@ApplicationScoped
public class ExternalUrl {

    @Inject
    TocsinConfig config;
    @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1")
    String host;
    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    /** Without a trailing slash. */
    public String get() {
        String url = config.externalUrl().orElseGet(() -> "http://" + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + port);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
