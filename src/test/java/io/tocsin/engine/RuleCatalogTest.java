package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tocsin.engine.fact.Priority;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.testing.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {

    @Test
    void readsMetadataAndSourceLocationOfRules() throws IOException {
        RuleCatalog catalog = TestRules.fixture().catalog();
        RuleInfo rule = catalog.byId("fixture.Error ratio above 0.1% for 2 minutes");
        assertEquals("HighErrorRate", rule.alert());
        assertEquals(120_000, rule.forMillis());
        assertEquals(Priority.P1, rule.priority());
        assertEquals("fixture", rule.pack());
        assertEquals("fixture/slo.drl", rule.file());
        List<String> lines = Files.readAllLines(TestRules.FOLDER.resolve("fixture/slo.drl"));
        assertEquals("rule \"Error ratio above 0.1% for 2 minutes\"", lines.get(rule.line() - 1));
    }

    @Test
    void readsTheCheckpointCadence() {
        assertEquals("intensive every 15m until 6h, active every 1h until 24h, extended every 3h",
                TestRules.fixture().catalog().cadence().toString());
    }
}
