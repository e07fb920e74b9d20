package io.tocsin.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives every test application (in-process and packaged: test resources apply to all tests) the
 * {@link TestTokens}. Registered on {@link AccessTest}.
 */
public class TestTokensResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestTokens.config();
    }

    @Override
    public void stop() {
    }
}
