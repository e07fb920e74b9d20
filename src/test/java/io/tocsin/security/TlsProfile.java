package io.tocsin.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HTTPS only: a self-signed certificate for localhost and 127.0.0.1 made with the JDK's keytool into
 * {@code target/tls-test/}, served from a PKCS#12 key store, and plain HTTP turned off. The plain port is a free
 * one chosen here, so the test can show that nothing listens on it.
 */
public class TlsProfile implements QuarkusTestProfile {

    static final Path DIR = Path.of("target", "tls-test");
    static final Path KEY_STORE = DIR.resolve("server.p12");
    /** Per test JVM, so a port chosen by an earlier run (and maybe taken since) is never reused. */
    static final Path PLAIN_PORT = DIR.resolve("plain-port-" + ProcessHandle.current().pid());
    static final String PASSWORD = "test-only-password";

    /** Called more than once per boot, so the certificate and the port are chosen once. */
    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            if (!Files.exists(KEY_STORE)) {
                makeKeyStore();
            }
            if (!Files.exists(PLAIN_PORT)) {
                try (ServerSocket free = new ServerSocket(0)) {
                    Files.writeString(PLAIN_PORT, Integer.toString(free.getLocalPort()));
                }
            }
            return Map.of("quarkus.http.ssl.certificate.key-store-file", KEY_STORE.toAbsolutePath().toString(),
                    "quarkus.http.ssl.certificate.key-store-password", PASSWORD,
                    "quarkus.http.insecure-requests", "disabled",
                    "quarkus.http.test-port", Files.readString(PLAIN_PORT).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void makeKeyStore() throws IOException {
        Files.createDirectories(DIR);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "tocsin",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", KEY_STORE.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
