package io.tocsin.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * An identity provider's setup: JWTs accepted, verified with a public key made by the test (both halves in
 * {@code target/jwt-test/}, where the test signs with the private one), issuer {@value #ISSUER}, roles in the
 * {@code roles} claim.
 */
public class JwtProfile implements QuarkusTestProfile {

    static final String ISSUER = "https://idp.example.test";
    static final Path KEYS = Path.of("target", "jwt-test");

    /** Called more than once per boot (and in more than one class loader), so the key pair is made only once. */
    @Override
    public Map<String, String> getConfigOverrides() {
        Path publicKey = KEYS.resolve("public.pem");
        try {
            if (!Files.exists(publicKey) || !Files.exists(KEYS.resolve("private.pem"))) {
                KeyPair pair = keyPair();
                Files.createDirectories(KEYS);
                Files.writeString(KEYS.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("tocsin.security.jwt.enabled", "true",
                "mp.jwt.verify.publickey.location", publicKey.toAbsolutePath().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "smallrye.jwt.path.groups", "roles");
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
