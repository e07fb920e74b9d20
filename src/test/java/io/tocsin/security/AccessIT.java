package io.tocsin.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The API table walked against the packaged jar. */
@QuarkusIntegrationTest
class AccessIT extends AccessTest {
}
