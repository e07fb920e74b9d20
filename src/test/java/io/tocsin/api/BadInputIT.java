package io.tocsin.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Bad-input handling against the packaged jar. */
@QuarkusIntegrationTest
class BadInputIT extends BadInputTest {
}
