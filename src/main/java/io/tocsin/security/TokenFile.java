package io.tocsin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The token file: one token per line as {@code name:roles:sha256}, where roles are comma-separated and sha256
 * is the token's SHA-256 in 64 hex digits; blank lines and lines starting with {@code #} are ignored.
 *
 * <pre>
 * # who:roles:sha256 of the token
 * prometheus:ingest:&lt;64 hex digits&gt;
 * alice:read,operator:&lt;64 hex digits&gt;
 * </pre>
 */
public final class TokenFile {

    static final String HEADER = """
            # Tocsin API tokens, one per line: name:roles:sha256 of the token (64 hex digits).
            # Roles: ingest, read, operator, admin (comma-separated). Make a token with: ./tocsin token <name> <roles>
            # Tocsin reads this file at start; restart it after a change.
            """;

    private TokenFile() {
    }

    /** Invalid content, with the file and line it is on. */
    public static final class InvalidTokenFile extends RuntimeException {
        InvalidTokenFile(String message) {
            super(message);
        }
    }

    public static List<ApiToken> read(Path file) {
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file, e);
        }
    }

    static List<ApiToken> parse(List<String> lines, String where) {
        List<ApiToken> tokens = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = where + ":" + (i + 1) + ": ";
            String[] fields = line.split(":", -1);
            if (fields.length != 3) {
                throw new InvalidTokenFile(at + "expected name:roles:sha256, found " + fields.length + " field(s)");
            }
            try {
                tokens.add(new ApiToken(fields[0].strip(), Roles.parse(fields[1]), hash(fields[2].strip()), where));
            } catch (IllegalArgumentException e) {
                throw new InvalidTokenFile(at + e.getMessage());
            }
        }
        return tokens;
    }

    /** 64 hex digits; anything else (a token pasted by mistake) is refused with a hint. */
    static byte[] hash(String hex) {
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("the third field must be the SHA-256 of the token (64 hex digits),"
                    + " never the token itself; ./tocsin token prints the line to add");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The line for a token: {@code name:roles:sha256}. */
    public static String line(String name, String roles, String token) {
        return name + ":" + roles + ":" + ApiToken.sha256Hex(token);
    }
}
