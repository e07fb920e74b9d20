package io.tocsin.dispatch;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Dispatch end to end against the packaged jar, with the same loopback receivers and commands. */
@QuarkusIntegrationTest
class DispatchIT extends DispatchTest {
}
