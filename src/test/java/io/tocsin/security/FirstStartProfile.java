package io.tocsin.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh installation: no token anywhere (the tests' own tokens and receivers are left out) and an empty data
 * directory of its own under {@code target/}.
 */
public class FirstStartProfile implements QuarkusTestProfile {

    /** Per test JVM, so every run starts from nothing. */
    static final Path DATA_DIR = Path.of("target", "first-start-" + ProcessHandle.current().pid(), "data");

    @Override
    public Map<String, String> getConfigOverrides() {
        // TOCSIN_API_TOKEN, which CI and scripts pass, is an admin token too: blank here, as on a fresh host
        return Map.of("tocsin.data-dir", DATA_DIR.toAbsolutePath().toString(), "tocsin.api-token", "");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
