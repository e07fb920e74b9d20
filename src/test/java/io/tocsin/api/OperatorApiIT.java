package io.tocsin.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Acknowledgements, silences, deployments and actions against the packaged jar. */
@QuarkusIntegrationTest
class OperatorApiIT extends OperatorApiTest {
}
