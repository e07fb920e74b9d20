package io.tocsin.security;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests with exactly the Authorization header a test chooses (or none), which RestAssured's default token
 * would get in the way of; to the application under test.
 */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** {@code authorization} is the whole header value ({@code Bearer ...}), or null for none. */
    static HttpResponse<String> send(String method, String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<java.io.InputStream> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            // an event stream never ends: its status and headers are the answer
            boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            String text;
            try (java.io.InputStream in = response.body()) {
                text = stream ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            return new Answer(response, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body read (empty for an event stream). */
    private record Answer(HttpResponse<java.io.InputStream> raw, String body) implements HttpResponse<String> {
        public int statusCode() {
            return raw.statusCode();
        }

        public HttpRequest request() {
            return raw.request();
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return raw.headers();
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return raw.sslSession();
        }

        public URI uri() {
            return raw.uri();
        }

        public HttpClient.Version version() {
            return raw.version();
        }
    }

    static HttpResponse<String> send(String method, String path, String authorization) {
        return send(method, path, authorization, null);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
