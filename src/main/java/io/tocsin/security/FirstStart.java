package io.tocsin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * What the first start does when no token is configured at all: makes an admin token named {@code admin},
 * puts its hash in the token file and the token itself in {@code <data-dir>/admin.token}, both readable only
 * by the user Tocsin runs as. So {@code ./tocsin} needs no secret from anyone and still refuses strangers.
 */
final class FirstStart {

    static final String ADMIN_TOKEN_FILE = "admin.token";
    static final String ADMIN_NAME = "admin";

    private FirstStart() {
    }

    /** Writes both files (token file last, so a crash in between leaves "no token configured" again). */
    static ApiToken createAdminToken(Path dataDir, Path tokenFile) {
        String token = ApiToken.generate();
        try {
            SecretFile.write(dataDir.resolve(ADMIN_TOKEN_FILE), token + "\n");
            SecretFile.write(tokenFile, TokenFile.HEADER + TokenFile.line(ADMIN_NAME, Roles.ADMIN, token) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("no API token is configured and the first admin token cannot be written"
                    + " to " + dataDir + " (set tocsin.data-dir to a writable directory, or configure tokens)", e);
        }
        return new ApiToken(ADMIN_NAME, Set.of(Roles.ADMIN), ApiToken.sha256(token), tokenFile.toString());
    }
}
