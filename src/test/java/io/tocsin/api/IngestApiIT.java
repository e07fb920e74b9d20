package io.tocsin.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The ingestion contract against the packaged jar (the rules compiled into it, not the test classpath). */
@QuarkusIntegrationTest
class IngestApiIT extends IngestApiTest {
}
