package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.ActionRecord;
import io.tocsin.dispatch.DispatchPolicy;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieRuntimeBuilder;

/** {@code tocsin.dry-run=true}: every action is recorded as dry-run and nothing is handed to the dispatcher. */
@QuarkusTest
class DryRunTest {

    @Inject
    KieRuntimeBuilder runtime;

    @Test
    void dryRunRecordsEverythingAndDispatchesNothing() {
        DispatchPolicy configured = DispatchPolicy.from(Arc.container().instance(TocsinConfig.class).get());
        DispatchPolicy dryRun = new DispatchPolicy(true, Set.of(), configured.escalation(), configured.rollbackCommand());
        try (Timeline t = new Timeline(runtime, DeploymentStore.inMemory(), dryRun)) {
            t.every("15s", "0", "6m", "genesis_error_ratio", Map.of("service", "genesis", "category", "llm"), 0.02);
            assertEquals(Set.of("notify", "remediate", "rollback"),
                    Set.copyOf(t.actions().stream().map(ActionRecord::type).toList()));
            assertTrue(t.actions().stream().allMatch(r -> r.snapshot().status() == ActionRecord.Status.DRY_RUN));
            assertTrue(t.dispatched().isEmpty());
        }
    }

    @Test
    void withoutDryRunTheSameActionsAreDispatched() {
        DispatchPolicy configured = DispatchPolicy.from(Arc.container().instance(TocsinConfig.class).get());
        DispatchPolicy live = new DispatchPolicy(false, Set.of(), configured.escalation(), configured.rollbackCommand());
        try (Timeline t = new Timeline(runtime, DeploymentStore.inMemory(), live)) {
            t.every("15s", "0", "6m", "genesis_error_ratio", Map.of("service", "genesis", "category", "llm"), 0.02);
            assertEquals(t.actions().size(), t.dispatched().size());
        }
    }
}
