package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.engine.fact.Priority;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieRuntimeBuilder;

@QuarkusTest
class RuleCatalogTest {

    @Inject
    KieRuntimeBuilder runtime;

    @Test
    void readsMetadataAndSourceLocationOfGenesisRules() {
        RuleCatalog catalog = RuleCatalog.of(runtime.getKieBase("tocsin"));
        RuleInfo rule = catalog.byId("genesis.Error ratio above 0.1% for 2 minutes");
        assertEquals("HighErrorRate", rule.alert());
        assertEquals(120_000, rule.forMillis());
        assertEquals(Priority.P1, rule.priority());
        assertEquals("genesis", rule.pack());
        assertEquals("genesis/slo.drl", rule.file());
        assertTrue(rule.line() > 0);
    }
}
