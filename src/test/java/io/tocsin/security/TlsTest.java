package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * Tocsin over HTTPS with the certificate the profile made: a client that trusts exactly that certificate (and
 * checks the host name) gets answers, tokens still apply, a client that does not trust it is refused, and plain
 * HTTP is not served at all.
 */
@QuarkusTest
@TestProfile(TlsProfile.class)
class TlsTest {

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    private static HttpClient trusting() throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TlsProfile.KEY_STORE)) {
            server.load(in, TlsProfile.PASSWORD.toCharArray());
        }
        Certificate certificate = server.getCertificate("tocsin");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("tocsin", certificate); // the certificate only, never the key
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpRequest get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + https.getPort() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    @Test
    void servesHttpsWithTheConfiguredCertificateAndStillNeedsTokens() throws Exception {
        HttpClient client = trusting();
        assertEquals(200, client.send(get("/api/v1/alerts", TestTokens.READ), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        assertEquals(401, client.send(get("/api/v1/alerts", null), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, client.send(get("/q/health/ready", null), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(); // JDK's CAs
        assertThrows(SSLHandshakeException.class,
                () -> client.send(get("/q/health", null), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void plainHttpIsNotServed() throws Exception {
        int plain = Integer.parseInt(Files.readString(TlsProfile.PLAIN_PORT).strip());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        assertThrows(ConnectException.class, () -> client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + plain + "/q/health")).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
