package io.tocsin.api.alertmanager;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Alertmanager API v2 against the packaged jar. */
@QuarkusIntegrationTest
class AlertmanagerApiIT extends AlertmanagerApiTest {
}
