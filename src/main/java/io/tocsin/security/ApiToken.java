package io.tocsin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A bearer token Tocsin knows: its name (recorded as who did what), its roles, and the SHA-256 of the token.
 * The token itself is never stored. A plain SHA-256 is enough because tokens are 256 random bits: nobody can
 * guess one or invert the hash, however fast the hash is. Slow, salted KDFs (bcrypt, Argon2) exist to protect
 * low-entropy human passwords, which these are not; they would only cost time on every request.
 */
public record ApiToken(String name, Set<String> roles, byte[] sha256, String source) {

    /** Names are recorded in acknowledgements, silences and rollbacks, and separate fields in the token file. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    /** Tokens made here start with this, so secret scanners and people recognise them. */
    public static final String PREFIX = "tocsin_";

    /** A token shorter than this cannot be a high-entropy secret. */
    public static final int MIN_LENGTH = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiToken {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name '" + name
                    + "': use 1 to 64 letters, digits and . _ @ -");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("token '" + name + "' has no role");
        }
        if (sha256.length != 32) {
            throw new IllegalArgumentException("token '" + name + "': a SHA-256 is 32 bytes (64 hex digits)");
        }
        roles = Set.copyOf(roles);
    }

    /** A new random token: {@code tocsin_} and 32 random bytes in URL-safe base64 (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** Compares without an early exit, so the time taken says nothing about how much of the hash matched. */
    boolean matches(byte[] presentedSha256) {
        return MessageDigest.isEqual(sha256, presentedSha256);
    }

    @Override
    public String toString() {
        return "ApiToken[" + name + " " + Roles.format(roles) + " from " + source + "]"; // never the hash
    }
}
