package io.tocsin.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The remote-write contract against the packaged jar. */
@QuarkusIntegrationTest
class RemoteWriteApiIT extends RemoteWriteApiTest {
}
